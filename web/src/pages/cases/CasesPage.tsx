/** Placeholder until the page is built (issue 6). */
import type { PageProps } from '../page-props.ts';

export function CasesPage(_props: PageProps) {
  return <section className="page page-placeholder" data-testid="page-cases" />;
}
