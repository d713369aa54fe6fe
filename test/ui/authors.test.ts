import { describe, expect, it } from 'vitest';
import { authorLabel } from '../../lib/ui/authors';

const devices = [
  { id: 'dev-kanzlei', role: 'client' as const, name: 'Kanzlei-Laptop' },
  { id: 'dev-anna', role: 'assistant' as const, name: 'Anna' },
  { id: 'dev-old', role: 'assistant' as const },
];

describe('author labels', () => {
  it('say "You", the device name with its role, or the other side when the device is not known', () => {
    expect(authorLabel('dev-kanzlei', 'dev-kanzlei', 'client', devices)).toBe('You');
    expect(authorLabel('dev-anna', 'dev-kanzlei', 'client', devices)).toBe('Anna (Assistant)');
    expect(authorLabel('dev-kanzlei', 'dev-anna', 'assistant', devices)).toBe('Kanzlei-Laptop (Client)');
    expect(authorLabel('dev-old', 'dev-kanzlei', 'client', devices)).toBe('Assistant');
    expect(authorLabel('dev-unknown', 'dev-anna', 'assistant', devices)).toBe('Client');
    expect(authorLabel('dev-unknown', 'dev-kanzlei', 'client', [])).toBe('Assistant');
  });
});
