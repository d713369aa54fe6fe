import { describe, expect, it } from 'vitest';
import { quoteSegments } from '../../lib/ui/quote';

describe('a quote as it reads (issue 15, got in the way 7)', () => {
  it('turns Markdown links into linked text, keeping the rest as captured', () => {
    expect(quoteSegments('Siehe [VI ZR 1/25](https://example.org/urteile/vi-zr-1-25) und\n- [§ 823](http://dejure.org/823).')).toEqual([
      { text: 'Siehe ' },
      { text: 'VI ZR 1/25', href: 'https://example.org/urteile/vi-zr-1-25' },
      { text: ' und\n- ' },
      { text: '§ 823', href: 'http://dejure.org/823' },
      { text: '.' },
    ]);
  });

  it('links http(s) only: another scheme keeps just its text, nothing becomes markup', () => {
    expect(quoteSegments('[klick](javascript:alert(1)) [mail](mailto:a@b.de) <b>x</b>')).toEqual([{ text: 'klick) mail <b>x</b>' }]);
    expect(quoteSegments('Ohne Links, *so* wie erfasst.')).toEqual([{ text: 'Ohne Links, *so* wie erfasst.' }]);
  });
});
