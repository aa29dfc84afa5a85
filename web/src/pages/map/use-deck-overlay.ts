/**
 * Feeds the deck.gl overlay: loads it on demand, fetches the unfinished cases in view
 * (`GET /api/cases?bbox=…`, from z10, after each move) while cases or the heatmap are shown, and
 * passes the highlighted components.
 */
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api } from '../../api/api-client.ts';
import type { CasePoint, DeckOverlay } from '../../map/deck-overlay.ts';
import type { DisplayShift } from '../../map/display-shift.ts';
import { viewBbox } from '../../map/view-bbox.ts';

const unfinished = 'reported,verified,filed,dispatched,disposed,returned';
const caseMinZoom = 10;

export interface OverlayOptions {
  highlights: [number, number][];
  showCases: boolean;
  showHeatmap: boolean;
  /** bumped after a report so the cases are fetched again */
  casesVersion: number;
  /** The map's datum: the view is taken back from it to ask for cases, and the cases drawn in it. */
  shift: DisplayShift;
}

export function useDeckOverlay(map: MapLibreMap | null, { highlights, showCases, showHeatmap, casesVersion, shift }: OverlayOptions): void {
  const [overlay, setOverlay] = useState<DeckOverlay>();
  const [cases, setCases] = useState<CasePoint[]>([]);
  const wantCases = showCases || showHeatmap;
  // deck.gl's canvas costs every frame something even when empty: made when there is something to draw
  const needed = (wantCases && cases.length > 0) || highlights.length > 0;

  useEffect(() => {
    if (!map || !needed || overlay) return;
    let live = true;
    // the caller passes the map once it has drawn its first view: deck.gl never delays that
    import('../../map/deck-overlay.ts')
      .then(({ createDeckOverlay }) => live && setOverlay(createDeckOverlay(map)))
      .catch(() => undefined); // the overlay is an extra; the map works without it
    return () => {
      live = false;
    };
  }, [map, needed, overlay]);

  // the overlay lives as long as the map
  const overlayRef = useRef(overlay);
  overlayRef.current = overlay;
  useEffect(
    () => () => {
      try {
        overlayRef.current?.remove();
      } catch {
        // the map went first and took the overlay with it
      }
    },
    [map],
  );

  useEffect(() => {
    if (!map || !wantCases) return;
    let abort: AbortController | undefined;
    const load = () => {
      abort?.abort();
      if (map.getZoom() < caseMinZoom) return setCases(keepEmpty([]));
      abort = new AbortController();
      const signal = abort.signal;
      api
        .GET('/api/cases', { params: { query: { bbox: viewBbox(map, shift), state: unfinished, limit: 500 } }, signal })
        .then(({ data }) => {
          if (signal.aborted || !data) return;
          setCases(keepEmpty(data.items.map((c): CasePoint => ({ id: c.id, number: c.number, position: shift.toDisplay([c.lon, c.lat]), overdue: c.overdue, caseClass: c.case_class }))));
        })
        .catch(() => undefined); // aborted by a later move, or offline: keep what is drawn
    };
    load();
    map.on('moveend', load);
    return () => {
      abort?.abort();
      map.off('moveend', load);
    };
  }, [map, wantCases, casesVersion, shift]);

  useEffect(() => {
    overlay?.update({ highlights, cases, showCases, showHeatmap });
  }, [overlay, highlights, cases, showCases, showHeatmap]);
}

/** A state update that keeps the current list when both are empty: no cases after a move is no change. */
function keepEmpty(next: CasePoint[]): (previous: CasePoint[]) => CasePoint[] {
  return (previous) => (previous.length === 0 && next.length === 0 ? previous : next);
}
