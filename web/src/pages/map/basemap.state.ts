/**
 * Which online basemap the map draws under its layers (none: the offline map), remembered in this
 * browser. The whole choice is remembered, so a reload draws it in the first frame (and a `#zoom/
 * lat/lng` link made over it opens where it was made); the server's list, once fetched, decides
 * whether it is still offered.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/api-client.ts';
import type { Basemap } from '../../map/basemap-layers.ts';

const storageKey = 'civicgrid.basemap';

export interface BasemapChoice {
  /** What the server offers (empty until fetched, and when it offers none). */
  basemaps: Basemap[];
  chosen: Basemap | null;
  choose(basemap: Basemap | null): void;
}

function readStored(): Basemap | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored ? (JSON.parse(stored) as Basemap) : null;
  } catch {
    return null; // storage disabled or unreadable: the offline map
  }
}

function store(basemap: Basemap | null): void {
  try {
    if (basemap) window.localStorage.setItem(storageKey, JSON.stringify(basemap));
    else window.localStorage.removeItem(storageKey);
  } catch {
    // not remembered, still switched
  }
}

export function useBasemap(): BasemapChoice {
  const [basemaps, setBasemaps] = useState<Basemap[]>([]);
  const [chosen, setChosen] = useState<Basemap | null>(readStored);

  const choose = useCallback((basemap: Basemap | null) => {
    setChosen(basemap);
    store(basemap);
  }, []);

  useEffect(() => {
    let live = true;
    api
      .GET('/api/basemaps')
      .then(({ data }) => {
        if (!live || !data) return;
        setBasemaps(data.basemaps);
        // the remembered basemap as the server now describes it; gone from the list, the offline map
        setChosen((current) => {
          const offered = current ? (data.basemaps.find((b) => b.id === current.id) ?? null) : null;
          store(offered);
          return offered;
        });
      })
      .catch(() => undefined); // offline: the remembered choice stays
    return () => {
      live = false;
    };
  }, []);

  return { basemaps, chosen, choose };
}
