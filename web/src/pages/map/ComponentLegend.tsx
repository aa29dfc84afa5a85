/** Legend rows for the components: the major classes' colours and symbols, open and overdue cases. */
import { nameField, type Locale } from '../../i18n.ts';
import { majorClasses, otherMajorColor } from '../../map/major-classes.ts';
import type { MajorClass } from './map-reference.state.ts';
import { tr } from './map.messages.ts';

export function ComponentLegend({ locale, majors }: { locale: Locale; majors: MajorClass[] }) {
  return (
    <div className="component-legend" data-testid="component-legend">
      <h3>{tr(locale, 'legend.classes')}</h3>
      <ul>
        {majors.map((major) => (
          <li key={major.code}>
            <span className="class-swatch" style={{ background: majorClasses.find((s) => s.code === major.code)?.color ?? otherMajorColor }} aria-hidden="true" />
            {major[nameField(locale)] || major.name_zh}
          </li>
        ))}
        <li>
          <span className="class-swatch open-case-swatch" aria-hidden="true" />
          {tr(locale, 'legend.openCase')}
        </li>
        <li>
          <span className="class-swatch overdue-swatch" aria-hidden="true" />
          {tr(locale, 'legend.overdue')}
        </li>
      </ul>
    </div>
  );
}
