/**
 * Reference data the map page needs once: component classes (names of the major classes and of
 * every sub-class) and departments (owner names in both languages).
 */
import { useEffect, useState } from 'react';
import { api, type Schema } from '../../api/api-client.ts';

export interface MajorClass {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface MapReference {
  majors: MajorClass[];
  classes: Map<string, Schema<'ComponentClass'>>;
  departments: Schema<'Department'>[];
}

const empty: MapReference = { majors: [], classes: new Map(), departments: [] };

export function useMapReference(): MapReference {
  const [reference, setReference] = useState<MapReference>(empty);
  useEffect(() => {
    let live = true;
    Promise.all([api.GET('/api/classes', { params: { query: { kind: 'component' } } }), api.GET('/api/departments')])
      .then(([classes, departments]) => {
        if (!live) return;
        const componentClasses = (classes.data ?? []).filter((c): c is Schema<'ComponentClass'> => c.kind === 'component');
        const majors = new Map<string, MajorClass>();
        for (const c of componentClasses) majors.set(c.major_code, { code: c.major_code, name_zh: c.major_name_zh, name_en: c.major_name_en });
        setReference({
          majors: [...majors.values()].sort((a, b) => a.code.localeCompare(b.code)),
          classes: new Map(componentClasses.map((c) => [c.code, c])),
          departments: departments.data ?? [],
        });
      })
      .catch(() => undefined); // the filters then offer nothing to choose; the map still works
    return () => {
      live = false;
    };
  }, []);
  return reference;
}
