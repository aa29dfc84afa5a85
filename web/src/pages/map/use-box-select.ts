/**
 * Selecting many components by drawing on the map: a box (the toolbar's box tool, or shift-drag at
 * any time) or a lasso (the toolbar's lasso tool). The drawn shape is turned into a polygon in
 * degrees and its components are fetched (see polygon-selection.ts) into the selection list.
 */
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Polygon, Position } from 'geojson';
import { api, errorMessage } from '../../api/api-client.ts';
import type { ComponentFilters } from '../../map/component-filters.ts';
import type { DisplayShift } from '../../map/display-shift.ts';
import { closedPolygon, insidePolygon, ringBounds } from '../../map/polygon-selection.ts';
import type { MapPanelStore } from './map-panel.state.ts';

export type SelectTool = 'none' | 'box' | 'lasso';

/** The most components one selection fetches (the API's page limit). */
export const selectionLimit = 1000;

/** `shift`: the map's datum, which the drawn shape is taken back from (the api speaks WGS84). */
export function useBoxSelect(map: MapLibreMap | null, tool: SelectTool, filters: ComponentFilters, panel: MapPanelStore, onEnd: () => void, shift: DisplayShift): void {
  const current = useRef({ tool, filters, panel, onEnd, shift });
  current.current = { tool, filters, panel, onEnd, shift };

  useEffect(() => {
    if (!map) return;
    const container = map.getCanvasContainer();
    let drawing: { kind: 'box' | 'lasso'; points: [number, number][]; shape: SVGSVGElement; pointerId: number } | undefined;

    const local = (event: PointerEvent): [number, number] => {
      const rect = container.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    };

    const onPointerDown = (event: PointerEvent) => {
      const { tool: chosen } = current.current;
      const kind = chosen !== 'none' ? chosen : event.shiftKey ? 'box' : undefined;
      if (!kind || event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      map.dragPan.disable();
      const shape = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      shape.setAttribute('class', 'select-shape');
      shape.setAttribute('data-testid', 'select-shape');
      shape.innerHTML = '<polygon points="" />';
      container.appendChild(shape);
      drawing = { kind, points: [local(event)], shape, pointerId: event.pointerId };
      container.setPointerCapture?.(event.pointerId);
    };

    const outline = (): [number, number][] => {
      if (!drawing) return [];
      if (drawing.kind === 'lasso') return drawing.points;
      const [x0, y0] = drawing.points[0]!;
      const [x1, y1] = drawing.points[drawing.points.length - 1]!;
      return [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
    };

    const onPointerMove = (event: PointerEvent) => {
      if (!drawing) return;
      const point = local(event);
      if (drawing.kind === 'box') drawing.points = [drawing.points[0]!, point];
      else drawing.points.push(point);
      drawing.shape.firstElementChild?.setAttribute('points', outline().map(([x, y]) => `${x},${y}`).join(' '));
    };

    const finish = (commit: boolean) => {
      if (!drawing) return;
      const ring = outline();
      drawing.shape.remove();
      container.releasePointerCapture?.(drawing.pointerId);
      drawing = undefined;
      map.dragPan.enable();
      current.current.onEnd();
      const [west, south, east, north] = ringBounds(ring);
      // a click, not a drag: nothing to select
      if (!commit || ring.length < 3 || east - west < 4 || north - south < 4) return;
      // the browser follows the drag's pointerup with a click: it must not open a card over the selection
      window.addEventListener('click', swallowClick, { capture: true, once: true });
      setTimeout(() => window.removeEventListener('click', swallowClick, { capture: true }), 0);
      const { fromDisplay } = current.current.shift;
      const polygon = closedPolygon(ring.map(([x, y]): Position => fromDisplay(map.unproject([x, y]).toArray())));
      void selectInPolygon(polygon, current.current.filters, current.current.panel);
    };

    const onPointerUp = () => finish(true);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (drawing) finish(false);
      else current.current.onEnd();
    };

    container.addEventListener('pointerdown', onPointerDown, { capture: true });
    container.addEventListener('pointermove', onPointerMove);
    container.addEventListener('pointerup', onPointerUp);
    window.addEventListener('keydown', onKey);
    return () => {
      finish(false);
      container.removeEventListener('pointerdown', onPointerDown, { capture: true });
      container.removeEventListener('pointermove', onPointerMove);
      container.removeEventListener('pointerup', onPointerUp);
      window.removeEventListener('keydown', onKey);
    };
  }, [map]);
}

function swallowClick(event: MouseEvent): void {
  event.stopPropagation();
}

/** Fetches the components in the polygon's box under the filters, keeps those inside it. */
export async function selectInPolygon(polygon: Polygon, filters: ComponentFilters, panel: MapPanelStore): Promise<void> {
  panel.show({ kind: 'loading' });
  const [west, south, east, north] = ringBounds(polygon.coordinates[0]!);
  const { data, error } = await api.GET('/api/components', {
    params: {
      query: {
        bbox: [west, south, east, north].map((n) => n.toFixed(7)).join(','),
        limit: selectionLimit,
        ...(filters.majors.length ? { class: filters.majors.join(',') } : {}),
        ...(filters.departments.length ? { department: filters.departments.join(',') } : {}),
        ...(filters.ownership.length ? { ownership: filters.ownership.join(',') } : {}),
        ...(filters.openCasesOnly ? { open_case: 'true' as const } : {}),
      },
    },
  });
  if (!data) return panel.show({ kind: 'message', message: 'error', detail: errorMessage(error) });
  panel.show({ kind: 'selection', components: insidePolygon(data.features, polygon), truncated: data.next !== null });
}
