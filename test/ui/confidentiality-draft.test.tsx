// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { allocatePlaceholder } from '../../lib/privacy';
import {
  addComment,
  createTask,
  getDraft,
  listRecords,
  saveDraft,
  setConnection,
  setPanelRoute,
  type Db,
  type PanelRoute,
} from '../../lib/store';
import {
  getPlaceholderMapping,
  getPrivacySettings,
  savePrivacySettings,
  updatePlaceholderMapping,
  DEFAULT_CLIENT_PRIVACY_SETTINGS,
} from '../../lib/store/privacy';
import { fakePlatform, freshDb, makeConnection, makeDraft, makeTask } from './helpers';

afterEach(cleanup);

const IBAN = 'DE89 3704 0044 0532 0130 00';
const CLIENT = 'Erika Mustermann';

async function openPanel(db: Db, route: PanelRoute) {
  await setPanelRoute(db, route);
  return render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

/** A paired client device whose names list holds the client, with a draft naming her and her IBAN. */
async function clientWithDraft() {
  const db = await freshDb();
  await setConnection(db, makeConnection());
  await savePrivacySettings(db, { ...DEFAULT_CLIENT_PRIVACY_SETTINGS, names: [CLIENT] });
  const draft = makeDraft({
    title: `Rückzahlung ${CLIENT}`,
    instructions: `Bitte prüfen, ob die Zahlung an ${IBAN} eingegangen ist.`,
    source: {
      type: 'selection',
      url: 'https://bank.example/umsatz',
      title: 'Umsätze',
      quote: `Gutschrift ${CLIENT}, IBAN ${IBAN}`,
      capturedAt: '2026-11-26T09:00:00.000Z',
    },
  });
  await saveDraft(db, draft);
  await openPanel(db, { view: 'draft', id: draft.id });
  await screen.findByRole('region', { name: 'Confidentiality check' });
  return { db, draft };
}

const delegateButton = () => screen.getByRole('button', { name: 'Delegate' }) as HTMLButtonElement;
const check = () => screen.getByRole('region', { name: 'Confidentiality check' });

describe('draft: confidentiality check', () => {
  it('shows a chip per type and blocks Delegate until the IBAN is replaced; Ctrl+Enter says why', async () => {
    const { db } = await clientWithDraft();
    const chips = await within(check()).findByRole('list', { name: 'Found, by type' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((chip) => chip.textContent),
    ).toEqual(['IBAN: 2 · 2 to review', 'Name from your list: 2']);
    expect(within(check()).getAllByText(IBAN, { selector: 'mark' })).toHaveLength(2);

    await waitFor(() => expect(delegateButton().disabled).toBe(true));
    const reason =
      'Before delegating, review the 2 hits marked “must be reviewed” in the confidentiality check: replace them or mark them as fine.';
    const describedBy = delegateButton().getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(reason);

    fireEvent.keyDown(screen.getByLabelText('Title'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain(reason);
    expect((await listRecords(db, 'task')).records).toEqual([]);
  });

  it('after Replace all the stored task holds only placeholders, the mapping stays local, the outbox holds no original', async () => {
    const { db, draft } = await clientWithDraft();
    fireEvent.click(await within(check()).findByRole('button', { name: 'Replace all' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Instructions') as HTMLTextAreaElement).value).toBe(
        'Bitte prüfen, ob die Zahlung an [IBAN 1] eingegangen ist.',
      ),
    );
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Rückzahlung [Mandant 1]');
    await waitFor(async () => expect((await getDraft(db, draft.id))?.source.quote).toBe('Gutschrift [Mandant 1], IBAN [IBAN 1]'));
    await within(check()).findByText('Nothing found that identifies a person or an account.');

    await waitFor(() => expect(delegateButton().disabled).toBe(false));
    fireEvent.click(delegateButton());
    await screen.findByRole('heading', { name: 'Task' });

    const [task] = (await listRecords(db, 'task')).records;
    expect(task.title).toBe('Rückzahlung [Mandant 1]');
    expect(task.instructions).toBe('Bitte prüfen, ob die Zahlung an [IBAN 1] eingegangen ist.');
    expect(task.source.quote).toBe('Gutschrift [Mandant 1], IBAN [IBAN 1]');
    const outbox = JSON.stringify(await db.getAll('outbox'));
    expect(outbox).toContain('[IBAN 1]');
    for (const original of [IBAN, IBAN.replace(/ /g, ''), CLIENT]) expect(outbox).not.toContain(original);
    expect((await getPlaceholderMapping(db, 'ws-1')).entries.map((entry) => [entry.placeholder, entry.original])).toEqual([
      ['[Mandant 1]', CLIENT],
      ['[IBAN 1]', IBAN],
    ]);
  });

  it('replaces one hit at a time, and a hit marked as fine no longer blocks', async () => {
    const { db } = await clientWithDraft();
    fireEvent.click(await within(check()).findByRole('button', { name: `Replace IBAN “${IBAN}” in Instructions with a placeholder` }));
    await waitFor(() => expect((screen.getByLabelText('Instructions') as HTMLTextAreaElement).value).toContain('[IBAN 1]'));
    // The quote's IBAN is the same original: still there, still blocking, until reviewed.
    await waitFor(() => expect(within(check()).getAllByText(IBAN, { selector: 'mark' })).toHaveLength(1));
    expect(delegateButton().disabled).toBe(true);
    fireEvent.click(within(check()).getByRole('button', { name: `Fine as it is: IBAN “${IBAN}”, for this draft` }));
    await waitFor(() => expect(delegateButton().disabled).toBe(false));
    expect(within(check()).getByText('Marked as fine')).toBeTruthy();
    fireEvent.click(delegateButton());
    await screen.findByRole('heading', { name: 'Task' });
    const [task] = (await listRecords(db, 'task')).records;
    expect(task.instructions).toContain('[IBAN 1]');
    expect(task.source.quote).toContain(IBAN);
  });
});

describe('placeholders on both sides', () => {
  async function taskWithAnswer(role: 'client' | 'assistant') {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role }));
    if (role === 'client') {
      await updatePlaceholderMapping(
        db,
        'ws-1',
        (mapping) => allocatePlaceholder(allocatePlaceholder(mapping, 'name', CLIENT).mapping, 'iban', IBAN).mapping,
      );
    }
    const task = makeTask({
      title: 'Rückzahlung [Mandant 1]',
      status: 'review',
      result: { text: 'Eingang auf [IBAN 1] am 3.12.', links: [] },
    });
    await createTask(db, task);
    await addComment(db, task.id, 'Die Zahlung von [Mandant 1] ist auf [IBAN 1] eingegangen.');
    await openPanel(db, { view: 'task', id: task.id });
    return screen.findByRole('region', { name: 'Questions and answers' });
  }

  it("the client's device shows the original next to each placeholder in the assistant's answer, result and task", async () => {
    const thread = await taskWithAnswer('client');
    await within(thread).findByText(`Die Zahlung von [Mandant 1] (${CLIENT}) ist auf [IBAN 1] (${IBAN}) eingegangen.`);
    const legend = screen.getByRole('region', { name: 'Placeholders and their originals (only on this device)' });
    expect(within(legend).getByText(CLIENT)).toBeTruthy();
    const result = screen.getByText('The result with the originals (only on this device)').closest('figure')!;
    expect(result.textContent).toBe(`The result with the originals (only on this device)Eingang auf [IBAN 1] (${IBAN}) am 3.12.`);
  });

  it("the assistant's device shows only the placeholders", async () => {
    const thread = await taskWithAnswer('assistant');
    await within(thread).findByText('Die Zahlung von [Mandant 1] ist auf [IBAN 1] eingegangen.');
    expect(document.body.textContent).not.toContain(IBAN);
    expect(screen.queryByRole('region', { name: 'Placeholders and their originals (only on this device)' })).toBeNull();
  });
});

describe('confidentiality settings', () => {
  it('are reachable from the navigation and store the names and switches', async () => {
    const db = await freshDb();
    await openPanel(db, { view: 'list' });
    fireEvent.click(await screen.findByRole('button', { name: 'Confidentiality' }));
    const names = (await screen.findByLabelText('Names to look for')) as HTMLTextAreaElement;
    fireEvent.input(names, { target: { value: `${CLIENT}\n  Max Gegner  \n\n2 O 123/24` } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Look for: Phone number' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'E-mail address must be reviewed before delegating' }));
    expect((screen.getByRole('checkbox', { name: 'Phone number must be reviewed before delegating' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const stored = await getPrivacySettings(db);
    expect(stored.names).toEqual([CLIENT, 'Max Gegner', '2 O 123/24']);
    expect(stored.enabledTypes).not.toContain('phone');
    expect(stored.blockingTypes).toEqual(['iban', 'card', 'email', 'tax-id']);
  });
});
