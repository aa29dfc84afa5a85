/** The layer switcher: one checkbox per layer group. */
import type { Locale } from '../../i18n.ts';
import type { LayerVisibility } from './map-layers.state.ts';
import { tr } from './map.messages.ts';

export interface LayerSwitcherProps {
  locale: Locale;
  layers: LayerVisibility;
  onChange(layers: LayerVisibility): void;
}

const order: (keyof LayerVisibility)[] = ['components', 'aggregates', 'cases', 'heatmap', 'grids'];

export function LayerSwitcher({ locale, layers, onChange }: LayerSwitcherProps) {
  return (
    <fieldset className="map-control-group" data-testid="layer-switcher">
      <legend className="visually-hidden">{tr(locale, 'layers')}</legend>
      {order.map((key) => (
        <label key={key}>
          <input type="checkbox" data-testid={`layer-${key}`} checked={layers[key]} onChange={(event) => onChange({ ...layers, [key]: event.target.checked })} />
          {tr(locale, `layer.${key}`)}
        </label>
      ))}
    </fieldset>
  );
}
