/**
 * Points MapLibre at its worker script, and starts its worker at once. MapLibre looks for
 * `maplibre-gl-worker.mjs` beside its own module, but once bundled its module is our chunk; `?url`
 * makes Vite emit the worker as a same-origin asset (no blob: worker, so a strict
 * Content-Security-Policy still allows it). Left to itself MapLibre creates the worker with the
 * first map's style, and the worker then spends a few hundred milliseconds fetching and compiling
 * its 520 KB before the first tile can be read; prewarming overlaps that with the sign-in check and
 * the first render of the page.
 */
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
prewarm();
