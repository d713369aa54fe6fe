import { describe, expect, it } from 'vitest';
import { allocatePlaceholder } from '../../lib/privacy';
import { affectsPrivacy, META, onStoreChange, openZuarbeitDb, saveDraft, type StoreChange } from '../../lib/store';
import {
  DEFAULT_CLIENT_PRIVACY_SETTINGS,
  getDraftReviews,
  getPlaceholderMapping,
  getPrivacySettings,
  saveDraftReviews,
  savePrivacySettings,
  updatePlaceholderMapping,
} from '../../lib/store/privacy';
import { makeDraft } from '../ui/helpers';

const fresh = () => openZuarbeitDb(`privacy-${Math.random().toString(36).slice(2)}`);
const IBAN = 'DE89 3704 0044 0532 0130 00';

describe('privacy store (local only)', () => {
  it('keeps the settings and the names, trimmed and without repeats, and announces the change', async () => {
    const db = await fresh();
    expect(await getPrivacySettings(db)).toEqual(DEFAULT_CLIENT_PRIVACY_SETTINGS);
    const changes: StoreChange[] = [];
    const stop = onStoreChange((change) => changes.push(change));
    await savePrivacySettings(db, {
      names: [' Erika Mustermann ', '', 'Erika Mustermann', '2 O 123/24'],
      enabledTypes: ['iban', 'name'],
      blockingTypes: ['name'],
    });
    stop();
    expect(await getPrivacySettings(db)).toEqual({
      names: ['Erika Mustermann', '2 O 123/24'],
      enabledTypes: ['iban', 'name'],
      blockingTypes: ['name'],
    });
    expect(changes.some(affectsPrivacy)).toBe(true);
  });

  it('falls back to the defaults when what is stored cannot be read', async () => {
    const db = await fresh();
    await db.put('meta', { names: 'not a list' }, META.privacySettings);
    expect(await getPrivacySettings(db)).toEqual(DEFAULT_CLIENT_PRIVACY_SETTINGS);
  });

  it('keeps one mapping per workspace; a workspace takes over the mapping made before pairing', async () => {
    const db = await fresh();
    const add = (workspace: string | null, original: string) =>
      updatePlaceholderMapping(db, workspace, (mapping) => allocatePlaceholder(mapping, 'iban', original).mapping);
    await add(null, IBAN);
    expect((await getPlaceholderMapping(db, 'ws-1')).entries.map((entry) => entry.placeholder)).toEqual(['[IBAN 1]']);
    await add('ws-1', 'DE02 1203 0000 0000 2020 51');
    await add('ws-2', 'DE02 1203 0000 0000 2020 51');
    expect((await getPlaceholderMapping(db, 'ws-1')).entries.map((entry) => entry.placeholder)).toEqual(['[IBAN 1]', '[IBAN 2]']);
    expect((await getPlaceholderMapping(db, 'ws-2')).entries.map((entry) => [entry.placeholder, entry.original])).toEqual([
      ['[IBAN 1]', IBAN],
      ['[IBAN 2]', 'DE02 1203 0000 0000 2020 51'],
    ]);
    expect((await getPlaceholderMapping(db, null)).entries).toHaveLength(1);
  });

  it('hands out distinct placeholders to replacements made at the same time', async () => {
    const db = await fresh();
    const originals = ['DE89 3704 0044 0532 0130 00', 'DE02 1203 0000 0000 2020 51', 'DE75 5121 0800 1245 1261 99'];
    await Promise.all(
      originals.map((original) => updatePlaceholderMapping(db, 'ws', (mapping) => allocatePlaceholder(mapping, 'iban', original).mapping)),
    );
    const placeholders = (await getPlaceholderMapping(db, 'ws')).entries.map((entry) => entry.placeholder).sort();
    expect(placeholders).toEqual(['[IBAN 1]', '[IBAN 2]', '[IBAN 3]']);
  });

  it('writes nothing to the outbox or a synced store', async () => {
    const db = await fresh();
    await savePrivacySettings(db, { ...DEFAULT_CLIENT_PRIVACY_SETTINGS, names: ['Erika Mustermann'] });
    await updatePlaceholderMapping(db, 'ws', (mapping) => allocatePlaceholder(mapping, 'iban', IBAN).mapping);
    const draft = makeDraft();
    await saveDraft(db, draft);
    await saveDraftReviews(db, draft.id, ['iban:X']);
    expect(await db.count('outbox')).toBe(0);
    for (const store of ['task', 'comment', 'instruction', 'timeEntry', 'timer', 'setting'] as const) expect(await db.count(store)).toBe(0);
  });

  it('remembers the fine hits per draft and forgets those of drafts that are gone', async () => {
    const db = await fresh();
    const kept = makeDraft();
    await saveDraft(db, kept);
    await saveDraftReviews(db, kept.id, ['iban:A', 'iban:A']);
    await saveDraftReviews(db, 'delegated-draft', ['iban:B']);
    expect(await getDraftReviews(db, kept.id)).toEqual(['iban:A']);
    await saveDraftReviews(db, kept.id, ['iban:A', 'name:erika']);
    expect(await getDraftReviews(db, 'delegated-draft')).toEqual([]);
    expect(await getDraftReviews(db, kept.id)).toEqual(['iban:A', 'name:erika']);
  });
});
