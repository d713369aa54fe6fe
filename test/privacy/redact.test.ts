import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIVACY_SETTINGS,
  allocatePlaceholder,
  emptyMapping,
  isBlocking,
  redact,
  replaceAll,
  replaceOne,
  restore,
  restoreText,
  scanSensitive,
  type PlaceholderMapping,
} from '../../lib/privacy';

const names = ['Jürgen Müller', 'Öztürk'];
const letter =
  'Herr Jürgen Müller (juergen@example.de, Tel. 030 1234567) zahlt auf DE89 3704 0044 0532 0130 00. ' +
  'Frau Öztürk ruft an unter 0171 1234567. Überweisung erneut auf DE89370400440532013000, ' +
  'Kopie an JUERGEN@example.de; Rückruf Herr jürgen müller unter +49 30 1234567.';

describe('placeholders', () => {
  it('replaces all hits with numbered German placeholders, the same original always the same one', () => {
    const { text, mapping } = redact(letter, scanSensitive(letter, { names }), emptyMapping());
    expect(text).toBe(
      'Herr [Mandant 1] ([E-Mail 1], Tel. [Telefon 1]) zahlt auf [IBAN 1]. ' +
        'Frau [Mandant 2] ruft an unter [Telefon 2]. Überweisung erneut auf [IBAN 1], ' +
        'Kopie an [E-Mail 1]; Rückruf Herr [Mandant 1] unter [Telefon 3].',
    );
    expect(mapping.entries).toEqual([
      { placeholder: '[Mandant 1]', original: 'Jürgen Müller', type: 'name' },
      { placeholder: '[E-Mail 1]', original: 'juergen@example.de', type: 'email' },
      { placeholder: '[Telefon 1]', original: '030 1234567', type: 'phone' },
      { placeholder: '[IBAN 1]', original: 'DE89 3704 0044 0532 0130 00', type: 'iban' },
      { placeholder: '[Mandant 2]', original: 'Öztürk', type: 'name' },
      { placeholder: '[Telefon 2]', original: '0171 1234567', type: 'phone' },
      { placeholder: '[Telefon 3]', original: '+49 30 1234567', type: 'phone' },
    ]);
    expect(JSON.parse(JSON.stringify(mapping))).toEqual(mapping);
  });

  it('keeps numbering across texts that share one mapping', () => {
    const first = replaceAll('Konto DE89 3704 0044 0532 0130 00', scanSensitive('Konto DE89 3704 0044 0532 0130 00'), emptyMapping());
    const secondText = 'Neu: AT61 1904 3002 3457 3201, alt: DE89370400440532013000';
    const second = replaceAll(secondText, scanSensitive(secondText), first.mapping);
    expect(second.text).toBe('Neu: [IBAN 2], alt: [IBAN 1]');
  });

  it('replaces one hit at a time', () => {
    const text = 'Ruf 030 1234567 oder 0171 1234567 an';
    const [, mobile] = scanSensitive(text);
    const once = replaceOne(text, mobile, emptyMapping());
    expect(once.text).toBe('Ruf 030 1234567 oder [Telefon 1] an');
    const twice = replaceOne(once.text, scanSensitive(once.text)[0], once.mapping);
    expect(twice.text).toBe('Ruf [Telefon 2] oder [Telefon 1] an');
  });

  it('does not touch an unchanged mapping and refuses overlapping hits', () => {
    const mapping: PlaceholderMapping = { entries: [{ placeholder: '[IBAN 1]', original: 'DE89370400440532013000', type: 'iban' }] };
    expect(allocatePlaceholder(mapping, 'iban', 'de89 3704 0044 0532 0130 00')).toEqual({ placeholder: '[IBAN 1]', mapping });
    expect(() =>
      redact(
        'abcdef',
        [
          { start: 0, end: 3, type: 'name' },
          { start: 2, end: 4, type: 'name' },
        ],
        emptyMapping(),
      ),
    ).toThrow(RangeError);
  });
});

