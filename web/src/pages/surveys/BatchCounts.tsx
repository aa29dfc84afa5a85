/** The staged rows of a batch counted by class, town and owner department (from the batch report). */
import { nameField, type Locale } from '../../i18n.ts';
import { countBy, type CountRow, type SummaryRow } from './batch-report.ts';
import type { ReferenceNames } from './reference-names.state.ts';
import { tr, type SurveysMessage } from './surveys.messages.ts';

export interface BatchCountsProps {
  locale: Locale;
  summary: readonly SummaryRow[];
  names: ReferenceNames;
}

export function BatchCounts({ locale, summary, names }: BatchCountsProps) {
  const field = nameField(locale);
  const translate = (lookup: Map<string, { name_zh: string; name_en: string }>) => (row: CountRow) =>
    row.key ? (lookup.get(row.key)?.[field] ?? row[field]) : tr(locale, 'unassigned');
  return (
    <div className="batch-counts" data-testid="batch-counts">
      <CountTable locale={locale} title="byClass" testId="counts-by-class" rows={countBy(summary, 'class')} name={(row) => `${row.key} ${row[field]}`} />
      <CountTable locale={locale} title="byTown" testId="counts-by-town" rows={countBy(summary, 'town')} name={translate(names.towns)} />
      <CountTable locale={locale} title="byOwner" testId="counts-by-owner" rows={countBy(summary, 'owner')} name={translate(names.departments)} />
    </div>
  );
}

interface CountTableProps {
  locale: Locale;
  title: SurveysMessage;
  testId: string;
  rows: CountRow[];
  name(row: CountRow): string;
}

function CountTable({ locale, title, testId, rows, name }: CountTableProps) {
  return (
    <table className="count-table" data-testid={testId}>
      <caption>{tr(locale, title)}</caption>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={2} className="muted">
              {tr(locale, 'none')}
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row">{name(row)}</th>
            <td className="numeric">{row.count.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
