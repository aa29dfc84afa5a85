/**
 * A click on the map: below z13 a click on a grid aggregate zooms into it; from z13 the components
 * within the click tolerance (`GET /api/components/nearby`) open a card (one) or a pick-list (several).
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { api, errorMessage } from '../../api/api-client.ts';
import { clickRadiusMetres } from '../../map/click-tolerance.ts';
import { clickableComponentLayers } from '../../map/component-layers.ts';
import type { DisplayShift } from '../../map/display-shift.ts';
import type { MapPanelStore } from './map-panel.state.ts';

/** Pixels around the pointer a click reaches: a finger's width on a symbol. */
export const clickTolerancePx = 10;
const componentMinZoom = 13;

/** `shift`: the map's datum, which a click is taken back from (the api speaks WGS84). */
export function useMapClick(map: MapLibreMap | null, panel: MapPanelStore, enabled: boolean, shift: DisplayShift): void {
  const active = useRef(enabled);
  active.current = enabled;
  const datum = useRef(shift);
  datum.current = shift;
  const store = useRef(panel);
  store.current = panel;

  useEffect(() => {
    if (!map) return;
    let sequence = 0;
    const onClick = (event: MapMouseEvent) => {
      if (!active.current) return;
      const zoom = map.getZoom();
      if (zoom < componentMinZoom) {
        const [aggregate] = map.getLayer('aggregates-circle') ? map.queryRenderedFeatures(event.point, { layers: ['aggregates-circle'] }) : [];
        if (aggregate?.geometry.type === 'Point') {
          const [lng, lat] = aggregate.geometry.coordinates as [number, number];
          map.easeTo({ center: [lng, lat], zoom: Math.min(zoom + 2, componentMinZoom + 0.5) });
        }
        return;
      }
      const [lng, lat] = datum.current.fromDisplay([event.lngLat.lng, event.lngLat.lat]);
      const radius = clickRadiusMetres(zoom, lat, clickTolerancePx);
      const mine = ++sequence;
      api
        .GET('/api/components/nearby', { params: { query: { lon: lng, lat, radius, limit: 20 } } })
        .then(({ data, error }) => {
          if (mine !== sequence) return; // a later click won
          if (!data) return store.current.show({ kind: 'message', message: 'error', detail: errorMessage(error) });
          const [first, ...rest] = data.features;
          if (!first) store.current.show({ kind: 'message', message: 'nothingHere' });
          else if (rest.length === 0) store.current.show({ kind: 'card', code: first.properties.code, preview: first.properties });
          else store.current.show({ kind: 'pick', components: data.features });
        })
        .catch((error: unknown) => mine === sequence && store.current.show({ kind: 'message', message: 'error', detail: String(error) }));
    };
    // a pointer over a component says it can be clicked
    const canvas = map.getCanvas();
    const pointer = () => (canvas.style.cursor = 'pointer');
    const grab = () => (canvas.style.cursor = '');
    const hoverLayers = [...clickableComponentLayers, 'aggregates-circle'].filter((id) => map.getLayer(id));
    map.on('click', onClick);
    for (const id of hoverLayers) {
      map.on('mouseenter', id, pointer);
      map.on('mouseleave', id, grab);
    }
    return () => {
      map.off('click', onClick);
      for (const id of hoverLayers) {
        map.off('mouseenter', id, pointer);
        map.off('mouseleave', id, grab);
      }
    };
  }, [map]);
}
