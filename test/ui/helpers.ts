// Shared set-up for the view tests: a fresh database per test, tasks and drafts, a fake platform.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ViewPlatform } from '../../components/platform';
import type { Task, TaskDraft } from '../../lib/model';
import type { Device } from '../../lib/protocol';
import { openZuarbeitDb, type Db } from '../../lib/store';
import type { Connection } from '../../lib/sync/connection';

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

/**
 * A platform whose calls are recorded; the window id is known, the shortcut is Alt+Shift+D, the
 * browser is Chrome on Linux, endpoint access is granted, and no request leaves the test
 * (pass `endpointFetch` to answer like the server, or to reach a real endpoint).
 */
export function fakePlatform(overrides: Partial<ViewPlatform> = {}) {
  return {
    currentWindowId: vi.fn(async () => 7),
    openPanel: vi.fn(async (_windowId: number | undefined) => undefined),
    close: vi.fn(),
    openReport: vi.fn(async () => undefined),
    delegateShortcut: vi.fn(async () => 'Alt+Shift+D'),
    requestEndpointAccess: vi.fn(async (_origin: string) => true),
    requestNotifications: vi.fn(async () => true),
    copyText: vi.fn(async (_text: string) => undefined),
    deviceInfo: () => ({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      platform: 'Linux x86_64',
      brands: ['Not_A Brand', 'Chromium', 'Google Chrome'],
      uaPlatform: 'Linux',
    }),
    endpointFetch: vi.fn<typeof fetch>(async () => {
      throw new TypeError('No network in this test');
    }),
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

/** A stored connection as pairing leaves it (nothing is asked of a server). */
export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    endpoint: 'http://127.0.0.1:8787',
    workspaceId: 'ws-1',
    deviceId: 'dev-me',
    deviceName: 'Kanzlei-Laptop',
    token: 'token-me',
    role: 'client',
    keys: { k1: 'A'.repeat(43) },
    currentKeyId: 'k1',
    joinedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** What a fake endpoint route answers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

type FakeRoute = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * A fetch that answers like the sync endpoint from `routes` ("POST /v1/workspaces", or a path
 * prefix such as "DELETE /v1/devices/"); `/v1/sync` answers an empty log unless overridden.
 * Every request is recorded in `requests`.
 */
export function fakeEndpoint(routes: Record<string, FakeRoute> = {}) {
  const requests: FakeRequest[] = [];
  const all: Record<string, FakeRoute> = {
    'POST /v1/sync': () => ({
      status: 200,
      body: { accepted: 0, rejected: [], messages: [], cursor: 0, more: false, serverTime: new Date().toISOString() },
    }),
    ...routes,
  };
  const fetchImpl = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('authorization'),
    };
    requests.push(request);
    const key = `${request.method} ${request.path}`;
    const route = all[key] ?? Object.entries(all).find(([prefix]) => prefix.endsWith('/') && key.startsWith(prefix))?.[1];
    const answer = route ? await route(request) : { status: 404, body: { error: { code: 'not-found', message: 'No such route' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  return { fetch: fetchImpl, requests };
}

/** A device as `GET /v1/workspace` lists it. */
export function makeDevice(overrides: Partial<Device> = {}): Device {
  return {
    id: 'dev-me',
    name: 'Kanzlei-Laptop',
    role: 'client',
    createdAt: '2026-11-20T10:00:00.000Z',
    lastSeenAt: new Date().toISOString(),
    revokedAt: null,
    ...overrides,
  };
}
