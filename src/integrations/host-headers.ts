/** Writes `_headers` (src/lib/site/host-headers.ts) into the built site, once every other file is in it. */
import type { AstroIntegration } from 'astro';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostHeaders } from '../lib/site/host-headers';

export function hostHeadersFile(): AstroIntegration {
  let base = '/';
  return {
    name: 'papers-digest:host-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        const entries = readdirSync(out, { withFileTypes: true }).map((d) => ({ name: d.name, folder: d.isDirectory() }));
        writeFileSync(join(out, '_headers'), hostHeaders(base, entries));
      },
    },
  };
}
