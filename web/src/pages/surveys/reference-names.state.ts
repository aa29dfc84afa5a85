/** Department and town names in both languages, for the preview's counts (the summary carries Chinese only). */
import { useEffect, useState } from 'react';
import { api } from '../../api/api-client.ts';
import { getGrids } from '../../api/client.ts';

export interface ReferenceNames {
  departments: Map<string, { name_zh: string; name_en: string }>;
  towns: Map<string, { name_zh: string; name_en: string }>;
}

export function useReferenceNames(): ReferenceNames {
  const [names, setNames] = useState<ReferenceNames>({ departments: new Map(), towns: new Map() });
  useEffect(() => {
    const abort = new AbortController();
    Promise.all([api.GET('/api/departments', { signal: abort.signal }), getGrids(2, abort.signal)])
      .then(([departments, towns]) => {
        setNames({
          departments: new Map((departments.data ?? []).map((d) => [d.code, d])),
          towns: new Map(towns.features.map((f) => [f.properties.code, f.properties])),
        });
      })
      .catch(() => undefined); // names only translate; the Chinese from the report stays
    return () => abort.abort();
  }, []);
  return names;
}
