// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, saveDraft, setPanelRoute } from '../../lib/store';
import { addDays, localDay } from '../../lib/ui/format';
import { fakePlatform, freshDb, makeDraft, makeTask, useLocale } from './helpers';

beforeAll(() => useLocale('de'));
afterEach(cleanup);

describe('German', () => {
  it('renders the popup in German', async () => {
    const db = await freshDb();
    const due = addDays(localDay(new Date()), -2);
    await createTask(db, makeTask({ title: 'Rückfrage', status: 'question', kind: 'revise-text' }));
    await createTask(db, makeTask({ title: 'Ohne Frist', status: 'in-progress' }));
    await createTask(db, makeTask({ title: 'Verspätet', status: 'new', due }));
    await createTask(db, makeTask({ title: 'Fertig', status: 'done' }));
    await saveDraft(db, makeDraft({ title: 'Entwurf A' }));
    render(<PopupApp db={db} platform={fakePlatform()} />);

    const waiting = await screen.findByRole('region', { name: /Wartet auf mich/ });
    expect(within(waiting).getByText('Text überarbeiten')).toBeTruthy();
    expect(within(waiting).getByText('Rückfrage', { selector: '.badge' })).toBeTruthy();
    const open = screen.getByRole('region', { name: /Offen/ });
    expect(within(open).getByText('Entwurf', { selector: '.badge' })).toBeTruthy();
    expect(within(open).getByText('In Arbeit')).toBeTruthy();
    expect(within(open).getAllByText('Keine Eile').length).toBeGreaterThan(0);
    expect(within(open).getByText(/^Überfällig seit \d{1,2}\. \S+/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Erledigt\s*1/ }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('searchbox', { name: 'Aufgaben durchsuchen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ständige Anweisungen' })).toBeTruthy();
  });

  it('renders the empty state and the draft view in German', async () => {
    const db = await freshDb();
    render(<PopupApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByText(/Klicken Sie mit der rechten Maustaste.*„Delegieren“.*Alt\+Shift\+D/)).toBeTruthy();
    cleanup();

    const draft = makeDraft();
    await saveDraft(db, draft);
    await setPanelRoute(db, { view: 'draft', id: draft.id });
    render(<SidePanelApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByRole('heading', { name: 'Neue Aufgabe (Entwurf)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delegieren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Entwurf verwerfen' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Keine Eile' })).toBeTruthy();
    expect(((await screen.findByLabelText('Delegationsstufe')) as HTMLSelectElement).selectedOptions[0].textContent).toBe(
      'Wie für Recherche üblich (Stufe 1: Nach Anweisung)',
    );
    expect(screen.getByLabelText('Art der Aufgabe')).toBeTruthy();
    expect(screen.getByText('Zitierter Text')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Anweisungen' })).toBeTruthy());
  });
});

describe('German: connection and sync', () => {
  it('renders the Connection page and the sync hint in German', async () => {
    const db = await freshDb();
    await setPanelRoute(db, { view: 'connection' });
    render(<SidePanelApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByRole('heading', { name: 'Arbeitsbereich anlegen (auftraggebende Seite)' })).toBeTruthy();
    expect(
      screen.getByText(/Der Schlüssel des Arbeitsbereichs wird auf diesem Gerät erzeugt und nie an den Endpunkt gesendet\./),
    ).toBeTruthy();
    expect((screen.getByLabelText('Name dieses Geräts') as HTMLInputElement).value).toBe('Chrome unter Linux');
    expect(screen.getByRole('button', { name: 'Arbeitsbereich anlegen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Arbeitsbereich beitreten' })).toBeTruthy();
    cleanup();

    render(<PopupApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByText('Nicht verbunden – Aufgaben bleiben auf diesem Gerät.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verbinden' })).toBeTruthy();
  });
});
