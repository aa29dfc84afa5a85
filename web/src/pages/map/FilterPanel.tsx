/**
 * The component filters — major class (with its map colour and symbol: the legend too), owner
 * department, ownership status, open cases only.
 */
import type { Schema } from '../../api/api-client.ts';
import { nameField, type Locale } from '../../i18n.ts';
import { isFiltered, noFilters, ownershipStatuses, type ComponentFilters } from '../../map/component-filters.ts';
import { majorClasses, otherMajorColor } from '../../map/major-classes.ts';
import type { MajorClass } from './map-reference.state.ts';
import { ownershipName } from './map-format.ts';
import { tr } from './map.messages.ts';
import { OwnerDepartmentOptions } from './OwnerDepartmentOptions.tsx';

export interface FilterPanelProps {
  locale: Locale;
  filters: ComponentFilters;
  majors: MajorClass[];
  departments: Schema<'Department'>[];
  onChange(filters: ComponentFilters): void;
}

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function FilterPanel({ locale, filters, majors, departments, onChange }: FilterPanelProps) {
  return (
    <div className="map-filters" data-testid="map-filters">
      <fieldset className="map-control-group">
        <legend>{tr(locale, 'filter.class')}</legend>
        {majors.map((major) => {
          const color = majorClasses.find((style) => style.code === major.code)?.color ?? otherMajorColor;
          // nothing ticked means every class is drawn, so every box shows as ticked
          const shown = filters.majors.length === 0 || filters.majors.includes(major.code);
          return (
            <label key={major.code}>
              <input
                type="checkbox"
                data-testid={`filter-major-${major.code}`}
                checked={shown}
                onChange={(event) => {
                  const current = filters.majors.length === 0 ? majors.map((m) => m.code) : filters.majors;
                  const next = toggle(current, major.code, event.target.checked);
                  onChange({ ...filters, majors: next.length === majors.length ? [] : next.sort() });
                }}
              />
              <span className="class-swatch" style={{ background: color }} aria-hidden="true" />
              {major[nameField(locale)] || major.name_zh}
            </label>
          );
        })}
      </fieldset>
      <label className="map-control-select">
        <span>{tr(locale, 'filter.department')}</span>
        <select
          data-testid="filter-department"
          value={filters.departments[0] ?? ''}
          onChange={(event) => onChange({ ...filters, departments: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{tr(locale, 'filter.allDepartments')}</option>
          <OwnerDepartmentOptions departments={departments} locale={locale} />
        </select>
      </label>
      <fieldset className="map-control-group">
        <legend>{tr(locale, 'filter.ownership')}</legend>
        {ownershipStatuses.map((status) => (
          <label key={status}>
            <input
              type="checkbox"
              data-testid={`filter-ownership-${status}`}
              checked={filters.ownership.includes(status)}
              onChange={(event) => onChange({ ...filters, ownership: toggle(filters.ownership, status, event.target.checked) })}
            />
            {ownershipName(status, locale)}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" data-testid="filter-open-cases" checked={filters.openCasesOnly} onChange={(event) => onChange({ ...filters, openCasesOnly: event.target.checked })} />
        {tr(locale, 'filter.openCases')}
      </label>
      {isFiltered(filters) && (
        <button type="button" data-testid="filter-clear" onClick={() => onChange(noFilters)}>
          {tr(locale, 'filter.clear')}
        </button>
      )}
    </div>
  );
}
