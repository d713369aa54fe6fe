// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { SourceView } from '../../components/source-view';

afterEach(cleanup);

it('shows a quote’s links as links (new tab), never its Markdown, and keeps other text as text', () => {
  render(
    <SourceView
      source={{
        type: 'selection',
        url: 'https://example.org/artikel',
        title: 'Artikel',
        quote: 'Siehe [VI ZR 1/25](https://example.org/urteile/vi-zr-1-25) und [dies](javascript:alert(1)).',
        capturedAt: '2026-11-26T09:00:00.000Z',
      }}
    />,
  );
  const link = screen.getByRole('link', { name: 'VI ZR 1/25' }) as HTMLAnchorElement;
  expect(link.href).toBe('https://example.org/urteile/vi-zr-1-25');
  expect(link.target).toBe('_blank');
  const quote = document.querySelector('blockquote')!;
  expect(quote.textContent).toBe('Siehe VI ZR 1/25 und dies).');
  expect(screen.queryByRole('link', { name: 'dies' })).toBeNull();
});

it('says where a long selection was cut, and only then', async () => {
  const { TRUNCATION_MARKER } = await import('../../lib/clip/text');
  const source = { type: 'selection' as const, url: 'https://example.org/a', title: 'A', capturedAt: '2026-11-26T09:00:00.000Z' };
  render(<SourceView source={{ ...source, quote: `${'Wort '.repeat(3_999)}Wort${TRUNCATION_MARKER}` }} />);
  expect(screen.getByText(/^The selection was longer than 20,000 characters: only its beginning was kept/)).toBeTruthy();
  cleanup();
  render(<SourceView source={{ ...source, quote: 'Kurz.' }} />);
  expect(screen.queryByText(/The selection was longer than/)).toBeNull();
});
