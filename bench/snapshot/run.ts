// bench/snapshot: the page snapshot (issue 12) on the 77 real pages of ../shared/fixtures/pages.
// Per page: capture (Readability on a clone + the walker, in happy-dom), encode (gzip, SHA-256,
// parts), decode. Prints capture time median/p95, text size before/after compression and parts
// per snapshot; asserts nothing. happy-dom is several times slower than a browser.
import { performance } from 'node:perf_hooks';
import { captureSnapshot } from '../../lib/clip/snapshot';
import { decodeText, encodeText } from '../../lib/snapshot/codec';
import { fixtureDocument, fixturePageNames } from '../../test/support/fixture-pages';

const names = fixturePageNames();

const capture: number[] = [];
const encode: number[] = [];
const decode: number[] = [];
const bytes: number[] = [];
const compressed: number[] = [];
const parts: number[] = [];
const none: string[] = [];
const slowest: [string, number][] = [];
for (const name of names) {
  const { document, close } = fixtureDocument(name);
  const t0 = performance.now();
  const snapshot = captureSnapshot(document);
  const t1 = performance.now();
  capture.push(t1 - t0);
  slowest.push([name, t1 - t0]);
  await close();
  if (!('text' in snapshot)) {
    none.push(name);
    continue;
  }
  const t2 = performance.now();
  const encoded = await encodeText(snapshot.text);
  const t3 = performance.now();
  const back = await decodeText({ ...encoded, parts: encoded.parts.length }, encoded.parts);
  const t4 = performance.now();
  if (!back.ok || back.text !== snapshot.text) throw new Error(`${name}: round trip failed`);
  encode.push(t3 - t2);
  decode.push(t4 - t3);
  bytes.push(encoded.bytes);
  compressed.push(encoded.compressedBytes);
  parts.push(encoded.parts.length);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pick = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const ms = (xs: number[]) =>
  `median ${pick(xs, 0.5).toFixed(1)} ms, p95 ${pick(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const size = (xs: number[]) =>
  `median ${kb(pick(xs, 0.5))}, p95 ${kb(pick(xs, 0.95))}, max ${kb(Math.max(...xs))}, total ${kb(xs.reduce((a, b) => a + b, 0))}`;
const histogram = new Map<number, number>();
for (const n of parts) histogram.set(n, (histogram.get(n) ?? 0) + 1);

console.log(`page snapshot over ${names.length} real pages (happy-dom, Node ${process.version}):`);
console.log(`  with text: ${bytes.length}; no readable content: ${none.length}${none.length ? ` (${none.join(', ')})` : ''}`);
console.log(`  capture (Readability on a clone + walker): ${ms(capture)}`);
console.log(
  `  slowest: ${slowest
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([n, t]) => `${n} ${t.toFixed(0)} ms`)
    .join(', ')}`,
);
console.log(`  encode (gzip + SHA-256 + parts): ${ms(encode)}; decode and check: ${ms(decode)}`);
console.log(`  text, UTF-8: ${size(bytes)}`);
console.log(
  `  gzip: ${size(compressed)} (ratio, total: ${(compressed.reduce((a, b) => a + b, 0) / bytes.reduce((a, b) => a + b, 0)).toFixed(2)})`,
);
console.log(
  `  parts per snapshot: ${[...histogram]
    .sort((a, b) => a[0] - b[0])
    .map(([n, c]) => `${n} part${n === 1 ? '' : 's'}: ${c}`)
    .join(', ')}`,
);
process.exit(0);
