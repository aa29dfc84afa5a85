/** The composite assessment per department or grid: counts, rates and score, best score first. */
import { nameField, type Locale } from '../../i18n.ts';
import type { AssessmentRow } from './assessment.state.ts';
import { percent, tr, type DashboardMessage } from './dashboard.messages.ts';

const columns: { key: keyof AssessmentRow; label: DashboardMessage; rate?: boolean }[] = [
  { key: 'received', label: 'received' },
  { key: 'disposals', label: 'disposals' },
  { key: 'disposed_on_time', label: 'disposedOnTime' },
  { key: 'overdue', label: 'overdue' },
  { key: 'returns', label: 'returns' },
  { key: 'closed', label: 'closed' },
  { key: 'on_time_rate', label: 'onTimeRate', rate: true },
  { key: 'closure_rate', label: 'closureRate', rate: true },
  { key: 'rework_rate', label: 'reworkRate', rate: true },
  { key: 'overdue_rate', label: 'overdueRate', rate: true },
  { key: 'avg_disposal_hours', label: 'avgHours' },
  { key: 'score', label: 'score' },
];

export function AssessmentTable({ locale, groups }: { locale: Locale; groups: readonly AssessmentRow[] }) {
  const name = nameField(locale);
  return (
    <div className="table-scroll">
      <table className="assessment-table" data-testid="assessment-table">
        <caption>{tr(locale, 'table')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(locale, 'name')}</th>
            {columns.map((column) => (
              <th key={column.key} scope="col" className="numeric">
                {tr(locale, column.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((row) => (
            <tr key={row.group.code} data-testid="assessment-row" data-code={row.group.code}>
              <th scope="row">{row.group[name]}</th>
              {columns.map((column) => {
                const value = row[column.key] as number | null;
                return (
                  <td key={column.key} className="numeric" data-column={column.key} data-value={value ?? ''}>
                    {column.rate ? percent(value) : value === null ? '—' : value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
