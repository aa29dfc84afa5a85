/**
 * 本单位 — My department, for owner departments: the components waiting for confirmation (确权) on a
 * map and in a list, confirmed or disputed in bulk; the confirmation progress; and the cases to
 * dispose with their feedback form.
 */
import { useState } from 'react';
import { nameField } from '../../i18n.ts';
import { useCaseReference } from '../cases/case-reference.state.ts';
import { useNow } from '../cases/cases.state.ts';
import type { PageProps } from '../page-props.ts';
import { DepartmentCases } from './DepartmentCases.tsx';
import { td } from './department.messages.ts';
import { actOnOwnership, useDepartmentCases, useOwnershipProgress, usePendingComponents, useSelection, type PendingComponent } from './department.state.ts';
import { OwnershipActions } from './OwnershipActions.tsx';
import { OwnershipProgressBar } from './OwnershipProgressBar.tsx';
import { PendingList } from './PendingList.tsx';
import { PendingMap } from './PendingMap.tsx';
import '../cases/cases.css';
import './department.css';

export function DepartmentPage({ locale, session }: PageProps) {
  const department = session.department;
  if (!department) {
    return (
      <section className="page department-page" data-testid="page-department">
        <p className="form-error">{td(locale, 'noDepartment')}</p>
      </section>
    );
  }
  return <DepartmentWork locale={locale} session={session} departmentCode={department.code} />;
}

function DepartmentWork({ locale, session, departmentCode }: PageProps & { departmentCode: string }) {
  const pending = usePendingComponents();
  const { selected, toggle, setAll, clear } = useSelection();
  const [progressGeneration, setProgressGeneration] = useState(0);
  const { progress } = useOwnershipProgress(progressGeneration);
  const cases = useDepartmentCases(departmentCode);
  const reference = useCaseReference();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<PendingComponent>();
  // kept as data so it follows a language switch
  const [notice, setNotice] = useState<{ ok: true; action: 'confirm' | 'dispute'; count: number } | { ok: false; stale: boolean; message: string }>();

  async function act(action: 'confirm' | 'dispute', reason?: string, suggested?: string) {
    const chosen = pending.components.filter((c) => selected.has(c.properties.code));
    if (chosen.length === 0) return;
    setBusy(true);
    const outcome = await actOnOwnership({ action, components: chosen, reason, suggested_department: suggested });
    setBusy(false);
    if (outcome.ok) {
      setNotice({ ok: true, action, count: outcome.count });
      clear();
    } else {
      setNotice(outcome);
      if (outcome.stale) clear();
    }
    pending.reload();
    setProgressGeneration((n) => n + 1);
  }

  const name = session.department?.[nameField(locale)] ?? departmentCode;
  return (
    <section className="page department-page" data-testid="page-department" data-department={departmentCode}>
      <header className="cases-header">
        <h1>
          {td(locale, 'title')} · <span className="department-name">{name}</span>
        </h1>
      </header>
      <OwnershipProgressBar locale={locale} progress={progress} />
      <section className="pending-section" aria-labelledby="pending-title">
        <h2 id="pending-title">
          {td(locale, 'pendingTitle')}{' '}
          <span className="case-muted">
            {pending.loading ? td(locale, 'loading') : td(locale, 'pendingCount', { loaded: pending.components.length, total: progress?.pending ?? pending.components.length })}
          </span>
        </h2>
        {pending.error && <p className="form-error">{td(locale, 'loadFailed', { message: pending.error })}</p>}
        {notice && (
          <p className={notice.ok ? 'notice-ok' : 'form-error'} role={notice.ok ? 'status' : 'alert'} data-testid={notice.ok ? 'ownership-done' : 'ownership-error'}>
            {notice.ok
              ? td(locale, notice.action === 'confirm' ? 'confirmedDone' : 'disputedDone', { count: notice.count })
              : td(locale, notice.stale ? 'stale' : 'failed', { message: notice.message })}
          </p>
        )}
        <div className="pending-layout">
          <PendingMap locale={locale} components={pending.components} selected={selected} focus={focus} onToggle={toggle} />
          <div className="pending-side">
            <OwnershipActions
              locale={locale}
              count={selected.size}
              busy={busy}
              departments={reference.departments.filter((d) => d.code !== departmentCode && d.kind !== 'centre')}
              onConfirm={() => void act('confirm')}
              onDispute={(reason, suggested) => void act('dispute', reason, suggested)}
            />
            <PendingList locale={locale} components={pending.components} selected={selected} onToggle={toggle} onSetAll={setAll} onLocate={setFocus} />
          </div>
        </div>
      </section>
      <DepartmentCases locale={locale} cases={cases.cases} loading={cases.loading} reference={reference} now={now} onChanged={cases.reload} />
    </section>
  );
}
