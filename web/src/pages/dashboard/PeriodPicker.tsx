/** The period of the assessment as month presets, and what it is assessed by. */
import type { Locale } from '../../i18n.ts';
import { periodPresets, type Period, type PeriodPreset } from './assessment-period.ts';
import type { AssessmentBy, AssessmentGridLevel } from './assessment.state.ts';
import { tr, type DashboardMessage } from './dashboard.messages.ts';

export interface PeriodPickerProps {
  locale: Locale;
  preset: PeriodPreset;
  period: Period;
  by: AssessmentBy;
  gridLevel: AssessmentGridLevel;
  onPreset(preset: PeriodPreset): void;
  onBy(by: AssessmentBy): void;
  onGridLevel(level: AssessmentGridLevel): void;
}

export function PeriodPicker({ locale, preset, period, by, gridLevel, onPreset, onBy, onGridLevel }: PeriodPickerProps) {
  return (
    <div className="dashboard-controls">
      <fieldset className="period-picker" data-testid="period-picker">
        <legend>{tr(locale, 'period')}</legend>
        {periodPresets.map((name) => (
          <button key={name} type="button" aria-pressed={name === preset} onClick={() => onPreset(name)} data-testid={`period-${name}`}>
            {tr(locale, `preset.${name}` as DashboardMessage)}
          </button>
        ))}
        <span className="period-range" data-testid="period-range" data-from={period.from} data-to={period.to}>
          {tr(locale, 'periodRange', { from: period.from, to: period.to })}
        </span>
      </fieldset>
      <fieldset className="group-picker">
        <legend>{tr(locale, 'groupBy')}</legend>
        <button type="button" aria-pressed={by === 'department'} onClick={() => onBy('department')} data-testid="by-department">
          {tr(locale, 'byDepartment')}
        </button>
        <button type="button" aria-pressed={by === 'grid'} onClick={() => onBy('grid')} data-testid="by-grid">
          {tr(locale, 'byGrid')}
        </button>
        {by === 'grid' && (
          <label>
            {tr(locale, 'gridLevel')}{' '}
            <select value={gridLevel} onChange={(event) => onGridLevel(Number(event.target.value) as AssessmentGridLevel)} data-testid="grid-level">
              {([2, 3, 4] as const).map((level) => (
                <option key={level} value={level}>
                  {tr(locale, `level.${level}` as DashboardMessage)}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
    </div>
  );
}
