/**
 * The JSON documents of the OGC API: landing page, conformance declaration, collection metadata
 * and feature collections, with their links. Pure functions of what the routes read.
 */
import type { CollectionExtent, ItemsPage, OgcCollection } from './ogc-collections.ts';
import { crs84, supportedCrs } from './ogc-crs.ts';

/** A link as OGC API documents carry them. */
export interface OgcLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

/** The conformance classes claimed. No HTML encoding is offered, so its class is not claimed. */
export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const;

export const jsonType = 'application/json';
export const geoJsonType = 'application/geo+json';
export const openApi30Type = 'application/vnd.oai.openapi+json;version=3.0';
export const openApi31Type = 'application/vnd.oai.openapi+json;version=3.1';
const ogcRel = (name: string) => `http://www.opengis.net/def/rel/ogc/1.0/${name}`;

/** Where the API lives: `origin` (scheme, host, port) and `base` (origin + /ogc). */
export interface ApiLocation {
  origin: string;
  base: string;
}

/** The landing page (/ogc). */
export function landingPage({ origin, base }: ApiLocation) {
  return {
    title: 'civicgrid OGC API – Features',
    description: 'Components (部件) and grids (网格) of the district as OGC API – Features collections (GeoJSON; CRS84, EPSG:4490, EPSG:4326).',
    links: [
      { href: base, rel: 'self', type: jsonType, title: 'This document' },
      { href: `${base}/api`, rel: 'service-desc', type: openApi30Type, title: 'The OGC API definition (OpenAPI 3.0)' },
      { href: `${origin}/api/openapi.json`, rel: 'service-desc', type: openApi31Type, title: 'The whole civicgrid API, /ogc included (OpenAPI 3.1)' },
      { href: `${base}/conformance`, rel: 'conformance', type: jsonType, title: 'Conformance classes implemented' },
      { href: `${base}/conformance`, rel: ogcRel('conformance'), type: jsonType, title: 'Conformance classes implemented' },
      { href: `${base}/collections`, rel: 'data', type: jsonType, title: 'The feature collections' },
      { href: `${base}/collections`, rel: ogcRel('data'), type: jsonType, title: 'The feature collections' },
    ] satisfies OgcLink[],
  };
}

/** The conformance declaration (/ogc/conformance). */
export function conformanceDeclaration() {
  return { conformsTo: [...conformanceClasses] };
}

/** One collection's metadata (/ogc/collections/{id}, and each entry of /ogc/collections). */
export function collectionDocument({ base }: ApiLocation, collection: Pick<OgcCollection, 'id' | 'title' | 'description'>, extent: CollectionExtent) {
  const href = `${base}/collections/${collection.id}`;
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: 'feature' as const,
    crs: supportedCrs.map((crs) => crs.uri),
    storageCrs: crs84.uri,
    extent: {
      spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: crs84.uri },
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    links: [
      { href, rel: 'self', type: jsonType, title: 'This collection' },
      { href: `${href}/items`, rel: 'items', type: geoJsonType, title: `${collection.title}: features as GeoJSON` },
    ] satisfies OgcLink[],
  };
}

/** The collections list (/ogc/collections). */
export function collectionsDocument(location: ApiLocation, collections: ReturnType<typeof collectionDocument>[]) {
  return {
    links: [{ href: `${location.base}/collections`, rel: 'self', type: jsonType, title: 'This document' }] satisfies OgcLink[],
    collections,
    crs: supportedCrs.map((crs) => crs.uri),
  };
}

/**
 * A page of features (/ogc/collections/{id}/items). `selfUrl` is the request as received; the
 * next link is the same request with the cursor of the following page.
 */
export function featureCollectionDocument({ base }: ApiLocation, collectionId: string, selfUrl: URL, page: ItemsPage, type: string) {
  const links: OgcLink[] = [{ href: selfUrl.href, rel: 'self', type, title: 'This page' }];
  if (page.nextCursor) {
    const next = new URL(selfUrl);
    next.searchParams.set('cursor', page.nextCursor);
    links.push({ href: next.href, rel: 'next', type, title: 'The next page' });
  }
  links.push({ href: `${base}/collections/${collectionId}`, rel: 'collection', type: jsonType, title: 'The collection' });
  return {
    type: 'FeatureCollection' as const,
    numberMatched: page.numberMatched,
    numberReturned: page.features.length,
    timeStamp: new Date().toISOString(),
    links,
    features: page.features,
  };
}

/** One feature (/ogc/collections/{id}/items/{featureId}) with its links. */
export function featureDocument({ base }: ApiLocation, collectionId: string, feature: { id: string }, type: string) {
  const href = `${base}/collections/${collectionId}/items/${encodeURIComponent(feature.id)}`;
  return {
    ...feature,
    links: [
      { href, rel: 'self', type, title: 'This feature' },
      { href: `${base}/collections/${collectionId}`, rel: 'collection', type: jsonType, title: 'The collection' },
    ] satisfies OgcLink[],
  };
}
