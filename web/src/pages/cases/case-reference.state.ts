/**
 * The reference data a case is shown with: department names (zh/en), problem type names, and the
 * town and community names that make a base grid's place path. Each is fetched once per page load
 * and shared by every component that asks.
 */
import { useEffect, useState } from 'react';
import { api, type Schema } from '../../api/api-client.ts';
import { getGrids, type GridProperties } from '../../api/client.ts';
import { nameField, type Locale } from '../../i18n.ts';
import { shortName } from '../../map/short-names.ts';

type Department = Schema<'Department'>;
type ProblemType = { code: string; name_zh: string; name_en: string };

export interface CaseReference {
  departments: Department[];
  departmentByCode: Map<string, Department>;
  problemTypes: Map<string, ProblemType>;
  /** towns and communities by grid code */
  grids: Map<string, GridProperties>;
}

const empty: CaseReference = { departments: [], departmentByCode: new Map(), problemTypes: new Map(), grids: new Map() };
let loading: Promise<CaseReference> | undefined;

async function loadReference(): Promise<CaseReference> {
  const [departments, problemTypes, towns, communities] = await Promise.all([
    api.GET('/api/departments').then(({ data }) => data ?? []),
    api.GET('/api/problem-types').then(({ data }) => (data ?? []) as ProblemType[]),
    getGrids(2).catch(() => undefined),
    getGrids(3).catch(() => undefined),
  ]);
  const grids = new Map<string, GridProperties>();
  for (const grid of [...(towns?.features ?? []), ...(communities?.features ?? [])]) grids.set(grid.properties.code, grid.properties);
  return {
    departments,
    departmentByCode: new Map(departments.map((d) => [d.code, d])),
    problemTypes: new Map(problemTypes.map((p) => [p.code, p])),
    grids,
  };
}

/** The reference data; empty maps until it has loaded (names then fall back to codes). */
export function useCaseReference(): CaseReference {
  const [reference, setReference] = useState(empty);
  useEffect(() => {
    let live = true;
    loading ??= loadReference().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    loading.then((loaded) => live && setReference(loaded)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return reference;
}

/** A department's name in `locale`, falling back to the Chinese name the case carries, then the code. */
export function departmentName(reference: CaseReference, locale: Locale, department: { code: string; name_zh?: string } | null | undefined): string {
  if (!department) return '—';
  const known = reference.departmentByCode.get(department.code);
  return known?.[nameField(locale)] || department.name_zh || department.code;
}

/**
 * 网格路径 — town › community › base grid for a case's base grid (codes nest: 9 + 3 + 2 digits).
 * @example gridPath(reference, 'zh', { code: '32050600100101', name_zh: '长桥街道第01社区01网格' }) // '长桥街道 › 第01社区 › 01网格'
 */
export function gridPath(reference: CaseReference, locale: Locale, grid: { code: string; name_zh: string } | null): string {
  if (!grid) return '—';
  const town = reference.grids.get(grid.code.slice(0, 9));
  const community = reference.grids.get(grid.code.slice(0, 12));
  const field = nameField(locale);
  if (!town || !community) return grid.name_zh;
  const base = locale === 'zh' ? shortName(grid.name_zh, community.name_zh) : `Grid ${grid.code.slice(12)}`;
  return [town[field], shortName(community[field], town[field]), base].join(' › ');
}

/** A problem type's name in `locale`, or its code. */
export function problemName(reference: CaseReference, locale: Locale, code: string | null): string {
  if (!code) return '—';
  return reference.problemTypes.get(code)?.[nameField(locale)] ?? code;
}
