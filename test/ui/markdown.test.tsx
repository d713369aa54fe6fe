// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../components/markdown';
import { parseInline, parseMarkdown, safeHref } from '../../lib/ui/markdown';

afterEach(cleanup);

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '[click](javascript:alert(1))',
  '[data](data:text/html,<script>alert(1)</script>)',
  '**<b onmouseover=alert(1)>bold</b>**',
  '- <iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
];

describe('markdown parser', () => {
  it('keeps paragraphs, line breaks and lists', () => {
    const blocks = parseMarkdown('First line\nsecond line\n\n- one\n- two\n\n1. a\n2. b');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list']);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'First line' }, { type: 'break' }, { type: 'text', text: 'second line' }],
    });
    expect(blocks[1]).toMatchObject({ ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] });
    expect(blocks[2]).toMatchObject({ ordered: true });
  });

  it('parses bold, italic and http(s) links', () => {
    expect(parseInline('**fett** und *kursiv*')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'fett' }] },
      { type: 'text', text: ' und ' },
      { type: 'em', children: [{ type: 'text', text: 'kursiv' }] },
    ]);
    expect(parseInline('[BGH](https://www.bundesgerichtshof.de/x)')).toEqual([
      { type: 'link', href: 'https://www.bundesgerichtshof.de/x', children: [{ type: 'text', text: 'BGH' }] },
    ]);
  });

  it('links bare URLs without their trailing punctuation', () => {
    expect(parseInline('See https://example.com/a.')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'https://example.com/a' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(parseInline('file_name_v2 and 3 * 4')).toEqual([{ type: 'text', text: 'file_name_v2 and 3 * 4' }]);
  });

  it('never turns javascript:, data: or relative URLs into links', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(parseInline('[x](javascript:alert(1))').some((node) => node.type === 'link')).toBe(false);
  });

  it('stays fast on hostile input (thousands of unmatched markers)', () => {
    const text = '['.repeat(20_000) + '*'.repeat(20_000) + '_a'.repeat(10_000);
    const started = performance.now();
    parseMarkdown(text);
    // Not a timing budget: a quadratic parser takes minutes here, a linear one milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('<Markdown>', () => {
  it.each(HOSTILE)('renders %s as text, never as markup', (input) => {
    const { container } = render(<Markdown text={input} />);
    expect(container.querySelector('script, img, iframe, b, [onerror], [onmouseover]')).toBeNull();
    for (const link of container.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^https?:/);
    // The characters are all still there for the reader, as text.
    expect(container.textContent).toContain(input.includes('<') ? '<' : input.slice(0, 3));
  });

  it('renders the subset as elements, links opening safely in a new tab', () => {
    const { container } = render(<Markdown text={'**Wichtig:** siehe [Urteil](https://openjur.de/u/1.html)\n\n- a\n- b'} />);
    expect(container.querySelector('strong')?.textContent).toBe('Wichtig:');
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://openjur.de/u/1.html');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(container.querySelectorAll('li')).toHaveLength(2);
  });
});
