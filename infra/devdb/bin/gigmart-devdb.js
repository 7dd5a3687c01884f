#!/usr/bin/env node
// gigmart-devdb: development tooling, run from source through tsx (no build needed on a fresh
// clone, like the services' own `npm run dev`). See src/cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
