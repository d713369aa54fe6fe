import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIVACY_SETTINGS, emptyMapping, restoreText, scanSensitive, type PlaceholderMapping } from '../../lib/privacy';
import {
  applyFieldTexts,
  blockedNow,
  checkView,
  draftCheckFields,
  markFine,
  replaceAllInFields,
  replaceHitInFields,
  scanFields,
  scanInChunks,
  unmarkFine,
  type CheckField,
  type CheckSettings,
} from '../../lib/ui/confidentiality';
import { makeDraft } from './helpers';

const IBAN = 'DE89 3704 0044 0532 0130 00';
const OTHER_IBAN = 'DE02 1203 0000 0000 2020 51';
const settings: CheckSettings = { ...DEFAULT_PRIVACY_SETTINGS, names: ['Erika Mustermann'] };

const fields = (title: string, instructions: string, quote = ''): CheckField[] => [
  { name: 'title', label: 'Title', text: title },
  { name: 'instructions', label: 'Instructions', text: instructions },
  { name: 'quote', label: 'Quote', text: quote },
];

const viewOf = (input: CheckField[], reviewed: string[] = [], scan = settings) => checkView(scanFields(input, scan), input, scan, reviewed);

describe('confidentiality check: chips and blocking', () => {
  const input = fields(
    'Zahlung Erika Mustermann',
    `Bitte die Rückzahlung an ${IBAN} prüfen. Rückfragen an erika@example.de oder Erika Mustermann.`,
    `Überweisung von ${OTHER_IBAN}, Kontoinhaberin Erika Mustermann.`,
  );

  it('makes one chip per type found, in the settings order, with counts over all fields', () => {
    const view = viewOf(input);
    expect(view.chips.map((chip) => [chip.type, chip.count, chip.open])).toEqual([
      ['iban', 2, 2],
      ['email', 1, 0],
      ['name', 3, 0],
    ]);
    expect(view.hits.filter((hit) => hit.type === 'iban').map((hit) => [hit.field, hit.original])).toEqual([
      ['instructions', IBAN],
      ['quote', OTHER_IBAN],
    ]);
    expect(view.hits[0].context.hit).toBe('Erika Mustermann');
  });

  it('blocks while a checksum-validated hit is neither replaced nor marked as fine, and says why', () => {
    const view = viewOf(input);
    expect(view.openBlocking).toBe(2);
    expect(view.blockedReason).toContain('2 hits');
    const oneLeft = viewOf(
      input,
      markFine(
        [],
        view.hits.find((hit) => hit.original === IBAN)!,
      ),
    );
    expect(oneLeft.openBlocking).toBe(1);
    expect(oneLeft.blockedReason).toContain('the hit');
  });

  it('does not block on an IBAN whose checksum fails, nor on types that do not block', () => {
    const view = viewOf(fields('DE89 3704 0044 0532 0130 01', 'Anruf unter +49 30 12345678, Mail an a@b.de'));
    expect(view.hits.some((hit) => hit.type === 'iban')).toBe(false);
    expect(view.hits.length).toBeGreaterThan(0);
    expect(view.blockedReason).toBeNull();
  });

  it('follows the settings: a type switched off is not found, a blocking type switched off does not block', () => {
    const noIban = viewOf(input, [], { ...settings, enabledTypes: settings.enabledTypes.filter((type) => type !== 'iban') });
    expect(noIban.chips.map((chip) => chip.type)).not.toContain('iban');
    const nameBlocks = viewOf(input, [], { ...settings, blockingTypes: ['name'] });
    expect(nameBlocks.openBlocking).toBe(3);
  });

  it('marks a hit as fine by its original: every spelling of it in the draft, and undoes it', () => {
    const spaced = fields('', `${IBAN} und nochmals ${IBAN.replace(/ /g, '')}`);
    const first = viewOf(spaced).hits[0];
    const reviewed = markFine(markFine([], first), first);
    expect(reviewed).toHaveLength(1);
    const view = viewOf(spaced, reviewed);
    expect(view.hits.every((hit) => hit.fine)).toBe(true);
    expect(view.blockedReason).toBeNull();
    expect(viewOf(spaced, unmarkFine(reviewed, first)).openBlocking).toBe(2);
  });

  it('judges Delegate on the fields as they are now, not on an older scan', () => {
    const before = fields('Titel', 'Nichts Heikles');
    const stale = scanFields(before, settings);
    expect(blockedNow(fields('Titel', `Bitte an ${IBAN}`), settings, [], stale)).not.toBeNull();
  });
});

