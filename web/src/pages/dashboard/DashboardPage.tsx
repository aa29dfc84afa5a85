/**
 * 考核评价 — the Dashboard: on-time rate per department or grid, the weekly trend, the composite
 * score table and the open cases per grid. An owner sees its own department (the server decides).
 */
import { useMemo, useState } from 'react';
import { nameField } from '../../i18n.ts';
import type { PageProps } from '../page-props.ts';
import { AssessmentTable } from './AssessmentTable.tsx';
import { lastWeeks, presetPeriod, shanghaiToday, type PeriodPreset } from './assessment-period.ts';
import { useAssessment, useAssessmentTrend, type AssessmentBy, type AssessmentGridLevel } from './assessment.state.ts';
import { tr } from './dashboard.messages.ts';
import { GridChoropleth } from './GridChoropleth.tsx';
import { OnTimeRateChart } from './OnTimeRateChart.tsx';
import { useOpenCasesByGrid, type ChoroplethLevel } from './open-cases.state.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { TrendChart } from './TrendChart.tsx';
import './dashboard.css';

/** Weeks in the trend. */
const trendWeeks = 8;

export function DashboardPage({ locale, session }: PageProps) {
  const today = useMemo(() => shanghaiToday(), []);
  const [preset, setPreset] = useState<PeriodPreset>('thisMonth');
  const [by, setBy] = useState<AssessmentBy>('department');
  const [gridLevel, setGridLevel] = useState<AssessmentGridLevel>(3);
  const period = useMemo(() => presetPeriod(preset, today), [preset, today]);
  const weeks = useMemo(() => lastWeeks(trendWeeks, today), [today]);

  const assessment = useAssessment(period, by, gridLevel);
  const trend = useAssessmentTrend(weeks);
  const [choroplethLevel, setChoroplethLevel] = useState<ChoroplethLevel>(3);
  const openCases = useOpenCasesByGrid(choroplethLevel);
  const groups = assessment.data?.groups ?? [];
  const ownDepartment = session.user.role === 'owner' ? session.department : null;

  return (
    <section className="page page-dashboard" data-testid="dashboard" data-loading={assessment.loading ? 'true' : 'false'}>
      <header className="dashboard-header">
        <h1>{tr(locale, 'title')}</h1>
        {ownDepartment && <p className="muted">{tr(locale, 'scopeOwner', { name: ownDepartment[nameField(locale)] })}</p>}
      </header>
      <PeriodPicker locale={locale} preset={preset} period={period} by={by} gridLevel={gridLevel} onPreset={setPreset} onBy={setBy} onGridLevel={setGridLevel} />
      {assessment.error && (
        <p className="dashboard-error" role="alert" data-testid="dashboard-error">
          {assessment.error}
        </p>
      )}
      <div className="dashboard-grid">
        <section className="dashboard-card" aria-busy={assessment.loading}>
          {groups.length === 0 && !assessment.loading ? <p className="muted" data-testid="assessment-empty">{tr(locale, 'noData')}</p> : <OnTimeRateChart locale={locale} groups={groups} />}
        </section>
        <section className="dashboard-card" aria-busy={trend.loading}>
          {trend.error && <p className="dashboard-error" role="alert">{trend.error}</p>}
          {trend.data ? <TrendChart locale={locale} points={trend.data} /> : <p className="muted">{tr(locale, 'loading')}</p>}
        </section>
        <section className="dashboard-card wide">
          <AssessmentTable locale={locale} groups={groups} />
        </section>
        <section className="dashboard-card wide">
          <GridChoropleth locale={locale} data={openCases} level={choroplethLevel} onLevel={setChoroplethLevel} />
        </section>
      </div>
    </section>
  );
}
