/**
 * Which layers the map shows (the layer switcher) and how the component filters and the layer
 * visibility are applied to a live map.
 */
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { applyComponentFilters, componentLayerIds, setLayerGroupVisible } from '../../map/component-layers.ts';
import type { ComponentFilters } from '../../map/component-filters.ts';
import { fillLayerId, labelLayerId, lineLayerId } from '../../map/grid-layers.ts';

export interface LayerVisibility {
  components: boolean;
  aggregates: boolean;
  grids: boolean;
  cases: boolean;
  heatmap: boolean;
}

export const defaultLayers: LayerVisibility = { components: true, aggregates: true, grids: true, cases: true, heatmap: false };

// towns stay tinted and the district outlined: the map would be blank without them
const gridDetailLayers = [lineLayerId(3), lineLayerId(4), labelLayerId(3), labelLayerId(4)];

export function useMapLayers(map: MapLibreMap | null, layers: LayerVisibility, filters: ComponentFilters): void {
  useEffect(() => {
    if (!map) return;
    setLayerGroupVisible(map, componentLayerIds.components, layers.components);
    setLayerGroupVisible(map, componentLayerIds.aggregates, layers.aggregates);
    setLayerGroupVisible(map, gridDetailLayers, layers.grids);
    setLayerGroupVisible(map, [fillLayerId(2)], layers.grids);
  }, [map, layers]);

  useEffect(() => {
    if (map) applyComponentFilters(map, filters);
  }, [map, filters]);
}
