/** On-time disposal rate per department (or grid) as horizontal bars, plain SVG. */
import { nameField, type Locale } from '../../i18n.ts';
import type { AssessmentRow } from './assessment.state.ts';
import { percent, tr } from './dashboard.messages.ts';

const barHeight = 22;
const gap = 6;
const labelWidth = 190;
const barWidth = 240;
const valueWidth = 120;

export function OnTimeRateChart({ locale, groups }: { locale: Locale; groups: readonly AssessmentRow[] }) {
  const name = nameField(locale);
  const rows = [...groups].sort((a, b) => (b.on_time_rate ?? -1) - (a.on_time_rate ?? -1) || a.group.code.localeCompare(b.group.code));
  const height = rows.length * (barHeight + gap);
  return (
    <figure className="chart on-time-chart">
      <figcaption>{tr(locale, 'onTimeChart')}</figcaption>
      <svg
        data-testid="assessment-chart"
        role="img"
        aria-label={tr(locale, 'onTimeChart')}
        viewBox={`0 0 ${labelWidth + barWidth + valueWidth} ${Math.max(height, barHeight)}`}
        width={labelWidth + barWidth + valueWidth}
        height={Math.max(height, barHeight)}
        className="chart-svg"
      >
        {rows.map((row, i) => {
          const y = i * (barHeight + gap);
          const rate = row.on_time_rate;
          const label = tr(locale, 'onTimeChartOf', { name: row.group[name], rate: percent(rate), onTime: row.disposed_on_time, disposals: row.disposals });
          return (
            <g key={row.group.code} data-testid="assessment-bar" data-code={row.group.code} data-rate={rate ?? ''} data-disposals={row.disposals}>
              <title>{label}</title>
              <text x={labelWidth - 8} y={y + barHeight / 2} textAnchor="end" dominantBaseline="central" className="chart-label">
                {row.group[name]}
              </text>
              <rect x={labelWidth} y={y} width={barWidth} height={barHeight} className="bar-track" />
              {rate !== null && <rect x={labelWidth} y={y} width={Math.max(rate * barWidth, 1)} height={barHeight} className={rate >= 0.9 ? 'bar good' : rate >= 0.6 ? 'bar fair' : 'bar poor'} />}
              <text x={labelWidth + barWidth + 8} y={y + barHeight / 2} dominantBaseline="central" className="chart-value">
                {rate === null ? tr(locale, 'noRate') : `${percent(rate)} (${row.disposed_on_time}/${row.disposals})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
