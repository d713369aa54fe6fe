// @vitest-environment happy-dom
// Issue 13: the Connection page lists the workspaces of this browser; open, rename, leave, add.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { WorkspaceRoot } from '../../components/workspace-root';
import {
  addWorkspace,
  clearConnection,
  createTask,
  FIRST_WORKSPACE,
  getConnection,
  getRegistry,
  listRecords,
  listWorkspaces,
  openCurrentWorkspace,
  removeWorkspace,
  setConnection,
  setCurrentWorkspace,
  setKnownDevices,
  setPanelRoute,
  updateWorkspace,
  workspaceDb,
  type WorkspaceEntry,
} from '../../lib/store';
import { proposeWorkspaceName, workspaceName } from '../../lib/ui/workspaces';
import { fakeEndpoint, fakePlatform, makeConnection, makeTask, useLocale } from './helpers';

afterEach(cleanup);

// One registry per test file (fake IndexedDB): back to the first workspace alone, unpaired and unnamed.
beforeEach(async () => {
  const registry = await getRegistry();
  for (const entry of await listWorkspaces(registry)) {
    if (entry.id !== FIRST_WORKSPACE) await removeWorkspace(registry, entry.id, { keepData: false });
  }
  await updateWorkspace(registry, FIRST_WORKSPACE, { label: '', colour: 'blue' });
  await setCurrentWorkspace(registry, FIRST_WORKSPACE);
  const first = await firstDb();
  await clearConnection(first);
  await first.clear('task');
});

const firstDb = async () => workspaceDb((await listWorkspaces(await getRegistry())).find((entry) => entry.id === FIRST_WORKSPACE)!);

/** A second (third...) workspace, optionally named and paired, with its database. */
async function another(label = '', connection?: Parameters<typeof makeConnection>[0]) {
  const entry = await addWorkspace(await getRegistry(), { label });
  const db = await workspaceDb(entry);
  if (connection) await setConnection(db, makeConnection(connection));
  return { entry, db };
}

/** The side panel as the entrypoint renders it: the current workspace, followed live, on its Connection page. */
async function openPanel(platform = fakePlatform()) {
  const initial = await openCurrentWorkspace(await getRegistry());
  await setPanelRoute(initial.db, { view: 'connection' });
  render(<WorkspaceRoot initial={initial}>{(open) => <SidePanelApp db={open.db} platform={platform} />}</WorkspaceRoot>);
  // The Connection page loads when first shown (issue 14); its first import in a test run is slow.
  await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
  return platform;
}

const list = () => screen.findByRole('region', { name: 'Workspaces' });
const rows = async () => within(await list()).getAllByRole('listitem');
const current = async () => (await rows()).filter((row) => row.getAttribute('aria-current') === 'true');
const entry = async (id: string): Promise<WorkspaceEntry | undefined> =>
  (await listWorkspaces(await getRegistry())).find((candidate) => candidate.id === id);
const databaseNames = async () => (await indexedDB.databases()).map((database) => database.name);

describe('workspace names', () => {
  it('uses the label, else the endpoint host, else “Workspace N”', () => {
    expect(workspaceName({ label: '  Kanzlei Nowag — Anna ' }, null, 0)).toBe('Kanzlei Nowag — Anna');
    expect(workspaceName({ label: '' }, { endpoint: 'https://sync.kanzlei.de' }, 1)).toBe('sync.kanzlei.de');
    expect(workspaceName({ label: '' }, { endpoint: 'http://127.0.0.1:8787' }, 1)).toBe('127.0.0.1:8787');
    expect(workspaceName({ label: ' ' }, null, 2)).toBe('Workspace 3');
    expect(workspaceName({ label: '' }, { endpoint: 'not a url' }, 0)).toBe('Workspace 1');
  });

  it('proposes “client — assistant” from the devices known', () => {
    const devices = [
      { id: 'a', role: 'client' as const, name: 'Kanzlei Nowag' },
      { id: 'b', role: 'assistant' as const, name: 'Anna' },
    ];
    expect(proposeWorkspaceName({ role: 'assistant', deviceName: 'Anna (Laptop)' }, devices)).toBe('Kanzlei Nowag — Anna (Laptop)');
    expect(proposeWorkspaceName({ role: 'client', deviceName: 'Büro' }, devices)).toBe('Büro — Anna');
    expect(proposeWorkspaceName({ role: 'client', deviceName: 'Büro' }, [])).toBe('Büro');
  });
});

