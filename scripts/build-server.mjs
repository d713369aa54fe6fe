// Bundles the endpoint (server/src) into server/dist with esbuild: one ES module per command,
// packages left external (better-sqlite3 and pg load from node_modules). Running the bundle with
// plain `node` spares the TypeScript loader thread tsx adds (about 30 MB of memory) and its
// start-up transform; the source is what the tests run.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: { index: 'server/src/index.ts', 'new-epochs': 'server/src/new-epochs.ts' },
  outdir: 'server/dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
