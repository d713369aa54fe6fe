// Shared set-up for the view tests: a fresh database per test, tasks and drafts, a fake platform.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ViewPlatform } from '../../components/platform';
import type { Task, TaskDraft } from '../../lib/model';
import { openZuarbeitDb, type Db } from '../../lib/store';

let counter = 0;

/** A database no other test uses. */
export function freshDb(): Promise<Db> {
  counter += 1;
  return openZuarbeitDb(`ui-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    title: 'A task',
    kind: 'research',
    status: 'new',
    instructions: '',
    source: { type: 'page', url: 'https://www.example.com/page', title: 'Example page', capturedAt: '2026-11-20T10:00:00.000Z' },
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    recurrence: null,
    result: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function makeDraft(overrides: Partial<TaskDraft> = {}): TaskDraft {
  return {
    id: crypto.randomUUID(),
    title: 'Clipped page',
    kind: 'research',
    instructions: '',
    source: {
      type: 'selection',
      url: 'https://dejure.org/gesetze/BGB/823.html',
      title: '§ 823 BGB',
      quote: 'Wer vorsätzlich oder fahrlässig\ndas Leben, den Körper ...',
      capturedAt: '2026-11-26T09:00:00.000Z',
    },
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    ...overrides,
  };
}

/** A platform whose calls are recorded; the window id is known, the shortcut is Alt+Shift+D. */
export function fakePlatform(overrides: Partial<ViewPlatform> = {}) {
  return {
    currentWindowId: vi.fn(async () => 7),
    openPanel: vi.fn(async (_windowId: number | undefined) => undefined),
    close: vi.fn(),
    delegateShortcut: vi.fn(async () => 'Alt+Shift+D'),
    ...overrides,
  } satisfies ViewPlatform;
}

/** Makes browser.i18n answer in `locale` from locales/<locale>.json, as the built extension would. */
export function useLocale(locale: string): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const flat: Record<string, string> = {};
  const flatten = (prefix: string, value: unknown) => {
    if (typeof value === 'string') flat[prefix] = value;
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.every(([k]) => /^(\d+|n)$/.test(k))) flat[prefix] = entries.map(([, v]) => String(v)).join(' | ');
      else for (const [k, v] of entries) flatten(prefix ? `${prefix}_${k}` : k, v);
    }
  };
  flatten('', JSON.parse(readFileSync(join(root, 'locales', `${locale}.json`), 'utf8')));
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => {
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return (flat[key] ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => locale;
}
