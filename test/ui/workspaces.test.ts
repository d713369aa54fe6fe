import { describe, expect, it } from 'vitest';
import { nameInitial, workspaceName, workspaceNames } from '../../lib/ui/workspaces';

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
