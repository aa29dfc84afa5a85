/**
 * Stage 6, classify: each row gets a GB/T 30428.2 component sub-class, or a rejection saying what
 * to write instead. Sources, in order: the type column (code or name), the layer name (路灯.shp),
 * the class digits of the ObjID, the 名称 column (东吴北路路灯).
 */
import type { MappedFields, RowRejection } from '../survey-record.ts';
import type { MappedFieldKey } from '../fields/field-profile.ts';
import { objIdClassCode } from './class-code.ts';
import type { ClassIndex, ClassVia, TextLookup } from './class-index.ts';

/** A row's class, and where it came from (for the report). */
export interface Classification {
  classCode: string;
  via: ClassVia;
}

export interface ClassifyOptions {
  /** Source column per field (FieldResolution.fed), so messages name the contractor's columns. */
  columns?: Partial<Record<MappedFieldKey, string>>;
}

/** How many suggestions an unknown type gets. */
const SUGGESTIONS = 3;
/** How many classes an ambiguity message lists before '…'. */
const LISTED = 6;

/**
 * Classifies one row. Build the ClassIndex once per batch; texts are resolved once and remembered.
 *
 * @example
 * const index = new ClassIndex(reference.componentClasses, readComponentAliases());
 * classify({ classText: '路灯杆' }, '部件调查', index)  // { classCode: '0118', via: 'alias' }
 * classify({}, '路灯', index)                          // { classCode: '0118', via: 'layer' }
 * classify({}, '井盖', index)                          // { rule: 'class.missing', message: '类型 is empty and the layer 井盖 could be …' }
 * classify({ classText: '路登' }, 'x', index)          // { rule: 'class.unknown', message: "类型 '路登' is not a known … nearest: 路灯 (0118), …" }
 */
export function classify(fields: MappedFields, layerName: string, index: ClassIndex, options: ClassifyOptions = {}): Classification | RowRejection {
  const typeColumn = options.columns?.classText ?? '类型';
  const objClass = knownClass(index, objIdClassCode(fields.code));
  const text = fields.classText;

  if (text) {
    const found = index.lookup(text);
    switch (found.kind) {
      case 'class':
        return { classCode: found.code, via: found.via };
      case 'ambiguous': {
        // 类型 井盖 in layer 雨水井盖, or with an ObjID of class 0103: the context decides
        const layer = index.lookupInside(layerName);
        if (objClass && found.codes.includes(objClass)) return { classCode: objClass, via: 'objid' };
        if (layer.kind === 'class' && found.codes.includes(layer.code)) return { classCode: layer.code, via: 'layer' };
        return {
          rule: 'class.ambiguous',
          message: `${typeColumn} '${text}' could be any of ${listClasses(index, found.codes)}: write the exact class name or its 4-digit code`,
        };
      }
      case 'conflict':
        return {
          rule: 'class.conflict',
          message: `${typeColumn} '${text}' gives code ${found.code} (${index.nameOf(found.code)}) but names ${index.nameOf(found.otherCode)} (${found.otherCode}): correct one of them`,
        };
      case 'unknown-code':
        return {
          rule: 'class.unknown',
          message: `${typeColumn} '${text}': ${found.code} is not a GB/T 30428.2 component class code (local extension classes are not accepted)`,
        };
      case 'unknown': {
        const nearest = index.nearest(text, SUGGESTIONS);
        const hint = nearest.length > 0 ? `nearest: ${describeClasses(index, nearest)}` : 'no class name is similar; write a GB/T 30428.2 class name or its 4-digit code';
        return { rule: 'class.unknown', message: `${typeColumn} '${text}' is not a known component class; ${hint}` };
      }
    }
  }

  // the layer before the ObjID: in layer 路灯 an ObjID of a 雨水井盖 is a mistake for
  // code.class_mismatch to report, not a reason to file the row as a cover
  const layer = index.lookupInside(layerName);
  if (layer.kind === 'class') return { classCode: layer.code, via: 'layer' };
  if (objClass) return { classCode: objClass, via: 'objid' };
  const named = fields.name ? index.lookupInside(fields.name) : null;
  if (named?.kind === 'class') return { classCode: named.code, via: 'name-field' };
  return { rule: 'class.missing', message: missingMessage(index, typeColumn, layerName, layer, options.columns?.name ?? '名称') };
}

/**
 * True for a rejection, false for a classification.
 *
 * @example
 * const result = classify(fields, layer, index);
 * if (isRowRejection(result)) rejects.push(result); else record.classCode = result.classCode;
 */
export function isRowRejection(result: Classification | RowRejection): result is RowRejection {
  return 'rule' in result;
}

function knownClass(index: ClassIndex, code: string | null): string | null {
  return code !== null && index.classes.has(code) ? code : null;
}

function missingMessage(index: ClassIndex, typeColumn: string, layerName: string, layer: TextLookup, nameColumn: string): string {
  if (layer.kind === 'ambiguous') {
    return `${typeColumn} is empty and the layer ${layerName} could be any of ${listClasses(index, layer.codes)}: write the class in ${typeColumn}`;
  }
  return `${typeColumn} is empty, and neither the ObjID, the layer name ${layerName} nor ${nameColumn} names a component class: write the class in ${typeColumn}`;
}

function describeClasses(index: ClassIndex, codes: readonly string[]): string {
  return codes.map((code) => `${index.nameOf(code)} (${code})`).join(', ');
}

function listClasses(index: ClassIndex, codes: readonly string[]): string {
  const listed = describeClasses(index, codes.slice(0, LISTED));
  return codes.length > LISTED ? `${listed} … (${codes.length} classes)` : listed;
}
