#!/usr/bin/env node
// Prints the gzip size of every JS and CSS file the popup loads and fails over the budget
// (DESIGN.md, "Budgets": popup JS+CSS, gzip, ≤ 40 KB), and the side panel's first load for the
// record (files and bytes, no budget). Run after `npx wxt build`.
// Usage: node scripts/size.mjs [output dir, default .output/chrome-mv3]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 40 * 1024;
const outDir = resolve(process.argv[2] ?? '.output/chrome-mv3');
const page = join(outDir, 'popup.html');

if (!existsSync(page)) {
  console.error(`No ${relative(process.cwd(), page)}: run \`npx wxt build\` first.`);
  process.exit(2);
}

/** A path in the extension: "/x" is from the output root, anything else from the referring file. */
function resolveRef(ref, from) {
  const clean = ref.split(/[?#]/)[0];
  return clean.startsWith('/') ? join(outDir, clean) : resolve(dirname(from), clean);
}

/** The script and stylesheet (and module preload) references of an HTML page. */
function htmlRefs(html) {
  const refs = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) refs.push(src);
    } else if (/^(stylesheet|modulepreload)$/i.test(attr('rel') ?? '')) {
      const href = attr('href');
      if (href) refs.push(href);
    }
  }
  return refs;
}

// Rollup puts a chunk's static imports first: `import{a as b}from"./x.js";import"./y.js";`.
const STATIC_IMPORT = /\s*(?:\/\*[\s\S]*?\*\/\s*)*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'])([^"']+)\1\s*;?/y;

/** The modules a chunk imports statically (dynamic `import()` loads later and is not counted). */
function staticImports(code) {
  const refs = [];
  STATIC_IMPORT.lastIndex = 0;
  let match;
  while ((match = STATIC_IMPORT.exec(code))) refs.push(match[2]);
  return refs;
}

/** Every JS and CSS file `html` loads before its scripts run (its scripts, stylesheets, module preloads and their static imports). */
function firstLoad(html) {
  const files = new Map();
  const queue = htmlRefs(readFileSync(html, 'utf8')).map((ref) => resolveRef(ref, html));
  while (queue.length > 0) {
    const file = queue.shift();
    if (files.has(file) || !/\.(m?js|css)$/.test(file)) continue;
    if (!existsSync(file)) {
      console.error(`Missing ${relative(outDir, file)}, referenced by ${relative(outDir, html)}.`);
      process.exit(2);
    }
    const content = readFileSync(file);
    files.set(file, { raw: content.length, gzip: gzipSync(content, { level: 9 }).length });
    if (/\.m?js$/.test(file)) for (const ref of staticImports(content.toString('utf8'))) queue.push(resolveRef(ref, file));
  }
  return files;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const sum = (files) =>
  [...files.values()].reduce((total, size) => ({ raw: total.raw + size.raw, gzip: total.gzip + size.gzip }), { raw: 0, gzip: 0 });

const files = firstLoad(page);
const rows = [...files].map(([file, size]) => [relative(outDir, file), kb(size.raw), kb(size.gzip)]);
const total = sum(files);
const table = [['file', 'raw', 'gzip -9'], ...rows, ['total', kb(total.raw), kb(total.gzip)]];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
for (const [index, row] of table.entries()) {
  if (index === table.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
}
// The side panel's first load, for the record (issue 14: its files arrive one after the other, so
// their number counts as well as their size; build/page-chunks.ts keeps it at three scripts and a stylesheet).
const panelPage = join(outDir, 'sidepanel.html');
if (existsSync(panelPage)) {
  const panel = firstLoad(panelPage);
  const panelTotal = sum(panel);
  console.log(`\nSide panel's first load: ${panel.size} files, ${kb(panelTotal.raw)} raw, ${kb(panelTotal.gzip)} gzip (no budget).`);
}
const verdict = total.gzip <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`\nPopup JS+CSS: ${kb(total.gzip)} gzip, ${verdict} the ${kb(BUDGET_BYTES)} budget.`);
process.exit(total.gzip <= BUDGET_BYTES ? 0 : 1);
