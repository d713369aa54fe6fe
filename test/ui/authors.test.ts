import { describe, expect, it } from 'vitest';
import { authorLabel, otherSideName } from '../../lib/ui/authors';
import { levelSentence } from '../../lib/ui/levels';
import { notificationsFor } from '../../lib/background/notifications';

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

describe('the other side by name (issue 15, got in the way 13)', () => {
  it('names the one person on the other side, and stays neutral for none or several', () => {
    expect(otherSideName('client', devices)).toBe('Anna');
    expect(otherSideName('assistant', devices)).toBe('Kanzlei-Laptop');
    // Two devices of one person count once; two people make the sentence neutral again.
    expect(otherSideName('client', [...devices, { role: 'assistant', name: ' Anna ' }])).toBe('Anna');
    expect(otherSideName('client', [...devices, { role: 'assistant', name: 'Ben' }])).toBeNull();
    expect(otherSideName('client', [{ role: 'assistant' }, { role: 'assistant', name: '  ' }])).toBeNull();
  });

  it('level sentences and notifications use the name when known, the neutral words when not', () => {
    expect(levelSentence(1, 'client', 'Anna')).toBe('Anna does exactly as instructed.');
    expect(levelSentence(1, 'client')).toBe('Your assistant does exactly as instructed.');
    expect(levelSentence(2, 'assistant', 'Dr. Nowag')).toBe('Research and recommend; Dr. Nowag decides.');
    expect(levelSentence(3, 'assistant', 'Dr. Nowag')).toBe('You may decide yourself; report afterwards.');
    const tasks = new Map([['t1', { title: 'Gutachten', deleted: false }]]);
    const on = { enabled: true, content: 'title' as const };
    expect(notificationsFor([{ taskId: 't1', event: 'asked' }], tasks, 'client', on, 'Anna')[0].title).toBe('Anna asks a question');
    expect(notificationsFor([{ taskId: 't1', event: 'asked' }], tasks, 'client', on)[0].title).toBe('Your assistant asks a question');
  });
});
