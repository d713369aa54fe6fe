// Issue 15 (got in the way 13): the German UI names the client side neutrally, never "Ihr Auftraggeber".
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const de = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales', 'de.json'), 'utf8');

it('uses no generic masculine for the client (Auftraggeber, Auftraggebers, Ihren Auftraggeber)', () => {
  expect(de.match(/\bAuftraggeber(s|n)?\b/g) ?? []).toEqual([]);
  expect(de).toContain('Auftraggebende Seite');
});
