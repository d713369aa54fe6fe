import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreChange } from '../../lib/store/events';
import { META } from '../../lib/store/meta-keys';

/** A BroadcastChannel that records its instances and what they post; `receive` plays another context. */
class FakeChannel extends EventTarget {
  static instances: FakeChannel[] = [];
  posted: unknown[] = [];
  constructor(readonly name: string) {
    super();
    FakeChannel.instances.push(this);
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  receive(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  close() {}
}

async function freshEvents() {
  FakeChannel.instances = [];
  vi.stubGlobal('BroadcastChannel', FakeChannel);
  vi.resetModules();
  return import('../../lib/store/events');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('change feed', () => {
  it('opens one channel per context, however many listeners, and fans every change out once', async () => {
    const events = await freshEvents();
    const heard: [string, StoreChange][] = [];
    const stops = ['a', 'b', 'c'].map((name) => events.onStoreChange((change) => heard.push([name, change])));
    expect(FakeChannel.instances).toHaveLength(1);

    events.announceChange({ kind: 'task', ids: ['t1'] });
    FakeChannel.instances[0].receive({ kind: 'comment', ids: ['c1'] });
    FakeChannel.instances[0].receive({ kind: 'teleport' });
    expect(heard).toEqual([
      ['a', { kind: 'task', ids: ['t1'] }],
      ['b', { kind: 'task', ids: ['t1'] }],
      ['c', { kind: 'task', ids: ['t1'] }],
      ['a', { kind: 'comment', ids: ['c1'] }],
      ['b', { kind: 'comment', ids: ['c1'] }],
      ['c', { kind: 'comment', ids: ['c1'] }],
    ]);
    expect(FakeChannel.instances[0].posted).toEqual([{ kind: 'task', ids: ['t1'] }]);

    stops[1]();
    events.announceChange({ kind: 'drafts' });
    expect(heard.slice(6).map(([name]) => name)).toEqual(['a', 'c']);
    expect(FakeChannel.instances).toHaveLength(1);
  });

  it('works without BroadcastChannel, in this context only', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    vi.resetModules();
    const events = await import('../../lib/store/events');
    const heard: StoreChange[] = [];
    events.onStoreChange((change) => heard.push(change));
    events.announceChange({ kind: 'outbox' });
    expect(heard).toEqual([{ kind: 'outbox' }]);
  });

  it('hears, with a scope, only the changes of that database and those naming none (the registry)', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    vi.resetModules();
    const events = await import('../../lib/store/events');
    const scoped: StoreChange[] = [];
    const all: StoreChange[] = [];
    events.onStoreChange((change) => scoped.push(change), { name: 'zuarbeit-ws-a' });
    events.onStoreChange((change) => all.push(change));
    events.announceChange({ db: 'zuarbeit-ws-a', kind: 'task', ids: ['t1'] });
    events.announceChange({ db: 'zuarbeit-ws-b', kind: 'task', ids: ['t2'] });
    events.announceChange({ kind: 'workspaces', ids: ['ws-b'] });
    expect(scoped.map((change) => change.ids)).toEqual([['t1'], ['ws-b']]);
    expect(all).toHaveLength(3);
  });
});

describe('change predicates', () => {
  const meta = (...ids: string[]): StoreChange => ({ kind: 'meta', ids });

  it('the task list and the badge follow tasks, threads, the connection and the device list', async () => {
    const { affectsBadge, affectsTaskList } = await import('../../lib/store/events');
    for (const change of [{ kind: 'task' }, { kind: 'comment' }, meta(META.connection), meta(META.devices)] as StoreChange[]) {
      expect(affectsTaskList(change)).toBe(true);
      expect(affectsBadge(change)).toBe(true);
    }
    expect(affectsTaskList({ kind: 'drafts' })).toBe(true);
    expect(affectsBadge({ kind: 'drafts' })).toBe(false);
    for (const change of [meta(META.panelRoute), meta(META.syncState), { kind: 'outbox' }, { kind: 'instruction' }] as StoreChange[]) {
      expect(affectsTaskList(change)).toBe(false);
      expect(affectsBadge(change)).toBe(false);
    }
  });

  it('the session follows the connection and the device list, the connection only itself', async () => {
    const { affectsConnection, affectsSession } = await import('../../lib/store/events');
    expect(affectsSession(meta(META.devices))).toBe(true);
    expect(affectsSession(meta(META.connection))).toBe(true);
    expect(affectsSession(meta(META.syncState, META.panelRoute))).toBe(false);
    expect(affectsSession({ kind: 'task' })).toBe(false);
    expect(affectsConnection(meta(META.devices))).toBe(false);
    expect(affectsConnection(meta(META.connection))).toBe(true);
    // A meta change that names no keys may have touched any of them.
    expect(affectsConnection({ kind: 'meta' })).toBe(true);
  });

  it('sync status, sync state, panel route and one task each hear only their own changes', async () => {
    const { affectsPanelRoute, affectsSyncState, affectsSyncStatus, affectsTask } = await import('../../lib/store/events');
    expect(affectsSyncStatus({ kind: 'outbox' })).toBe(true);
    expect(affectsSyncStatus(meta(META.connection))).toBe(true);
    expect(affectsSyncStatus(meta(META.devices))).toBe(false);
    expect(affectsSyncState(meta(META.syncState))).toBe(true);
    expect(affectsSyncState({ kind: 'outbox' })).toBe(false);
    expect(affectsPanelRoute(meta(META.panelRoute))).toBe(true);
    expect(affectsPanelRoute(meta(META.connection))).toBe(false);
    expect(affectsTask('t1')({ kind: 'task', ids: ['t2', 't1'] })).toBe(true);
    expect(affectsTask('t1')({ kind: 'task', ids: ['t2'] })).toBe(false);
    expect(affectsTask('t1')({ kind: 'comment', ids: ['t1'] })).toBe(false);
  });
});
