/**
 * The case form behind a component card: the problem types of the component's class
 * (`GET /api/problem-types?class=`), the case class defaulting from the chosen type, a note, and
 * the report (`POST /api/cases`), which opens a case or joins the component's open one.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../../api/api-client.ts';

export type ProblemType = Schema<'ProblemType'>;
export type CaseClass = ProblemType['case_class'];
export type CaseReport = Schema<'CaseReport'>;

export interface CaseDraft {
  problemType: string;
  caseClass: CaseClass | '';
  note: string;
}

export type ReportState = { status: 'editing'; error?: string } | { status: 'sending' } | { status: 'sent'; report: CaseReport };

/** The problem types of a component class, cached for the page's lifetime. */
const typesByClass = new Map<string, Promise<ProblemType[]>>();

export function problemTypesFor(classCode: string): Promise<ProblemType[]> {
  let types = typesByClass.get(classCode);
  if (!types) {
    types = api.GET('/api/problem-types', { params: { query: { class: classCode } } }).then(({ data, error }) => {
      if (!data) {
        typesByClass.delete(classCode);
        throw new Error(errorMessage(error));
      }
      return data;
    });
    typesByClass.set(classCode, types);
  }
  return types;
}

export function useProblemTypes(classCode: string): ProblemType[] {
  const [types, setTypes] = useState<ProblemType[]>([]);
  useEffect(() => {
    let live = true;
    problemTypesFor(classCode)
      .then((list) => live && setTypes(list))
      .catch(() => live && setTypes([]));
    return () => {
      live = false;
    };
  }, [classCode]);
  return types;
}

/** Reports a problem on a component; the server routes it, or joins the open case. */
export async function reportCase(componentCode: string, draft: { problemType: string; caseClass?: CaseClass | ''; note?: string }): Promise<CaseReport> {
  const { data, error } = await api.POST('/api/cases', {
    body: {
      component_code: componentCode,
      problem_type: draft.problemType,
      ...(draft.caseClass ? { case_class: draft.caseClass } : {}),
      ...(draft.note?.trim() ? { note: draft.note.trim() } : {}),
    },
  });
  if (!data) throw new Error(errorMessage(error));
  return data;
}

export function useCaseReport(componentCode: string, classCode: string) {
  const types = useProblemTypes(classCode);
  const [draft, setDraft] = useState<CaseDraft>({ problemType: '', caseClass: '', note: '' });
  const [state, setState] = useState<ReportState>({ status: 'editing' });

  // the first problem type is preselected, and the case class follows the type unless changed
  useEffect(() => {
    const first = types[0];
    if (first) setDraft((current) => (current.problemType ? current : { ...current, problemType: first.code, caseClass: first.case_class }));
  }, [types]);

  const chooseType = useCallback(
    (code: string) => setDraft((current) => ({ ...current, problemType: code, caseClass: types.find((type) => type.code === code)?.case_class ?? current.caseClass })),
    [types],
  );
  const setCaseClass = useCallback((caseClass: CaseClass) => setDraft((current) => ({ ...current, caseClass })), []);
  const setNote = useCallback((note: string) => setDraft((current) => ({ ...current, note })), []);

  const submit = useCallback(async () => {
    if (!draft.problemType) return;
    setState({ status: 'sending' });
    try {
      setState({ status: 'sent', report: await reportCase(componentCode, draft) });
    } catch (error) {
      setState({ status: 'editing', error: error instanceof Error ? error.message : String(error) });
    }
  }, [componentCode, draft]);

  /** Back to an empty form for the next report (the type stays chosen). */
  const reset = useCallback(() => {
    setState({ status: 'editing' });
    setDraft((current) => ({ ...current, note: '' }));
  }, []);

  return { types, draft, state, chooseType, setCaseClass, setNote, submit, reset };
}
