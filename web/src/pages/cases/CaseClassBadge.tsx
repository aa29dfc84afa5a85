/** A/B/C — the case class that sets its deadlines. */
import type { Locale } from '../../i18n.ts';
import { tc } from './cases.messages.ts';

export function CaseClassBadge({ caseClass, locale }: { caseClass: 'A' | 'B' | 'C'; locale: Locale }) {
  return (
    <span className={`case-class case-class-${caseClass}`} title={tc(locale, 'caseClass', { class: caseClass })} data-case-class={caseClass}>
      {caseClass}
    </span>
  );
}
