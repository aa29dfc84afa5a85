/** Cases received (bars) and the on-time rate (line) per week, plain SVG. */
import type { Locale } from '../../i18n.ts';
import type { TrendPoint } from './assessment.state.ts';
import { percent, tr } from './dashboard.messages.ts';

const width = 560;
const height = 200;
const pad = { top: 16, right: 44, bottom: 34, left: 40 };

export function TrendChart({ locale, points }: { locale: Locale; points: readonly TrendPoint[] }) {
  const innerWidth = width - pad.left - pad.right;
  const innerHeight = height - pad.top - pad.bottom;
  const maxReceived = Math.max(1, ...points.map((p) => p.received));
  const step = innerWidth / Math.max(points.length, 1);
  const x = (i: number) => pad.left + step * i + step / 2;
  const yCount = (n: number) => pad.top + innerHeight - (n / maxReceived) * innerHeight;
  const yRate = (rate: number) => pad.top + innerHeight - rate * innerHeight;
  const line = points
    .map((p, i) => (p.on_time_rate === null ? null : `${x(i)},${yRate(p.on_time_rate)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return (
    <figure className="chart trend-chart">
      <figcaption>
        {tr(locale, 'trend', { weeks: points.length })}
        <span className="trend-key received">{tr(locale, 'trendReceived')}</span>
        <span className="trend-key on-time">{tr(locale, 'trendOnTime')}</span>
      </figcaption>
      <svg data-testid="assessment-trend" role="img" aria-label={tr(locale, 'trend', { weeks: points.length })} viewBox={`0 0 ${width} ${height}`} width="100%">
        <line x1={pad.left} x2={width - pad.right} y1={pad.top + innerHeight} y2={pad.top + innerHeight} className="axis" />
        <text x={pad.left - 6} y={pad.top} textAnchor="end" dominantBaseline="central" className="chart-value">
          {maxReceived}
        </text>
        <text x={width - pad.right + 6} y={pad.top} dominantBaseline="central" className="chart-value">
          100%
        </text>
        {points.map((p, i) => (
          <g key={p.from} data-testid="trend-week" data-from={p.from} data-received={p.received} data-rate={p.on_time_rate ?? ''}>
            <title>{tr(locale, 'weekOf', { from: p.from, received: p.received, rate: percent(p.on_time_rate) })}</title>
            <rect x={x(i) - step * 0.3} width={step * 0.6} y={yCount(p.received)} height={pad.top + innerHeight - yCount(p.received)} className="trend-bar" />
            <text x={x(i)} y={height - pad.bottom + 14} textAnchor="middle" className="chart-label small">
              {p.from.slice(5)}
            </text>
          </g>
        ))}
        {line && <polyline points={line} className="trend-line" />}
        {points.map((p, i) => (p.on_time_rate === null ? null : <circle key={p.from} cx={x(i)} cy={yRate(p.on_time_rate)} r={3.5} className="trend-dot" />))}
      </svg>
    </figure>
  );
}
