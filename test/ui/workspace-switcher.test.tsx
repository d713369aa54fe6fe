// @vitest-environment happy-dom
// Issue 13 in the popup and the side panel: the workspace switcher, "All clients" for the assistant,
// a task opened in its own workspace, and the side panel naming the workspace it shows.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { SidePanelApp } from '../../components/side-panel-app';
import { WorkspaceRoot } from '../../components/workspace-root';
import {
  addWorkspace,
  createTask,
  getCurrentWorkspace,
  getPanelRoute,
  openCurrentWorkspace,
  openRegistry,
  setConnection,
  setCurrentWorkspace,
  workspaceDb,
  type Db,
  type Registry,
  type WorkspaceEntry,
} from '../../lib/store';
import { fakePlatform, makeConnection, makeTask, useLocale } from './helpers';

afterEach(cleanup);

let counter = 0;

/** A registry of its own whose first workspace is a fresh database, with `more` workspaces added (label, colour). */
async function freshRegistry(...more: Parameters<typeof addWorkspace>[1][]) {
  counter += 1;
  const suffix = `${counter}-${Math.random().toString(36).slice(2)}`;
  const registry = await openRegistry(`ws-ui-registry-${suffix}`, `ws-ui-first-${suffix}`);
  const entries: WorkspaceEntry[] = [(await getCurrentWorkspace(registry))!];
  for (const options of more) entries.push(await addWorkspace(registry, options));
  const dbs = await Promise.all(entries.map((entry) => workspaceDb(entry)));
  return { registry, entries, dbs };
}

async function renderPopup(registry: Registry, platform = fakePlatform()) {
  const initial = await openCurrentWorkspace(registry);
  render(
    <WorkspaceRoot initial={initial} registry={async () => registry}>
      {({ db }) => <PopupApp db={db} platform={platform} />}
    </WorkspaceRoot>,
  );
  await waitFor(() => expect(document.querySelector('.sections, .empty')).not.toBeNull());
  return platform;
}

const switcher = () => screen.findByRole('combobox', { name: 'Workspace' }) as Promise<HTMLSelectElement>;
const optionNames = (select: HTMLSelectElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

async function asAssistant(db: Db, endpoint = 'https://sync.agentur.de') {
  await setConnection(db, makeConnection({ role: 'assistant', endpoint, deviceId: `dev-${db.name}` }));
}

describe('popup: workspace switcher', () => {
  it('is not there with one workspace', async () => {
    const { registry, dbs } = await freshRegistry();
    await createTask(dbs[0], makeTask({ title: 'Einzige Aufgabe' }));
    await renderPopup(registry);
    expect(await screen.findByText('Einzige Aufgabe')).toBeTruthy();
    // The later chunk is in (the sync line), and still no switcher.
    await screen.findByRole('button', { name: 'Standing instructions' });
    await import('../../components/popup-later');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByRole('combobox', { name: 'Workspace' })).toBeNull();
  });

  it('lists the workspaces by name with two, and choosing one makes it current and shows its tasks', async () => {
    const { registry, entries, dbs } = await freshRegistry({ label: 'Kanzlei Nowag — Anna', colour: 'green' });
    await createTask(dbs[0], makeTask({ title: 'Aufgabe im ersten' }));
    await createTask(dbs[1], makeTask({ title: 'Aufgabe bei Nowag' }));
    await renderPopup(registry);
    expect(await screen.findByText('Aufgabe im ersten')).toBeTruthy();

    const select = await switcher();
    expect(optionNames(select)).toEqual(['Workspace 1', 'Kanzlei Nowag — Anna']);
    expect(select.value).toBe(entries[0].id);
    // One workspace of a client: nothing to gather across clients.
    expect(within(select).queryByRole('option', { name: 'All clients' })).toBeNull();

    fireEvent.change(select, { target: { value: entries[1].id } });
    expect(await screen.findByText('Aufgabe bei Nowag')).toBeTruthy();
    expect(screen.queryByText('Aufgabe im ersten')).toBeNull();
    expect((await getCurrentWorkspace(registry)).id).toBe(entries[1].id);
    // The popup was built anew for the other workspace; the switcher keeps the keyboard focus.
    await waitFor(async () => expect(document.activeElement).toBe(await switcher()));
    expect((await switcher()).value).toBe(entries[1].id);
  });

  it('reads no record of the other workspace to paint the current one, only its connection for the name', async () => {
    const { registry, dbs } = await freshRegistry({ label: 'Kanzlei Nowag — Anna' });
    await createTask(dbs[1], makeTask({ title: 'Nicht zu lesen' }));
    const other = dbs[1];
    const reads: string[] = [];
    const { getAll, get } = other;
    other.getAll = ((store: string, ...rest: unknown[]) => {
      reads.push(`getAll ${store}`);
      return (getAll as (...args: unknown[]) => unknown).call(other, store, ...rest);
    }) as typeof other.getAll;
    other.get = ((store: string, key: unknown) => {
      reads.push(`get ${store} ${String(key)}`);
      return get.call(other, store as 'meta', key as string);
    }) as typeof other.get;
    try {
      await createTask(dbs[0], makeTask({ title: 'Im ersten' }));
      await renderPopup(registry);
      await screen.findByText('Im ersten');
      await switcher();
      expect(reads).toEqual(['get meta connection']);
    } finally {
      other.getAll = getAll;
      other.get = get;
    }
  });

  it('names an unnamed paired workspace by its endpoint host', async () => {
    const { registry, dbs } = await freshRegistry({ label: '' });
    await setConnection(dbs[1], makeConnection({ endpoint: 'https://sync.weber-praxis.de' }));
    await renderPopup(registry);
    expect(optionNames(await switcher())).toEqual(['Workspace 1', 'sync.weber-praxis.de']);
  });
});

