import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSensitive, type SensitiveType } from '../../lib/privacy';
import { passesLuhn } from '../../lib/privacy/card';
import { isValidTaxId } from '../../lib/privacy/tax-id';
import {
  cardNumber,
  germanIban,
  ibanCheckDigits,
  ibanMod97,
  icaoCheck,
  idDocumentNumber,
  iso7064Mod1110,
  kvnr,
  kvnrCheckDigit,
  luhnCheckDigit,
  pensionCheckDigit,
  pensionNumber,
  seededRandom,
  taxId,
  vatId,
  withWrongCheckDigit,
} from './generators';

/** What the scan found in `text`, as [type, exact text] pairs. */
function found(text: string, names?: string[]): [SensitiveType, string][] {
  return scanSensitive(text, { names }).map((hit) => [hit.type, text.slice(hit.start, hit.end)]);
}

type Case = [description: string, text: string, expected: [SensitiveType, string][]];

const cases: Partial<Record<SensitiveType, Case[]>> = {
  iban: [
    ['public example, grouped', 'IBAN: DE89 3704 0044 0532 0130 00.', [['iban', 'DE89 3704 0044 0532 0130 00']]],
    ['compact', 'auf DE89370400440532013000 überweisen', [['iban', 'DE89370400440532013000']]],
    ['lower case', 'iban de89370400440532013000', [['iban', 'de89370400440532013000']]],
    ['Austria', 'AT61 1904 3002 3457 3201 bitte', [['iban', 'AT61 1904 3002 3457 3201']]],
    ['Switzerland', 'CH93 0076 2011 6238 5295 7', [['iban', 'CH93 0076 2011 6238 5295 7']]],
    ['UK with letters', 'GB29 NWBK 6016 1331 9268 19', [['iban', 'GB29 NWBK 6016 1331 9268 19']]],
    ['followed by BIC', 'DE89 3704 0044 0532 0130 00 COBADEFFXXX', [['iban', 'DE89 3704 0044 0532 0130 00']]],
    ['wrong check digits', 'DE88 3704 0044 0532 0130 00', []],
    ['one digit changed', 'DE89 3704 0044 0532 0130 01', []],
    ['random 22 characters', 'DE12345678901234567890 XY98ABCDEFGHIJKLMNOPQR', []],
    ['too long', 'DE89370400440532013000 1', [['iban', 'DE89370400440532013000']]],
    ['glued to more digits', 'DE893704004405320130001', []],
  ],
  card: [
    ['Visa grouped', 'Karte 4111 1111 1111 1111 gültig', [['card', '4111 1111 1111 1111']]],
    ['Mastercard dashes', '5555-5555-5555-4444', [['card', '5555-5555-5555-4444']]],
    ['Mastercard 2-series', '2221 0000 0000 0009', [['card', '2221 0000 0000 0009']]],
    ['Amex 4-6-5', 'Amex 3782 822463 10005.', [['card', '3782 822463 10005']]],
    ['Maestro compact', '6759649826438453', [['card', '6759649826438453']]],
    ['Girocard 19 digits', '6725 1234 5678 9012 343', [['card', '6725 1234 5678 9012 343']]],
    ['with expiry', '4111 1111 1111 1111 12/27', [['card', '4111 1111 1111 1111']]],
    [
      'two in a row',
      '4111 1111 1111 1111 5555 5555 5555 4444',
      [
        ['card', '4111 1111 1111 1111'],
        ['card', '5555 5555 5555 4444'],
      ],
    ],
    ['Luhn fails', '4111 1111 1111 1112', []],
    ['unknown prefix', '9111 1111 1111 1111', []],
    ['Visa with wrong length', '411111111111116', []],
    ['odd grouping', '41 1111 1111 1111 11', []],
  ],
  email: [
    ['plain', 'Schreiben Sie an anna.schmidt@kanzlei-schmidt.de.', [['email', 'anna.schmidt@kanzlei-schmidt.de']]],
    ['plus and subdomain', '<max+akte@mail.example.co.uk>', [['email', 'max+akte@mail.example.co.uk']]],
    ['umlauts', 'jürgen@müller-recht.de', [['email', 'jürgen@müller-recht.de']]],
    ['not an address', 'Treffen @ 10 Uhr, a@b, x@y.z', []],
  ],
  phone: [
    ['international DE', 'Tel. +49 30 1234567.', [['phone', '+49 30 1234567']]],
    ['national', 'Tel. 030 1234567', [['phone', '030 1234567']]],
    ['slash and groups', 'Tel. 030/123 45 67', [['phone', '030/123 45 67']]],
    ['brackets and extension', 'Tel. (0 30) 12 34 56-7', [['phone', '(0 30) 12 34 56-7']]],
    ['Austria', '+43 1 234567', [['phone', '+43 1 234567']]],
    ['Switzerland', '+41 44 123 45 67', [['phone', '+41 44 123 45 67']]],
    ['mobile', 'mobil 0171 1234567, Büro', [['phone', '0171 1234567']]],
    ['(0) trunk', '+49 (0)89 1234 5678', [['phone', '+49 (0)89 1234 5678']]],
    ['00 prefix', '0049 221 123456', [['phone', '0049 221 123456']]],
    [
      'two numbers',
      '030 1234567, 030 7654321',
      [
        ['phone', '030 1234567'],
        ['phone', '030 7654321'],
      ],
    ],
    [
      'separated by a space only',
      '+49 30 1234567 +49 30 7654321, 0171 1234567 0171 7654321',
      [
        ['phone', '+49 30 1234567'],
        ['phone', '+49 30 7654321'],
        ['phone', '0171 1234567'],
        ['phone', '0171 7654321'],
      ],
    ],
    ['ends before unrelated digits', '030 1234567 2 Exemplare', [['phone', '030 1234567']]],
    ['date', 'am 12.03.1985 und 01.03.1985', []],
    ['US date with leading zero', '03/12/1985', []],
    ['amount', '1.234,56 € und 0,50 €', []],
    ['file number', '2 O 123/24', [['file-number', '2 O 123/24']]],
    ['postcode', '01067 Dresden', []],
  ],
  'tax-id': [
    ['compact', 'Steuer-ID 86095742719.', [['tax-id', '86095742719']]],
    ['grouped', 'IdNr. 86 095 742 719', [['tax-id', '86 095 742 719']]],
    ['tripled digit', '65929970489', [['tax-id', '65929970489']]],
    ['wrong check digit', '86095742718', []],
    [
      'two in a row',
      '86095742719 65929970489',
      [
        ['tax-id', '86095742719'],
        ['tax-id', '65929970489'],
      ],
    ],
    ['all digits different', '12345678903', []],
    ['three in a row', '11123456787', []],
    ['leading zero (a phone number, not a tax ID)', '06095742719', [['phone', '06095742719']]],
  ],
  'vat-id': [
    ['compact', 'USt-IdNr. DE136695976', [['vat-id', 'DE136695976']]],
    ['grouped', 'DE 136 695 976', [['vat-id', 'DE 136 695 976']]],
    ['wrong check digit', 'DE136695977', []],
  ],
  'pension-number': [
    ['grouped', 'RV-Nr. 65 170839 J 003', [['pension-number', '65 170839 J 003']]],
    ['compact', '15070649C103', [['pension-number', '15070649C103']]],
    ['wrong check digit', '65 170839 J 004', []],
    ['impossible birth date', '65 171339 J 003', []],
  ],
  'health-insurance-number': [
    ['KVNR', 'Versichertennummer A123456780', [['health-insurance-number', 'A123456780']]],
    ['wrong check digit', 'A123456781', []],
  ],
  'id-document': [
    ['ID card with check digit', 'T220001293', [['id-document', 'T220001293']]],
    ['new ID card with check digit', 'Nr. L01X00T471', [['id-document', 'L01X00T471']]],
    ['keyword, no check digit', 'Ausweisnummer: L01X00T47', [['id-document', 'L01X00T47']]],
    ['passport keyword', 'passport no. C01X00T47', [['id-document', 'C01X00T47']]],
    ['wrong check digit', 'Personalausweis L01X00T472', []],
    ['no keyword, no check digit', 'Artikel L01X00T47', []],
    ['letters only', 'Ausweis CFGHJKLMN', []],
  ],
  'birth-date': [
    ['geb.', 'Max Muster (geb. 12.03.1985)', [['birth-date', '12.03.1985']]],
    ['geboren am', 'geboren am 12. März 1985 in Köln', [['birth-date', '12. März 1985']]],
    ['words between', 'geboren in Köln am 1.4.1970', [['birth-date', '1.4.1970']]],
    ['Geburtsdatum ISO', 'Geburtsdatum: 1985-03-12', [['birth-date', '1985-03-12']]],
    ['DOB US', 'DOB 3/12/1985', [['birth-date', '3/12/1985']]],
    ['born', 'born on March 12, 1985.', [['birth-date', 'March 12, 1985']]],
    ['asterisk', 'Erna Beispiel, * 02.11.1941', [['birth-date', '02.11.1941']]],
    ['ordinary date', 'Termin am 12.03.2025 um 10 Uhr', []],
    ['too far from the keyword', 'geboren in der schönen Stadt Köln, Termin am 12.03.2025', []],
    ['no month 13', 'geb. 12.13.1985', []],
  ],
  'file-number': [
    ...[
      'VI ZR 1/25',
      '2 O 123/24',
      '12 C 345/26',
      '1 BvR 123/20',
      '3 StR 45/21',
      'XII ZB 12/19',
      '5 U 12/24',
      '2 Ws 123/24',
      '10 Sa 100/23',
      'L 4 KR 12/20',
      '7 K 1234/21.F',
      '123 Js 4567/24',
      '2 Ss OWi 123/24',
      'HRB 12345',
    ].map((number): Case => [number, `Az. ${number}.`, [['file-number', number]]]),
    ['page', 'Seite 1/25', []],
    ['fraction', '3 1/2 Stunden', []],
    ['not a roman numeral', 'IIX ZR 1/25', []],
    ['no chamber', 'ZR 1/25', []],
  ],
};