describe('the workspace list', () => {
  it('lists every workspace with its name and role, marks the current one, and follows changes live', async () => {
    await setConnection(await firstDb(), makeConnection({ endpoint: 'https://sync.kanzlei.de' }));
    const nowag = await another('Kanzlei Nowag — Anna', { role: 'assistant', deviceId: 'dev-anna' });
    await another();
    await openPanel();

    await waitFor(async () => expect(await rows()).toHaveLength(3));
    const [first, second, third] = await rows();
    expect(first.textContent).toMatch(/sync\.kanzlei\.de.*Client.*Shown now/);
    expect(second.textContent).toMatch(/Kanzlei Nowag — Anna.*Assistant/);
    expect(third.textContent).toMatch(/Workspace 3.*Not paired/);
    expect(await current()).toEqual([first]);
    // The shown one needs no "Open"; every other one has its own, named.
    expect(within(first).queryByRole('button', { name: /^Open/ })).toBeNull();
    expect(within(second).getByRole('button', { name: 'Open “Kanzlei Nowag — Anna”' })).toBeTruthy();
    expect(within(third).getByRole('button', { name: 'Leave “Workspace 3”' })).toBeTruthy();

    // Another workspace's connection changes its line, though the view listens to its own database.
    await clearConnection(nowag.db);
    await waitFor(async () => expect((await rows())[1].textContent).toContain('Not paired'));
    await updateWorkspace(await getRegistry(), nowag.entry.id, { label: 'Praxis Berg' });
    await waitFor(async () => expect((await rows())[1].textContent).toContain('Praxis Berg'));
  });

  it('shows that the list could not be read while that lasts, and no more once it reads again', async () => {
    let blocked = true;
    const registry = () => (blocked ? Promise.reject(new Error('registry blocked')) : getRegistry());
    const initial = await openCurrentWorkspace(await getRegistry());
    await setPanelRoute(initial.db, { view: 'connection' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      render(
        <WorkspaceRoot initial={initial} registry={registry}>
          {(open) => <SidePanelApp db={open.db} platform={fakePlatform()} />}
        </WorkspaceRoot>,
      );
      expect(await screen.findByText(/^Could not read the stored data/)).toBeTruthy();
      blocked = false;
      await updateWorkspace(await getRegistry(), FIRST_WORKSPACE, { label: 'Kanzlei Nowag' });
      await waitFor(async () => expect((await rows())[0].textContent).toContain('Kanzlei Nowag'));
      expect(screen.queryByText(/^Could not read the stored data/)).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });

  it('says when a workspace’s database could not be read, instead of calling it not paired', async () => {
    const berg = await another('Praxis Berg', { role: 'assistant' });
    // A database of a newer version than this one: opening it fails (VersionError).
    const newer = 'zuarbeit-newer-version';
    await new Promise((resolve, reject) => {
      const request = indexedDB.open(newer, 999);
      request.onsuccess = () => resolve(request.result.close());
      request.onerror = () => reject(request.error);
    });
    await (await getRegistry()).put('workspace', { ...berg.entry, id: 'ws-newer', label: 'Kanzlei Nowag', dbName: newer });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await openPanel();
      await waitFor(async () => expect(await rows()).toHaveLength(3));
      const [, paired, unreadable] = await rows();
      expect(paired.textContent).toMatch(/Praxis Berg.*Assistant/);
      expect(unreadable.textContent).toMatch(/Kanzlei Nowag.*Could not be read/);
      expect(unreadable.textContent).not.toContain('Not paired');
    } finally {
      warn.mockRestore();
    }
  });

  it('with one workspace stays one line and an “Add a workspace” button; leaving it unpaired is not offered', async () => {
    await openPanel();
    expect(await rows()).toHaveLength(1);
    const [only] = await rows();
    expect(only.textContent).toMatch(/Workspace 1.*Not paired/);
    // One workspace needs no "Shown now"; it is still marked as the current one.
    expect(only.textContent).not.toContain('Shown now');
    expect(only.getAttribute('aria-current')).toBe('true');
    expect(within(only).queryByRole('button', { name: /^Leave/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add a workspace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create workspace' })).toBeTruthy();
  });

  it('“Add a workspace” makes the new one current on its pairing forms; joining pairs it, named as typed', async () => {
    const server = fakeEndpoint({
      'POST /v1/join': () => ({ status: 201, body: { workspaceId: 'ws-b', deviceId: 'dev-anna', token: 'token-a', role: 'assistant' } }),
      'PUT /v1/devices/me/key': () => ({ status: 204 }),
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-b', devices: [] } }),
    });
    await setConnection(await firstDb(), makeConnection({ role: 'assistant', deviceId: 'dev-anna-1' }));
    await openPanel(fakePlatform({ endpointFetch: server.fetch }));

    fireEvent.click(await screen.findByRole('button', { name: 'Add a workspace' }));
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    const [, added] = await rows();
    await waitFor(async () => expect(await current()).toEqual([(await rows())[1]]));
    expect(added.textContent).toMatch(/Workspace 2.*Not paired/);
    const registry = await getRegistry();
    const newEntry = (await listWorkspaces(registry))[1];

    // The pairing forms of the new workspace, with its name to type.
    fireEvent.input(await screen.findByLabelText('Name of this workspace (optional)'), { target: { value: 'Praxis Berg — Anna' } });
    fireEvent.input(screen.getByLabelText('Name of this device'), { target: { value: 'Anna' } });
    fireEvent.input(screen.getByLabelText('Invitation'), { target: { value: `zuarbeit:http://127.0.0.1:8788#code.${'q'.repeat(43)}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Join workspace' }));

    await waitFor(async () => expect((await rows())[1].textContent).toMatch(/Praxis Berg — Anna.*Assistant/));
    // Paired in the new workspace's database; the first one's connection is untouched.
    expect(await getConnection(await workspaceDb(newEntry))).toMatchObject({ workspaceId: 'ws-b', endpoint: 'http://127.0.0.1:8788' });
    expect(await getConnection(await firstDb())).toMatchObject({ deviceId: 'dev-anna-1' });
    expect((await entry(newEntry.id))?.label).toBe('Praxis Berg — Anna');
  });

  it('checks the typed workspace name before asking the browser or the endpoint', async () => {
    const platform = await openPanel();
    fireEvent.input(await screen.findByLabelText('Name of this workspace (optional)'), { target: { value: 'x'.repeat(81) } });
    fireEvent.input(screen.getByLabelText('Endpoint address'), { target: { value: 'https://sync.example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A workspace name has at most 80 characters.');
    expect(platform.requestEndpointAccess).not.toHaveBeenCalled();
    expect(platform.endpointFetch).not.toHaveBeenCalled();
  });

  it('says so when no more workspaces fit', async () => {
    const registry = await getRegistry();
    for (let i = (await listWorkspaces(registry)).length; i < 20; i++) await addWorkspace(registry);
    await openPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Add a workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('At most 20 workspaces fit in one browser profile.');
    expect(await listWorkspaces(registry)).toHaveLength(20);
  });

  it('“Open” makes another workspace current: the panel shows its tasks, and only its own', async () => {
    await createTask(await firstDb(), makeTask({ title: 'Aufgabe der ersten' }));
    const berg = await another('Praxis Berg', { role: 'assistant' });
    await createTask(berg.db, makeTask({ title: 'Aufgabe von Berg' }));
    await openPanel();

    fireEvent.click(await screen.findByRole('button', { name: 'Open “Praxis Berg”' }));
    expect(await screen.findByText('Aufgabe von Berg')).toBeTruthy();
    expect(screen.queryByText('Aufgabe der ersten')).toBeNull();
    expect((await getCurrentId()) === berg.entry.id).toBe(true);
  });

  it('renames and recolours, refusing a name over 80 characters with a sentence', async () => {
    await another();
    await openPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Rename “Workspace 2”' }));
    const form = screen.getByRole('form', { name: 'Rename the workspace' });
    const label = within(form).getByLabelText('Name of the workspace');
    fireEvent.input(label, { target: { value: 'x'.repeat(81) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('A workspace name has at most 80 characters.');
    const id = (await listWorkspaces(await getRegistry()))[1].id;
    expect((await entry(id))?.label).toBe('');

    fireEvent.input(label, { target: { value: '  Praxis Berg — Anna ' } });
    fireEvent.click(within(form).getByLabelText('Green'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await entry(id)).toMatchObject({ label: 'Praxis Berg — Anna', colour: 'green' }));
    await waitFor(async () => expect((await rows())[1].textContent).toContain('Praxis Berg — Anna'));
    expect(screen.queryByRole('form', { name: 'Rename the workspace' })).toBeNull();
  });

  it('is keyboard-usable: the form takes the focus, Escape closes it and gives the focus back', async () => {
    await another('Praxis Berg');
    await openPanel();
    const rename = await screen.findByRole('button', { name: 'Rename “Praxis Berg”' });
    fireEvent.click(rename);
    const field = screen.getByLabelText('Name of the workspace');
    await waitFor(() => expect(document.activeElement).toBe(field));
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename “Praxis Berg”' })));

    fireEvent.click(screen.getByRole('button', { name: 'Leave “Praxis Berg”' }));
    const cancel = within(screen.getByRole('group', { name: 'Remove “Praxis Berg” and its data from this device?' })).getByRole('button', {
      name: 'Cancel',
    });
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    fireEvent.keyDown(cancel, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Leave “Praxis Berg”' })));
  });

  it('proposes a name from the devices once paired', async () => {
    const db = await firstDb();
    await setConnection(db, makeConnection({ role: 'assistant', deviceName: 'Anna' }));
    await setKnownDevices(db, [{ id: 'dev-client', role: 'client', name: 'Kanzlei Nowag' }]);
    await openPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Name it “Kanzlei Nowag — Anna”' }));
    await waitFor(async () => expect((await entry(FIRST_WORKSPACE))?.label).toBe('Kanzlei Nowag — Anna'));
  });
});

describe('leaving a workspace', () => {
  it('with “Remove its data” removes itself at the endpoint, then deletes exactly that database; the panel moves on', async () => {
    await createTask(await firstDb(), makeTask({ title: 'Bleibt' }));
    const server = fakeEndpoint({ 'DELETE /v1/devices/': () => ({ status: 204 }) });
    const berg = await another('Praxis Berg', { role: 'client', deviceId: 'dev-berg', token: 'token-berg' });
    await createTask(berg.db, makeTask({ title: 'Geht' }));
    await setCurrentWorkspace(await getRegistry(), berg.entry.id);
    expect(await databaseNames()).toContain(berg.entry.dbName);
    await openPanel(fakePlatform({ endpointFetch: server.fetch }));

    fireEvent.click(await screen.findByRole('button', { name: 'Leave “Praxis Berg”' }));
    const confirm = screen.getByRole('group', { name: 'Leave “Praxis Berg” on this device?' });
    expect(confirm.textContent).toContain('This device removes itself from the workspace at the endpoint');
    // Keeping is the default.
    expect((within(confirm).getByLabelText('Keep the data on this device') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(confirm).getByLabelText('Remove its data from this device'));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave' }));

    await waitFor(async () => expect(await entry(berg.entry.id)).toBeUndefined());
    expect(await rows()).toHaveLength(1);
    expect(server.requests).toContainEqual(
      expect.objectContaining({ method: 'DELETE', path: '/v1/devices/dev-berg', authorization: 'Bearer token-berg' }),
    );
    expect(await databaseNames()).not.toContain(berg.entry.dbName);
    // The other workspace and its records are untouched, and the panel shows it now.
    expect((await listRecords(await firstDb(), 'task')).records.map((task) => task.title)).toEqual(['Bleibt']);
    await waitFor(async () => expect(await current()).toHaveLength(1));
    expect((await getCurrentId()) === FIRST_WORKSPACE).toBe(true);
  });

  it('with “Keep the data” forgets the connection only; an assistant device asks its client to remove it', async () => {
    const server = fakeEndpoint();
    const berg = await another('Praxis Berg', { role: 'assistant' });
    await createTask(berg.db, makeTask({ title: 'Bleibt bei Berg' }));
    await openPanel(fakePlatform({ endpointFetch: server.fetch }));

    fireEvent.click(await screen.findByRole('button', { name: 'Leave “Praxis Berg”' }));
    const confirm = screen.getByRole('group', { name: 'Leave “Praxis Berg” on this device?' });
    expect(confirm.textContent).toContain('Ask your client to remove this device under “Devices” as well.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave' }));

    await waitFor(async () => expect((await rows())[1].textContent).toMatch(/Praxis Berg.*Not paired/));
    expect(await getConnection(berg.db)).toBeNull();
    expect((await listRecords(berg.db, 'task')).records.map((task) => task.title)).toEqual(['Bleibt bei Berg']);
    expect(await databaseNames()).toContain(berg.entry.dbName);
    // An assistant device may not revoke: nothing was asked of the endpoint.
    expect(server.requests.some((request) => request.method === 'DELETE')).toBe(false);
  });

  it('stops when the endpoint cannot be told, and leaves anyway when asked', async () => {
    const berg = await another('Praxis Berg', { role: 'client' });
    await openPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Leave “Praxis Berg”' }));
    const confirm = screen.getByRole('group', { name: 'Leave “Praxis Berg” on this device?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave' }));
    expect((await within(confirm).findByRole('alert')).textContent).toContain('The endpoint still lists this device');
    expect(await getConnection(berg.db)).not.toBeNull();

    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave anyway' }));
    await waitFor(async () => expect((await rows())[1].textContent).toContain('Not paired'));
    expect(await getConnection(berg.db)).toBeNull();
  });

  it('as the last client device, explains what that means before leaving anyway', async () => {
    const server = fakeEndpoint({
      'DELETE /v1/devices/': () => ({ status: 409, body: { error: { code: 'last-client', message: 'last' } } }),
    });
    await another('Praxis Berg', { role: 'client' });
    await openPanel(fakePlatform({ endpointFetch: server.fetch }));
    fireEvent.click(await screen.findByRole('button', { name: 'Leave “Praxis Berg”' }));
    const confirm = screen.getByRole('group', { name: 'Leave “Praxis Berg” on this device?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave' }));
    expect((await within(confirm).findByRole('alert')).textContent).toContain('This is the last client device of this workspace');
    expect(within(confirm).getByRole('button', { name: 'Leave anyway' })).toBeTruthy();
  });

  it('never removes the last workspace: it can only be disconnected, its data stays', async () => {
    const db = await firstDb();
    await setConnection(db, makeConnection({ role: 'assistant' }));
    await createTask(db, makeTask({ title: 'Einzige Aufgabe' }));
    await openPanel();
    const [only] = await rows();
    fireEvent.click(within(only).getByRole('button', { name: /^Leave “/ }));
    const confirm = within(only).getByRole('group', { name: /^Leave “/ });
    expect((within(confirm).getByLabelText('Remove its data from this device') as HTMLInputElement).disabled).toBe(true);
    expect(confirm.textContent).toContain('This is the only workspace on this device, so its data stays here.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Leave' }));

    await waitFor(async () => expect((await rows())[0].textContent).toContain('Not paired'));
    expect(await getConnection(db)).toBeNull();
    expect((await listRecords(db, 'task')).records.map((task) => task.title)).toEqual(['Einzige Aufgabe']);
    expect(await listWorkspaces(await getRegistry())).toHaveLength(1);
    // The page shows the pairing forms again, for this same workspace.
    expect(await screen.findByRole('button', { name: 'Join workspace' })).toBeTruthy();
  });
});

describe('in German', () => {
  afterEach(() => useLocale('en'));

  it('names the list, the roles and the controls formally and in German', async () => {
    useLocale('de');
    await setConnection(await firstDb(), makeConnection({ endpoint: 'https://sync.kanzlei.de' }));
    await another();
    await openPanel();
    expect(await screen.findByRole('region', { name: 'Arbeitsbereiche' })).toBeTruthy();
    const [first, second] = within(screen.getByRole('region', { name: 'Arbeitsbereiche' })).getAllByRole('listitem');
    expect(first.textContent).toMatch(/sync\.kanzlei\.de.*Auftraggebende Seite.*Angezeigt/);
    expect(second.textContent).toMatch(/Arbeitsbereich 2.*Nicht verbunden/);
    expect(within(second).getByRole('button', { name: '„Arbeitsbereich 2“ öffnen' })).toBeTruthy();
    fireEvent.click(within(first).getByRole('button', { name: '„sync.kanzlei.de“ verlassen' }));
    expect(screen.getByRole('group', { name: '„sync.kanzlei.de“ auf diesem Gerät verlassen?' })).toBeTruthy();
    expect(screen.getByLabelText('Seine Daten von diesem Gerät entfernen')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Arbeitsbereich hinzufügen' })).toBeTruthy();
  });
});

async function getCurrentId(): Promise<string> {
  return (await openCurrentWorkspace(await getRegistry())).entry.id;
}
