#!/usr/bin/env node
// civicgrid's command line: runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../api/cli.ts');