describe('detectors', () => {
  for (const [type, table] of Object.entries(cases) as [SensitiveType, Case[]][]) {
    describe(type, () => {
      it.each(table)('%s', (_description, text, expected) => {
        expect(found(text)).toEqual(expected);
      });
    });
  }
});

describe('names', () => {
  const names = ['Jürgen Müller', 'Schmitz', 'Öztürk GmbH'];
  it.each<Case>([
    ['exact', 'Herr Jürgen Müller kommt.', [['name', 'Jürgen Müller']]],
    ['any whitespace', 'Jürgen\n  Müller', [['name', 'Jürgen\n  Müller']]],
    ['case-insensitive', 'JÜRGEN MÜLLER', [['name', 'JÜRGEN MÜLLER']]],
    ['transliterated', 'Juergen Mueller', [['name', 'Juergen Mueller']]],
    ['decomposed umlaut', 'Ju\u0308rgen Mu\u0308ller', [['name', 'Ju\u0308rgen Mu\u0308ller']]],
    [
      'genitive outside the span',
      'Schmitz’ Anwalt, Schmitzs Akte',
      [
        ['name', 'Schmitz'],
        ['name', 'Schmitz'],
      ],
    ],
    ['whole words only', 'Schmitzberger, Müller allein', []],
    ['company', 'die Öztürk GmbH.', [['name', 'Öztürk GmbH']]],
  ])('%s', (_description, text, expected) => {
    expect(found(text, names)).toEqual(expected);
  });
});

