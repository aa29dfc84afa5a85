/** Where a report went: the case number (new or joined), the department it is routed to, the deadline. */
import type { Schema } from '../../api/api-client.ts';
import { nameField, type Locale } from '../../i18n.ts';
import type { CaseReport } from './case-report.state.ts';
import { formatTime, stateName } from './map-format.ts';
import { tr } from './map.messages.ts';

export interface CaseRoutedProps {
  locale: Locale;
  report: CaseReport;
  departments: Schema<'Department'>[];
  onBack(): void;
}

export function CaseRouted({ locale, report, departments, onBack }: CaseRoutedProps) {
  const routed = report.department;
  const department = routed && departments.find((d) => d.code === routed.code);
  const departmentName = department ? department[nameField(locale)] || department.name_zh : (routed?.name_zh ?? tr(locale, 'case.noDepartment'));
  return (
    <div className="case-routed" data-testid="case-routed" data-joined={report.joined ? 'true' : 'false'} data-department={routed?.code ?? ''} role="status">
      <p className="case-routed-headline">
        {report.joined ? tr(locale, 'case.joined', { number: report.number }) : tr(locale, 'case.created', { number: report.number })}
      </p>
      <p data-testid="case-routed-department">{tr(locale, 'case.routedTo', { department: departmentName })}</p>
      {report.due_at && <p data-testid="case-routed-deadline">{tr(locale, 'case.deadline', { deadline: formatTime(report.due_at, locale) })}</p>}
      <p>{tr(locale, 'case.state', { state: stateName(report.state, locale) })}</p>
      <div className="panel-actions">
        <button type="button" onClick={onBack}>
          {tr(locale, 'case.back')}
        </button>
      </div>
    </div>
  );
}
