/**
 * gcoord (WGS 84 ⇄ GCJ-02 ⇄ BD-09), imported once for Node: the package is CommonJS typed as an
 * ES module, so at run time the default import may be the API itself or hold it as `default`.
 */
import gcoordModule from 'gcoord';

export const gcoord = ((gcoordModule as { default?: unknown }).default ?? gcoordModule) as typeof gcoordModule.default;