describe('generated numbers (the detector agrees with the independent check)', () => {
  const sentence = (value: string) => `Bitte prüfen: ${value}. Danke.`;
  const generators: [SensitiveType, (random: () => number) => string][] = [
    ['iban', germanIban],
    [
      'card',
      (random) => {
        const [prefix, length] = (
          [
            ['4', 16],
            ['51', 16],
            ['37', 15],
            ['6759', 19],
            ['2720', 16],
          ] as const
        )[Math.floor(random() * 5)];
        return cardNumber(random, prefix, length);
      },
    ],
    ['tax-id', taxId],
    ['vat-id', vatId],
    ['pension-number', pensionNumber],
    ['health-insurance-number', kvnr],
    ['id-document', idDocumentNumber],
  ];

  it.each(generators)('%s: valid numbers are found, a wrong check digit is not', (type, generate) => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 9 }), (seed, shift) => {
        const value = generate(seededRandom(seed));
        const hits = found(sentence(value));
        expect(hits).toContainEqual([type, value]);
        expect(found(sentence(withWrongCheckDigit(value, shift))).map(([t]) => t)).not.toContain(type);
      }),
      { numRuns: 300 },
    );
  });

  it('the independent checks agree with the public examples', () => {
    expect(ibanMod97('DE89370400440532013000')).toBe(true);
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
    expect(luhnCheckDigit('411111111111111')).toBe(1);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(iso7064Mod1110('8609574271')).toBe(9);
    expect(isValidTaxId('86095742719')).toBe(true);
    expect(iso7064Mod1110('13669597')).toBe(6);
    expect(pensionCheckDigit('65170839J00')).toBe(3);
    expect(kvnrCheckDigit('A', '12345678')).toBe(0);
    expect(icaoCheck('T22000129')).toBe(3);
    expect(icaoCheck('L01X00T47')).toBe(1);
  });

  it('a random 22-character string is (almost) never an IBAN', () => {
    const random = seededRandom(7);
    let hits = 0;
    for (let i = 0; i < 2000; i += 1) {
      const candidate = 'DE' + Array.from({ length: 20 }, () => Math.floor(random() * 10)).join('');
      if (scanSensitive(candidate).some((hit) => hit.type === 'iban')) {
        hits += 1;
        expect(ibanMod97(candidate)).toBe(true);
      }
    }
    expect(hits).toBeLessThan((2000 / 97) * 2);
  });
});