describe('popup: All clients', () => {
  /** This device: a client in its own workspace (current), the assistant of two clients. */
  async function assistantOfTwo() {
    const setup = await freshRegistry({ label: 'Kanzlei Nowag — Anna', colour: 'green' }, { label: '', colour: 'purple' });
    const [own, nowag, weber] = setup.dbs;
    await setConnection(own, makeConnection({ role: 'client' }));
    await asAssistant(nowag);
    await asAssistant(weber, 'https://sync.weber-praxis.de');
    await createTask(own, makeTask({ title: 'Eigene neue Aufgabe', status: 'new' }));
    const urteil = makeTask({ title: 'Urteil zusammenfassen', status: 'new', due: '2026-12-03' });
    await createTask(nowag, urteil);
    await createTask(nowag, makeTask({ title: 'Schon in Arbeit', status: 'in-progress' }));
    const flyer = makeTask({ title: 'Praxisflyer überarbeiten', status: 'new' });
    await createTask(weber, flyer);
    return { ...setup, urteil, flyer };
  }

  async function showAllClients() {
    const select = await switcher();
    await waitFor(() => expect(within(select).getByRole('option', { name: 'All clients' })).toBeTruthy());
    fireEvent.change(select, { target: { value: within(select).getByRole('option', { name: 'All clients' }).getAttribute('value') } });
    return screen.findByRole('region', { name: /All clients · Waiting for me/ });
  }

  const rowTitles = (region: HTMLElement) =>
    within(region)
      .queryAllByRole('button')
      .map((row) => [row.querySelector('.row-title')?.textContent, row.querySelector('.ws-client')?.textContent]);

  it('shows what waits in both assistant workspaces with the client’s name, never the client-side workspace’s', async () => {
    const { registry } = await assistantOfTwo();
    await renderPopup(registry);
    expect(await screen.findByText('Eigene neue Aufgabe')).toBeTruthy();

    const region = await showAllClients();
    await waitFor(() =>
      expect(rowTitles(region)).toEqual([
        ['Urteil zusammenfassen', 'KKanzlei Nowag — Anna'],
        ['Praxisflyer überarbeiten', 'Ssync.weber-praxis.de'],
      ]),
    );
    expect(within(region).getByRole('heading').textContent).toMatch(/Waiting for me\s*2/);
    expect(screen.queryByText('Eigene neue Aufgabe')).toBeNull();
    expect(screen.queryByText('Schon in Arbeit')).toBeNull();
    // The current workspace stays what it was: "All clients" is a view, not a workspace.
    expect((await getCurrentWorkspace(registry)).id).toBe('first');
  });

  it('follows a new task in any of the clients’ workspaces live', async () => {
    const { registry, dbs } = await assistantOfTwo();
    await renderPopup(registry);
    const region = await showAllClients();
    await within(region).findByText('Praxisflyer überarbeiten');
    await createTask(dbs[2], makeTask({ title: 'Neu von Weber', status: 'new' }));
    expect(await within(region).findByText('Neu von Weber')).toBeTruthy();
    // Two workspaces changing at once: each is read again, neither reading hides the other.
    await Promise.all([
      createTask(dbs[1], makeTask({ title: 'Gleichzeitig bei Nowag', status: 'new' })),
      createTask(dbs[2], makeTask({ title: 'Gleichzeitig bei Weber', status: 'new' })),
    ]);
    expect(await within(region).findByText('Gleichzeitig bei Nowag')).toBeTruthy();
    expect(await within(region).findByText('Gleichzeitig bei Weber')).toBeTruthy();
    expect(within(region).getByRole('heading').textContent).toMatch(/Waiting for me\s*5/);
    // The client's own workspace changing brings nothing here.
    await createTask(dbs[0], makeTask({ title: 'Eigene zweite', status: 'new' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(within(region).queryByText('Eigene zweite')).toBeNull();
  });

  it('opens a row’s task in its own workspace: the panel within the click, the route in that workspace only', async () => {
    const { registry, entries, dbs, flyer } = await assistantOfTwo();
    const platform = await renderPopup(registry);
    await waitFor(() => expect(platform.currentWindowId).toHaveBeenCalled());
    const region = await showAllClients();
    const row = await within(region).findByRole('button', { name: /Praxisflyer überarbeiten/ });

    fireEvent.click(row);
    // Called synchronously inside the click, before anything is awaited.
    expect(platform.openPanel).toHaveBeenCalledWith(7);
    await waitFor(() => expect(platform.close).toHaveBeenCalled());
    expect((await getCurrentWorkspace(registry)).id).toBe(entries[2].id);
    expect(await getPanelRoute(dbs[2])).toEqual({ view: 'task', id: flyer.id });
    expect(await getPanelRoute(dbs[0])).toEqual({ view: 'list' });
    expect(await getPanelRoute(dbs[1])).toEqual({ view: 'list' });
  });

  it('reaches the rows with Tab and the arrow keys; Enter on a row is a button press', async () => {
    const { registry } = await assistantOfTwo();
    await renderPopup(registry);
    const region = await showAllClients();
    const rows = await waitFor(() => {
      const found = within(region).getAllByRole('button');
      expect(found).toHaveLength(2);
      return found;
    });
    for (const row of rows) expect(row.tabIndex).toBe(0);
    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1], { key: 'Home' });
    expect(document.activeElement).toBe(rows[0]);
    expect(rows[0].tagName).toBe('BUTTON');
  });

  it('goes back to the current workspace’s list when this device is no longer the assistant of two', async () => {
    const { registry, dbs } = await assistantOfTwo();
    await renderPopup(registry);
    const region = await showAllClients();
    await within(region).findByText('Praxisflyer überarbeiten');
    await setConnection(dbs[2], makeConnection({ role: 'client', endpoint: 'https://sync.weber-praxis.de' }));
    expect(await screen.findByText('Eigene neue Aufgabe')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /All clients/ })).toBeNull();
    expect(within(await switcher()).queryByRole('option', { name: 'All clients' })).toBeNull();
  });

  it('says what to do when nothing waits', async () => {
    const setup = await freshRegistry({ label: 'Kanzlei Nowag — Anna' }, { label: 'Praxis Weber' });
    await asAssistant(setup.dbs[1]);
    await asAssistant(setup.dbs[2]);
    await renderPopup(setup.registry);
    const region = await showAllClients();
    expect(await within(region).findByText('Nothing waits for you')).toBeTruthy();
    expect(within(region).getByText(/appear here after the next sync/)).toBeTruthy();
  });
});

