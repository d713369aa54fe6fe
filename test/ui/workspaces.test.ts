import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { addWorkspace, listWorkspaces, openRegistry, removeWorkspace, setConnection, setKnownDevices, workspaceDb } from '../../lib/store';
import { loadWorkspaceDirectory, nameInitial, readWorkspaceDirectory, workspaceName, workspaceNames } from '../../lib/ui/workspaces';
import { makeConnection } from './helpers';

const entry = (id: string, label = '') => ({ id, label });
const at = (endpoint: string) => ({ endpoint });

describe('workspace names', () => {
  it('names a workspace by its label, trimmed', () => {
    expect(workspaceName(entry('a', '  Kanzlei Nowag — Anna '), at('https://sync.nowag.de'), 0)).toBe('Kanzlei Nowag — Anna');
  });

  it('falls back to the endpoint host (with its port, without www.), else to its place in the list', () => {
    expect(workspaceName(entry('a'), at('https://www.sync.nowag.de/v1'), 0)).toBe('sync.nowag.de');
    expect(workspaceName(entry('a'), at('http://127.0.0.1:8787'), 0)).toBe('127.0.0.1:8787');
    expect(workspaceName(entry('a', '   '), null, 2)).toBe('Workspace 3');
    expect(workspaceName(entry('a'), at('not an address'), 0)).toBe('Workspace 1');
  });

  it('tells apart two workspaces that would read the same by their place', () => {
    const names = workspaceNames([
      { entry: entry('a'), connection: at('https://sync.agentur.de') },
      { entry: entry('b', 'Praxis Weber'), connection: at('https://sync.agentur.de') },
      { entry: entry('c'), connection: at('https://sync.agentur.de') },
      { entry: entry('d'), connection: null },
    ]);
    expect([...names]).toEqual([
      ['a', 'sync.agentur.de (1)'],
      ['b', 'Praxis Weber'],
      ['c', 'sync.agentur.de (3)'],
      ['d', 'Workspace 4'],
    ]);
  });

  it('marks a workspace with the first letter or digit of its name', () => {
    expect(nameInitial('kanzlei Nowag')).toBe('K');
    expect(nameInitial('„Übersetzungen“')).toBe('Ü');
    expect(nameInitial('127.0.0.1:8787')).toBe('1');
    expect(nameInitial(' — ')).toBe('?');
  });
});

describe('the workspace directory', () => {
  it('lists every workspace in the registry’s order with its connection, name and initial; the devices only when asked', async () => {
    globalThis.indexedDB = new IDBFactory();
    const registry = await openRegistry('registry-directory', 'zuarbeit-directory-first');
    const berg = await addWorkspace(registry, { label: 'Praxis Berg' });
    const bergDb = await workspaceDb(berg);
    await setConnection(bergDb, makeConnection({ endpoint: 'https://sync.berg.de', role: 'assistant' }));
    await setKnownDevices(bergDb, [{ id: 'dev-client', role: 'client', name: 'Praxis' }]);

    const plain = await loadWorkspaceDirectory(registry);
    expect(plain.map(({ name, initial, connection, devices }) => ({ name, initial, role: connection?.role ?? null, devices }))).toEqual([
      { name: 'Workspace 1', initial: 'W', role: null, devices: [] },
      { name: 'Praxis Berg', initial: 'P', role: 'assistant', devices: [] },
    ]);
    const withDevices = await loadWorkspaceDirectory(registry, { withDevices: true });
    expect(withDevices[1].devices).toEqual([{ id: 'dev-client', role: 'client', name: 'Praxis' }]);
  });

  it('drops a workspace left in this context, even for a reader still holding its entry, and never opens its database again', async () => {
    globalThis.indexedDB = new IDBFactory();
    const registry = await openRegistry('registry-directory-left', 'zuarbeit-directory-left-first');
    const gone = await addWorkspace(registry, { label: 'Praxis Berg' });
    await addWorkspace(registry, { label: 'Kanzlei Nowag' });
    const listedBefore = await listWorkspaces(registry);
    await removeWorkspace(registry, gone.id, { keepData: false });

    const directory = await readWorkspaceDirectory({ list: async () => listedBefore, open: workspaceDb });
    expect(directory.map(({ name }) => name)).toEqual(['Workspace 1', 'Kanzlei Nowag']);
    expect((await indexedDB.databases()).map(({ name }) => name)).not.toContain(gone.dbName);
  });

  it('marks a workspace whose database does not open as unreadable, not as unpaired, and still names it', async () => {
    globalThis.indexedDB = new IDBFactory();
    const registry = await openRegistry('registry-directory-unreadable', 'zuarbeit-directory-unreadable-first');
    const broken = await addWorkspace(registry, { label: 'Praxis Berg' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const directory = await readWorkspaceDirectory({
      list: () => listWorkspaces(registry),
      open: (entry) => (entry.id === broken.id ? Promise.reject(new Error('blocked by another version')) : workspaceDb(entry)),
    });
    expect(warn).toHaveBeenCalledWith('[zuarbeit] cannot read a workspace', expect.any(Error));
    warn.mockRestore();
    expect(directory.map(({ name, connection, unreadable }) => ({ name, connection, unreadable }))).toEqual([
      { name: 'Workspace 1', connection: null, unreadable: false },
      { name: 'Praxis Berg', connection: null, unreadable: true },
    ]);
  });
});
