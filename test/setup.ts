// Shared test set-up: a fresh fake IndexedDB for every test file, and browser.i18n answering from locales/.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const locale = process.env.ZUARBEIT_TEST_LOCALE ?? 'en';
const flat: Record<string, string> = {};
function flatten(prefix: string, value: unknown): void {
  if (typeof value === 'string') flat[prefix] = value;
  else if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    // Plural forms ({ "0": ..., "1": ..., "n": ... }) become one message joined by " | ", as @wxt-dev/i18n builds them.
    if (entries.every(([k]) => /^(\d+|n)$/.test(k))) flat[prefix] = entries.map(([, v]) => String(v)).join(' | ');
    else for (const [k, v] of entries) flatten(prefix ? `${prefix}_${k}` : k, v);
  }
}
// Not `new URL(..., import.meta.url)`: under happy-dom the global URL is happy-dom's, which resolves file: URLs wrongly.
flatten('', JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'locales', `${locale}.json`), 'utf8')));

fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const message = flat[key] ?? '';
  return message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => locale;
