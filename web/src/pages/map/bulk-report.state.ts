/**
 * Reporting one problem on many components: a problem type per component class, then one
 * `POST /api/cases` per component, a few at a time. Components with an open case join it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ComponentFeature } from './map-panel.state.ts';
import { problemTypesFor, reportCase, type ProblemType } from './case-report.state.ts';

export interface BulkProgress {
  done: number;
  created: number;
  joined: number;
  failed: number;
}

export function useBulkReport(components: ComponentFeature[]) {
  const classCodes = useMemo(() => [...new Set(components.map((c) => c.properties.class_code))].sort(), [components]);
  const [typesByClass, setTypesByClass] = useState<Record<string, ProblemType[]>>({});
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<BulkProgress>();
  const [running, setRunning] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all(classCodes.map(async (code) => [code, await problemTypesFor(code).catch(() => [])] as const)).then((entries) => {
      if (!live) return;
      setTypesByClass(Object.fromEntries(entries));
      setChosen(Object.fromEntries(entries.map(([code, types]) => [code, types[0]?.code ?? ''])));
    });
    return () => {
      live = false;
    };
  }, [classCodes]);

  const submit = useCallback(
    async (note: string) => {
      setRunning(true);
      const tally: BulkProgress = { done: 0, created: 0, joined: 0, failed: 0 };
      setProgress({ ...tally });
      const queue = [...components];
      // a few requests at a time: the server numbers cases one by one per day anyway
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const problemType = chosen[next.properties.class_code];
          try {
            if (!problemType) throw new Error('no problem type');
            const report = await reportCase(next.properties.code, { problemType, note });
            if (report.joined) tally.joined++;
            else tally.created++;
          } catch {
            tally.failed++;
          }
          tally.done++;
          setProgress({ ...tally });
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      setRunning(false);
    },
    [chosen, components],
  );

  return { classCodes, typesByClass, chosen, choose: (classCode: string, type: string) => setChosen((c) => ({ ...c, [classCode]: type })), progress, running, submit };
}
