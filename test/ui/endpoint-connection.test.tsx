// @vitest-environment happy-dom
// The endpoint address on the Connection page (issue 15, "What got in the way" 1): the browser's
// own URL parser is exercised by test/e2e/a11y.e2e.test.ts; here the flows around it.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { setPanelRoute, type Db } from '../../lib/store';
import { getConnection } from '../../lib/sync/connection';
import { fakeEndpoint, fakePlatform, freshDb } from './helpers';

afterEach(cleanup);

async function openConnection(db: Db, platform = fakePlatform()) {
  await setPanelRoute(db, { view: 'connection' });
  render(<SidePanelApp db={db} platform={platform} />);
  await screen.findByRole('button', { name: 'Create workspace' });
  return platform;
}

const address = () => screen.getByLabelText('Endpoint address') as HTMLInputElement;

describe('endpoint address on the Connection page', () => {
  it('refuses a name with a space before asking the browser for a permission', async () => {
    const platform = await openConnection(await freshDb());
    fireEvent.input(address(), { target: { value: 'Kanzlei Server' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('“Kanzlei Server” is not a web address.');
    expect(platform.requestEndpointAccess).not.toHaveBeenCalled();
  });

  it('offers http:// for a bare local address instead of trying https, and takes it with one click', async () => {
    const platform = await openConnection(await freshDb());
    fireEvent.input(address(), { target: { value: '127.0.0.1:8787' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use http://127.0.0.1:8787' }));
    expect(address().value).toBe('http://127.0.0.1:8787');
    expect(platform.requestEndpointAccess).not.toHaveBeenCalled();
    expect(platform.endpointFetch).not.toHaveBeenCalled();
  });

  it('says there is no Zuarbeit endpoint when the address answers 404 without our error body', async () => {
    const db = await freshDb();
    const plainWebServer = fakeEndpoint({
      'POST /v1/workspaces': () => ({ status: 404, body: undefined }),
      'GET /healthz': () => ({ status: 404, body: undefined }),
    });
    await openConnection(db, fakePlatform({ endpointFetch: plainWebServer.fetch }));
    fireEvent.input(address(), { target: { value: 'https://www.kanzlei.de' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not like a Zuarbeit endpoint'));
    expect(screen.getByRole('alert').textContent).not.toContain('device name');
    expect(plainWebServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/workspaces', 'GET /healthz']);
    expect(await getConnection(db)).toBeNull();
  });
});
