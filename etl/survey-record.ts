/**
 * The records that flow through the survey ingest pipeline, stage by stage:
 *
 *   open → SourceLayer            (etl/source/: zip, folder or .shp; zip safety)
 *   read + decode → RawRecord     (etl/source/: .shp geometry in the source CRS, .dbf attributes decoded)
 *   reproject → RawRecord         (etl/reproject/: geometry in EPSG:4326)
 *   map fields → MappedRecord     (etl/fields/: profile → known fields + everything else kept)
 *   classify → class code         (etl/classify/: GB/T 30428.2 sub-class, or a RowRejection)
 *   validate → findings           (etl/validate/: named rules, reject or warn)
 *   locate → base grid            (etl/locate/)
 *   own → department              (etl/own/)
 *   stage, match, commit          (etl/load/: the only stage that touches the database)
 * etl/pipeline/row-stages.ts strings the per-row stages together; import-survey.ts runs a batch.
 */
import type { Geometry } from 'geojson';

/** One layer found in an upload: a .shp and its sidecar files (paths on disk, already extracted). */
export interface SourceLayer {
  /** The layer name: the .shp file name without extension (may be Chinese, e.g. 井盖). */
  name: string;
  /** Path of the layer inside the upload, for messages (e.g. `survey/井盖.shp`). */
  displayPath: string;
  shpPath: string;
  shxPath?: string;
  dbfPath?: string;
  prjPath?: string;
  cpgPath?: string;
}

/** How the text of a layer was decoded, and why. */
export interface TextEncodingChoice {
  /** A WHATWG / iconv-lite encoding label: 'utf-8', 'gbk', 'windows-1252', … */
  encoding: string;
  /** Where the choice came from. */
  source: 'override' | 'cpg' | 'ldid' | 'detected' | 'default';
}

/** A row as read from a layer: geometry in the layer's CRS until reprojected; attributes decoded. */
export interface RawRecord {
  layer: string;
  /** 1-based row number in the .dbf / .shp, as a contractor counts rows. */
  row: number;
  /** null for a null shape (type 0) or a row with no geometry. */
  geometry: Geometry | null;
  /** Decoded .dbf fields by (decoded) field name; dates as ISO 'YYYY-MM-DD' strings; empty → null. */
  attributes: Record<string, string | number | boolean | null>;
}

/** A problem that keeps a row out of the inventory. */
export interface RowRejection {
  /** The rule's stable id, used in reports and filters, e.g. 'geometry.null', 'class.unknown'. */
  rule: string;
  /** A sentence a contractor can act on, naming the field and value. */
  message: string;
}

/** Attributes after the field profile: the fields civicgrid understands, and everything else. */
export interface MappedFields {
  /** 部件标识码 / ObjID — an existing 16-digit code, if the survey carries one. */
  code?: string | null;
  /** Class as given: a 4-digit code or a name such as 路灯杆 (类型 / ObjName / type…). */
  classText?: string | null;
  /** 名称 */
  name?: string | null;
  /** 状态 / ObjState */
  state?: string | null;
  /** 材质 */
  material?: string | null;
  /** 权属单位 / DeptName — owner name as written by the contractor */
  ownerText?: string | null;
  /** DeptCode */
  ownerCode?: string | null;
  /** BGID — the base grid code the contractor put it in, if any */
  gridCode?: string | null;
  /** 调查日期 / ORDate, as given */
  surveyDate?: string | null;
  /** CHDate — date of last change */
  changeDate?: string | null;
  /** 照片 — relative photo path */
  photo?: string | null;
  /** DataSource */
  dataSource?: string | null;
  /** 备注 / Note */
  note?: string | null;
}

export interface MappedRecord extends RawRecord {
  fields: MappedFields;
  /** Columns no profile knows, kept as they were: nothing is dropped. */
  extra: Record<string, string | number | boolean | null>;
}