describe('side panel: the current workspace', () => {
  async function renderPanel(registry: Registry) {
    const initial = await openCurrentWorkspace(registry);
    return render(
      <WorkspaceRoot initial={initial} registry={async () => registry}>
        {({ db }) => <SidePanelApp db={db} platform={fakePlatform()} />}
      </WorkspaceRoot>,
    );
  }

  it('names the workspace it shows when there are two, and follows a switch', async () => {
    const { registry, entries } = await freshRegistry({ label: 'Kanzlei Nowag — Anna', colour: 'green' });
    await renderPanel(registry);
    const header = document.querySelector('.panel-header') as HTMLElement;
    await waitFor(() => expect(header.querySelector('.ws-current')?.textContent).toBe('WWorkspace: Workspace 1'));

    await setCurrentWorkspace(registry, entries[1].id);
    await waitFor(() => expect(document.querySelector('.ws-current')?.textContent).toBe('KWorkspace: Kanzlei Nowag — Anna'));
    expect(document.querySelector('.ws-current .ws-mark')?.getAttribute('data-colour')).toBe('green');
  });

  it('shows nothing of it with one workspace', async () => {
    const { registry } = await freshRegistry();
    await renderPanel(registry);
    await screen.findByRole('navigation', { name: 'Views' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.querySelector('.ws-current')).toBeNull();
  });
});

describe('in German', () => {
  afterEach(() => useLocale('en'));

  it('labels the switcher "Arbeitsbereich" and offers "Alle Arbeitsbereiche"', async () => {
    useLocale('de');
    const { registry, dbs } = await freshRegistry({ label: 'Kanzlei Nowag — Anna' }, { label: '' });
    await asAssistant(dbs[1]);
    await asAssistant(dbs[2]);
    await createTask(dbs[1], makeTask({ title: 'Urteil zusammenfassen', status: 'new' }));
    await renderPopup(registry);
    const select = (await screen.findByRole('combobox', { name: 'Arbeitsbereich' })) as HTMLSelectElement;
    await waitFor(() =>
      expect(optionNames(select)).toEqual(['Arbeitsbereich 1', 'Kanzlei Nowag — Anna', 'sync.agentur.de', 'Alle Arbeitsbereiche']),
    );
    fireEvent.change(select, {
      target: { value: within(select).getByRole('option', { name: 'Alle Arbeitsbereiche' }).getAttribute('value') },
    });
    const region = await screen.findByRole('region', { name: /Alle Arbeitsbereiche · Wartet auf mich/ });
    expect(await within(region).findByText('Urteil zusammenfassen')).toBeTruthy();
  });
});
