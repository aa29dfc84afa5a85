/**
 * Points MapLibre at its worker script. MapLibre looks for `maplibre-gl-worker.mjs` beside its own
 * module, but once bundled its module is our chunk; `?url` makes Vite emit the worker as a
 * same-origin asset (no blob: worker, so a strict Content-Security-Policy still allows it).
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
