/** The pending components as a checklist: code, class, grid, version; select one, or all shown. */
import { useEffect, useRef, useState } from 'react';
import { nameField, type Locale } from '../../i18n.ts';
import { td } from './department.messages.ts';
import type { PendingComponent } from './department.state.ts';

/** Rows shown at first and added by each "show more". */
const pageRows = 200;

interface Props {
  locale: Locale;
  components: PendingComponent[];
  selected: ReadonlySet<string>;
  onToggle(code: string): void;
  onSetAll(codes: string[], on: boolean): void;
  /** Shows the component on the map. */
  onLocate(component: PendingComponent): void;
}

export function PendingList({ locale, components, selected, onToggle, onSetAll, onLocate }: Props) {
  const [shown, setShown] = useState(pageRows);
  const [filter, setFilter] = useState('');
  const matching = filter.trim() ? components.filter((c) => c.properties.code.includes(filter.trim())) : components;
  const rows = matching.slice(0, shown);
  const codes = rows.map((c) => c.properties.code);
  const allOn = codes.length > 0 && codes.every((code) => selected.has(code));
  const someOn = !allOn && codes.some((code) => selected.has(code));
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someOn;
  }, [someOn]);

  if (components.length === 0) return <p className="case-muted" data-testid="pending-list">{td(locale, 'noPending')}</p>;
  const className = `class_name_${nameField(locale).slice(5)}` as 'class_name_zh' | 'class_name_en';

  return (
    <>
      <label className="pending-filter">
        {td(locale, 'filter')}
        <input type="search" inputMode="numeric" data-testid="pending-filter" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </label>
      <div className="pending-list-wrap">
        <table className="pending-list" data-testid="pending-list">
          <thead>
            <tr>
              <th scope="col">
                <input
                  ref={selectAll}
                  type="checkbox"
                  data-testid="select-all"
                  aria-label={td(locale, 'selectAll')}
                  checked={allOn}
                  onChange={(event) => onSetAll(codes, event.target.checked)}
                />
              </th>
              <th scope="col">{td(locale, 'code')}</th>
              <th scope="col">{td(locale, 'className')}</th>
              <th scope="col">{td(locale, 'grid')}</th>
              <th scope="col">
                <span className="visually-hidden">{td(locale, 'locate')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const { code } = c.properties;
              return (
                <tr key={code} data-testid="pending-row" data-code={code} data-version={c.properties.version} className={selected.has(code) ? 'selected' : undefined}>
                  <td>
                    <input type="checkbox" aria-label={td(locale, 'select', { code })} checked={selected.has(code)} onChange={() => onToggle(code)} />
                  </td>
                  <td className="case-code">{code}</td>
                  <td>{c.properties[className]}</td>
                  <td className="case-code">{c.properties.grid_code ?? '—'}</td>
                  <td>
                    <button type="button" className="pending-locate" data-testid="pending-locate" aria-label={td(locale, 'locateOne', { code })} onClick={() => onLocate(c)}>
                      {td(locale, 'locate')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {matching.length > shown && (
          <button type="button" onClick={() => setShown((n) => n + pageRows)}>
            {td(locale, 'showMore', { count: Math.min(pageRows, matching.length - shown) })}
          </button>
        )}
      </div>
    </>
  );
}