describe('restore', () => {
  it('shows each placeholder with its original, also as the assistant retyped it', () => {
    const { mapping } = redact(letter, scanSensitive(letter, { names }), emptyMapping());
    const answer = 'Erledigt: [IBAN 1] geprüft, [mandant 2] erreicht, [Telefon  3 ] besetzt, [IBAN 9] unbekannt.';
    expect(restore(answer, mapping)).toEqual([
      { text: 'Erledigt: ' },
      { placeholder: '[IBAN 1]', original: 'DE89 3704 0044 0532 0130 00', type: 'iban' },
      { text: ' geprüft, ' },
      { placeholder: '[mandant 2]', original: 'Öztürk', type: 'name' },
      { text: ' erreicht, ' },
      { placeholder: '[Telefon  3 ]', original: '+49 30 1234567', type: 'phone' },
      { text: ' besetzt, [IBAN 9] unbekannt.' },
    ]);
  });
});

describe('settings', () => {
  it('blocks the checksum-validated IBAN, card and tax ID by default', () => {
    expect(DEFAULT_PRIVACY_SETTINGS.blockingTypes).toEqual(['iban', 'card', 'tax-id']);
    expect(isBlocking('iban')).toBe(true);
    expect(isBlocking('phone')).toBe(false);
    expect(isBlocking('iban', { ...DEFAULT_PRIVACY_SETTINGS, enabledTypes: ['phone'] })).toBe(false);
    expect(Object.isFrozen(DEFAULT_PRIVACY_SETTINGS)).toBe(true);
  });
});

describe('properties', () => {
  // Each sensitive value in one spelling, so that restoring gives back exactly the same text.
  const sensitive = fc.constantFrom(
    'DE89 3704 0044 0532 0130 00',
    '4111 1111 1111 1111',
    'anna@example.de',
    '+49 30 1234567',
    '0171 1234567',
    '86095742719',
    'DE136695976',
    '65 170839 J 003',
    'A123456780',
    'T220001293',
    'geb. 12.03.1985',
    '2 O 123/24',
    'Jürgen Müller',
  );
  const filler = fc.string({ unit: fc.constantFrom('a', 'ß', ' ', '0', '7', '.', ',', '/', '-', '\n', 'Ü', '😀', 'DE', '+') });
  const document = fc.array(fc.oneof(sensitive, filler), { maxLength: 12 }).map((parts) => parts.join(' '));
  // Planted values kept apart by a delimiter: a lone digit right before "0171 …" may legitimately
  // read as the front of a longer number, so adjacency is only asked of the round trip.
  const delimited = fc.array(fc.oneof(sensitive, filler), { maxLength: 12 }).map((parts) => parts.join(' | '));

  it('spans are sorted, non-overlapping and within bounds', () => {
    fc.assert(
      fc.property(fc.oneof(document, fc.string()), (text) => {
        const hits = scanSensitive(text, { names: ['Jürgen Müller'] });
        hits.forEach((hit, i) => {
          expect(hit.start).toBeGreaterThanOrEqual(0);
          expect(hit.end).toBeLessThanOrEqual(text.length);
          expect(hit.start).toBeLessThan(hit.end);
          if (i > 0) expect(hits[i - 1].end).toBeLessThanOrEqual(hit.start);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('redact then restore gives back the original text', () => {
    fc.assert(
      fc.property(document, (text) => {
        const { text: redacted, mapping } = redact(text, scanSensitive(text, { names: ['Jürgen Müller'] }), emptyMapping());
        expect(restoreText(redacted, mapping)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('no planted value survives redaction', () => {
    fc.assert(
      fc.property(delimited, (text) => {
        const { text: redacted } = redact(text, scanSensitive(text, { names: ['Jürgen Müller'] }), emptyMapping());
        expect(redacted).not.toMatch(
          /DE89 3704|4111 1111|anna@|1234567|86095742719|DE136695976|170839|A123456780|T220001293|12\.03\.1985|123\/24|Müller/,
        );
      }),
      { numRuns: 500 },
    );
  });
});
