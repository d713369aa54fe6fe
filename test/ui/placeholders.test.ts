import { describe, expect, it } from 'vitest';
import { emptyMapping, type PlaceholderMapping } from '../../lib/privacy';
import { parseMarkdown } from '../../lib/ui/markdown';
import { annotatePlaceholders, placeholdersIn } from '../../lib/ui/placeholders';

const IBAN = 'DE89 3704 0044 0532 0130 00';

describe("the client's view of placeholders", () => {
  const mapping: PlaceholderMapping = {
    entries: [
      { placeholder: '[Mandant 1]', original: 'Erika *Muster*_mann', type: 'name' },
      { placeholder: '[IBAN 1]', original: IBAN, type: 'iban' },
    ],
  };

  it('puts each original next to its placeholder, escaped so markdown keeps it as text', () => {
    const annotated = annotatePlaceholders('Erledigt: [Mandant 1] hat auf [iban 1] gezahlt; [IBAN 7] ist unbekannt.', mapping);
    const blocks = parseMarkdown(annotated);
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: `Erledigt: [Mandant 1] (Erika *Muster*_mann) hat auf [iban 1] (${IBAN}) gezahlt; [IBAN 7] ist unbekannt.` },
        ],
      },
    ]);
  });

  it('changes nothing without a mapping (the assistant’s device)', () => {
    expect(annotatePlaceholders('[IBAN 1]', emptyMapping())).toBe('[IBAN 1]');
    expect(placeholdersIn(['[IBAN 1]'], emptyMapping())).toEqual([]);
  });

  it('lists the known placeholders of several texts once each', () => {
    expect(placeholdersIn(['[IBAN 1] und [Mandant 1]', '[IBAN 1] [KVNR 3]'], mapping).map((entry) => entry.placeholder)).toEqual([
      '[IBAN 1]',
      '[Mandant 1]',
    ]);
  });
});
