import { describe, expect, it } from 'vitest';
import type { LastWord } from '../../lib/model/sections';
import { allClientsRows, offersAllClients, type ClientWorkspace } from '../../lib/ui/all-clients';
import { makeTask } from './helpers';

function workspace(
  id: string,
  role: 'client' | 'assistant' | null,
  tasks: ClientWorkspace['tasks'] = [],
  overrides: Partial<ClientWorkspace['entry']> & { lastWords?: Record<string, LastWord>; endpoint?: string } = {},
): ClientWorkspace {
  const { lastWords = {}, endpoint = 'https://sync.agentur.de', ...entry } = overrides;
  return {
    entry: { id, label: '', colour: 'blue', ...entry },
    connection: role ? { endpoint, role } : null,
    tasks,
    lastWords: new Map(Object.entries(lastWords)),
  };
}

describe('All clients', () => {
  it('lists what waits for the assistant in each assistant workspace, named by its client, never a client workspace', () => {
    const rows = allClientsRows([
      workspace('own', 'client', [makeTask({ id: 'own-new', title: 'Eigene Aufgabe', status: 'new' })], { label: 'Meine Kanzlei' }),
      workspace('nowag', 'assistant', [makeTask({ id: 'n1', title: 'Urteil zusammenfassen', status: 'new' })], {
        label: 'Kanzlei Nowag — Anna',
        colour: 'green',
      }),
      workspace('weber', 'assistant', [makeTask({ id: 'w1', title: 'Praxisflyer überarbeiten', status: 'new' })], {
        colour: 'purple',
        endpoint: 'https://sync.weber-praxis.de',
      }),
    ]);
    expect(rows.map((row) => [row.workspaceId, row.workspaceName, row.colour, row.initial, row.id, row.title])).toEqual([
      ['nowag', 'Kanzlei Nowag — Anna', 'green', 'K', 'n1', 'Urteil zusammenfassen'],
      ['weber', 'sync.weber-praxis.de', 'purple', 'S', 'w1', 'Praxisflyer überarbeiten'],
    ]);
  });

  it('follows "Waiting for me": new tasks and the client’s last word, not a result under review, finished, deleted or standing tasks', () => {
    const rows = allClientsRows([
      workspace(
        'a',
        'assistant',
        [
          makeTask({ id: 'new', status: 'new' }),
          makeTask({ id: 'answered', status: 'question' }),
          makeTask({ id: 'asked', status: 'question' }),
          makeTask({ id: 'working', status: 'in-progress' }),
          makeTask({ id: 'review', status: 'review' }),
          makeTask({ id: 'done', status: 'done' }),
          makeTask({ id: 'gone', status: 'new', deleted: true }),
          makeTask({ id: 'standing', status: 'new', recurrence: { every: 'week', interval: 1 } }),
        ],
        { lastWords: { answered: 'theirs', asked: 'mine', review: 'theirs' } },
      ),
    ]);
    expect(rows.map((row) => row.id).sort()).toEqual(['answered', 'new']);
  });

  it('orders across workspaces like the sections: due first (earliest first), then priority, then newest', () => {
    const rows = allClientsRows([
      workspace('a', 'assistant', [
        makeTask({ id: 'a-later', due: '2026-12-10' }),
        makeTask({ id: 'a-none-old', createdAt: '2026-11-01T08:00:00.000Z' }),
      ]),
      workspace('b', 'assistant', [
        makeTask({ id: 'b-soon', due: '2026-12-03' }),
        makeTask({ id: 'b-none-high', priority: 'high', createdAt: '2026-10-01T08:00:00.000Z' }),
        makeTask({ id: 'b-none-new', createdAt: '2026-11-25T08:00:00.000Z' }),
      ]),
    ]);
    expect(rows.map((row) => row.id)).toEqual(['b-soon', 'a-later', 'b-none-high', 'b-none-new', 'a-none-old']);
  });

  it('offers "All clients" only when this device is the assistant in two workspaces or more', () => {
    expect(offersAllClients([workspace('a', 'assistant'), workspace('b', 'client'), workspace('c', null)])).toBe(false);
    expect(offersAllClients([workspace('a', 'assistant'), workspace('b', 'client'), workspace('c', 'assistant')])).toBe(true);
  });
});