describe('confidentiality check: replacing', () => {
  it('replace all writes consistent placeholders across fields and keeps the mapping reversible', () => {
    const input = fields(
      'Erika Mustermann: Rückzahlung',
      `Bitte ${IBAN} prüfen; Erika Mustermann hat auch ${OTHER_IBAN}.`,
      `Konto ${IBAN.replace(/ /g, '')} der erika mustermann`,
    );
    const { texts, mapping } = replaceAllInFields(input, settings, [], emptyMapping());
    expect(texts).toEqual({
      title: '[Mandant 1]: Rückzahlung',
      instructions: 'Bitte [IBAN 1] prüfen; [Mandant 1] hat auch [IBAN 2].',
      quote: 'Konto [IBAN 1] der [Mandant 1]',
    });
    expect(mapping.entries.map((entry) => [entry.placeholder, entry.original])).toEqual([
      ['[Mandant 1]', 'Erika Mustermann'],
      ['[IBAN 1]', IBAN],
      ['[IBAN 2]', OTHER_IBAN],
    ]);
    expect(restoreText(texts.instructions, mapping)).toBe(`Bitte ${IBAN} prüfen; Erika Mustermann hat auch ${OTHER_IBAN}.`);
    // Nothing identifying is left for a second scan to find.
    for (const text of Object.values(texts)) expect(scanSensitive(text, { names: [...settings.names] })).toEqual([]);
  });

  it('keeps the workspace numbering: a known original gets its placeholder again, a new one the next number', () => {
    const earlier: PlaceholderMapping = { entries: [{ placeholder: '[IBAN 1]', original: OTHER_IBAN, type: 'iban' }] };
    const { texts, mapping } = replaceAllInFields(fields('', `${IBAN} und ${OTHER_IBAN}`), settings, [], earlier);
    expect(texts.instructions).toBe('[IBAN 2] und [IBAN 1]');
    expect(mapping.entries).toHaveLength(2);
  });

  it('replace all leaves the hits marked as fine', () => {
    const input = fields('', `Von ${IBAN} an ${OTHER_IBAN}`);
    const fine = viewOf(input).hits.find((hit) => hit.original === OTHER_IBAN)!;
    const { texts } = replaceAllInFields(input, settings, markFine([], fine), emptyMapping());
    expect(texts.instructions).toBe(`Von [IBAN 1] an ${OTHER_IBAN}`);
  });

  it('replaces one hit, and nothing when the text moved since the scan', () => {
    const input = fields('', `Von ${IBAN} an ${OTHER_IBAN}`);
    const second = viewOf(input).hits[1];
    const one = replaceHitInFields(input, second, emptyMapping());
    expect(one.texts).toEqual({ instructions: `Von ${IBAN} an [IBAN 1]` });
    const edited = fields('', `Neu: Von ${IBAN} an ${OTHER_IBAN}`);
    expect(replaceHitInFields(edited, second, emptyMapping())).toEqual({ texts: {}, mapping: emptyMapping() });
  });

  it('reads the draft title, instructions and quote, and writes them back', () => {
    const draft = makeDraft({ title: 'T', instructions: 'I' });
    expect(draftCheckFields(draft).map((field) => [field.name, field.text])).toEqual([
      ['title', 'T'],
      ['instructions', 'I'],
      ['quote', draft.source.quote],
    ]);
    const patch = applyFieldTexts(draft, { quote: 'Q' });
    expect(patch).toEqual({ title: 'T', instructions: 'I', source: { ...draft.source, quote: 'Q' } });
  });

  it('checks the page snapshot too when it goes with the task, and writes its replacement back', () => {
    const base = makeDraft({ title: 'T', instructions: 'I' });
    const meta = { url: base.source.url, capturedAt: base.source.capturedAt, title: 'T', bytes: 30, shortened: false };
    const included = { ...base, snapshotText: `Konto ${IBAN}`, snapshot: { ...meta, include: true } } as typeof base;
    expect(draftCheckFields(included).map((field) => field.name)).toEqual(['title', 'instructions', 'quote', 'snapshot']);
    expect(viewOf(draftCheckFields(included)).hits.map((hit) => hit.type)).toContain('iban');
    expect(applyFieldTexts(included, { snapshot: 'Konto [IBAN 1]' }).snapshotText).toBe('Konto [IBAN 1]');
    const left = { ...included, snapshot: { ...meta, include: false } } as typeof base;
    expect(draftCheckFields(left).map((field) => field.name)).not.toContain('snapshot');
  });
});

describe('confidentiality check: long texts', () => {
  it('a scan in windows finds exactly what one scan finds, also across window borders', async () => {
    const paragraph = `Erika Mustermann zahlt von ${IBAN} (Tel. +49 30 1234567), Steuer-ID 65929970489, Az. 2 O 123/24. `;
    let text = '';
    // Shift the paragraph against the 4,000-character windows so hits straddle every border.
    for (let i = 0; text.length < 30_000; i++) text += 'x'.repeat(i % 7) + paragraph;
    let pauses = 0;
    const chunked = await scanInChunks(text, settings, async () => {
      pauses += 1;
    });
    expect(pauses).toBeGreaterThan(5);
    expect(chunked).toEqual(scanSensitive(text, { names: [...settings.names], types: settings.enabledTypes }));
  });

  it('stops when cancelled', async () => {
    expect(
      await scanInChunks(
        'a '.repeat(10_000),
        settings,
        async () => undefined,
        () => true,
      ),
    ).toBeNull();
  });
});
