import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../lib/sync/crypto';
import { formatInvitation, parseInvitation } from '../../lib/sync/invitation';

const bytes = (length: number, start: number) => toBase64Url(Uint8Array.from({ length }, (_, i) => (start + i) & 0xff));
const ENDPOINT = 'https://sync.example.org';
const CODE = bytes(32, 0x80);
const KEY = bytes(32, 0x00);
const V2 = {
  endpoint: ENDPOINT,
  code: CODE,
  key: KEY,
  keyId: 'k2',
  inviteSecret: bytes(16, 0x10),
  inviterDeviceId: 'dev_client_00000000000',
  inviterKeyHash: bytes(16, 0x20),
};
const V2_TEXT = `zuarbeit:${ENDPOINT}#2.${CODE}.${KEY}.k2.${V2.inviteSecret}.${V2.inviterDeviceId}.${V2.inviterKeyHash}`;

/** Replaces one dot-separated part of the v2 fragment (0 is the "2"). */
function withPart(index: number, value: string): string {
  const [head, fragment] = V2_TEXT.split('#');
  const parts = fragment.split('.');
  parts[index] = value;
  return `${head}#${parts.join('.')}`;
}

describe('invitation v2', () => {
  it('formats the documented string and parses it back', () => {
    expect(formatInvitation(V2)).toBe(V2_TEXT);
    expect(parseInvitation(V2_TEXT)).toEqual({ version: 2, ...V2 });
  });

  it('tolerates whitespace and line breaks from mail and chat clients', () => {
    const wrapped = `  ${V2_TEXT.slice(0, 30)}\r\n${V2_TEXT.slice(30, 75)}\n  ${V2_TEXT.slice(75, 120)} \t${V2_TEXT.slice(120)}\n`;
    expect(parseInvitation(wrapped)).toEqual({ version: 2, ...V2 });
  });

  it('keeps only the origin of the endpoint', () => {
    expect(parseInvitation(V2_TEXT.replace(ENDPOINT, `${ENDPOINT}:443/sync/`))?.endpoint).toBe(ENDPOINT);
    expect(parseInvitation(V2_TEXT.replace(ENDPOINT, 'http://localhost:8787'))?.endpoint).toBe('http://localhost:8787');
  });

  it('refuses any part out of shape', () => {
    const bad = [
      withPart(1, ''),
      withPart(1, 'a'.repeat(257)),
      withPart(1, 'co+de'),
      withPart(2, KEY.slice(1)),
      withPart(2, `${KEY}A`),
      withPart(2, bytes(31, 0)),
      withPart(2, KEY.slice(0, 42) + 'B'), // stray bits in the last character
      withPart(3, 'k0'),
      withPart(3, 'k01'),
      withPart(3, 'kx'),
      withPart(3, 'K2'),
      withPart(3, ''),
      withPart(4, V2.inviteSecret.slice(1)),
      withPart(4, bytes(17, 0x10)),
      withPart(4, bytes(32, 0x10)),
      withPart(5, ''),
      withPart(5, 'd'.repeat(65)),
      withPart(5, 'dev!'),
      withPart(6, V2.inviterKeyHash.slice(1)),
      withPart(6, bytes(32, 0x20)),
      withPart(6, '!'.repeat(22)),
      `${V2_TEXT}.extra`,
      V2_TEXT.replace('#2.', '#3.'),
      V2_TEXT.replace(/\.[^.]+$/, ''),
      V2_TEXT.replace('zuarbeit:', ''),
      V2_TEXT.replace('zuarbeit:', 'Zuarbeit:'),
      V2_TEXT.replace(ENDPOINT, 'ftp://sync.example.org'),
      V2_TEXT.replace(ENDPOINT, 'https://'),
      V2_TEXT.replace('#', ''),
    ];
    for (const text of bad) expect(parseInvitation(text), text).toBeNull();
    expect(parseInvitation(withPart(3, 'k10'))).toMatchObject({ keyId: 'k10' });
    expect(parseInvitation(withPart(5, 'd'.repeat(64)))).toMatchObject({ inviterDeviceId: 'd'.repeat(64) });
  });

  it('refuses to format an invitation that would not parse back as given', () => {
    expect(() => formatInvitation({ ...V2, endpoint: `${ENDPOINT}/path` })).toThrow();
    expect(() => formatInvitation({ ...V2, keyId: 'k0' })).toThrow();
    expect(() => formatInvitation({ ...V2, inviteSecret: KEY })).toThrow();
    expect(() => formatInvitation({ ...V2, code: 'a.b' })).toThrow();
  });
});

describe('invitation v1', () => {
  const V1_TEXT = `zuarbeit:${ENDPOINT}#${CODE}.${KEY}`;

  it('reads a v1 invitation with and without a key generation', () => {
    expect(parseInvitation(V1_TEXT)).toEqual({ version: 1, endpoint: ENDPOINT, code: CODE, key: KEY, keyId: 'k1' });
    expect(parseInvitation(`${V1_TEXT}.k3`)).toEqual({ version: 1, endpoint: ENDPOINT, code: CODE, key: KEY, keyId: 'k3' });
    // v1 clients accepted any key id of the wire alphabet; so does this reader.
    expect(parseInvitation(`${V1_TEXT}.rotated_2`)).toMatchObject({ keyId: 'rotated_2' });
    // A code that happens to be "2" is still v1: a v2 fragment has seven parts.
    expect(parseInvitation(`zuarbeit:${ENDPOINT}#2.${KEY}.k2`)).toEqual({
      version: 1,
      endpoint: ENDPOINT,
      code: '2',
      key: KEY,
      keyId: 'k2',
    });
  });

  it('tolerates surrounding whitespace and line breaks', () => {
    expect(parseInvitation(`\n  ${V1_TEXT}  \n`)).toMatchObject({ version: 1, code: CODE });
    expect(parseInvitation(`${V1_TEXT.slice(0, 50)}\r\n${V1_TEXT.slice(50)}`)).toMatchObject({ version: 1, code: CODE, key: KEY });
  });

  it('refuses what v1 clients refused', () => {
    for (const text of [
      `zuarbeit:${ENDPOINT}#${CODE}.${KEY.slice(1)}`,
      `zuarbeit:${ENDPOINT}#${CODE}.${KEY}A`,
      `zuarbeit:${ENDPOINT}#${CODE}`,
      `zuarbeit:${ENDPOINT}#${CODE}.${KEY}.${'k'.repeat(33)}`,
      `zuarbeit:${ENDPOINT}#${CODE}.${KEY}.k2.k3`,
      `zuarbeit:${ENDPOINT}#.${KEY}`,
      `zuarbeit:${ENDPOINT}#co+de.${KEY}`,
      `zuarbeit:ftp://x#${CODE}.${KEY}`,
      `${ENDPOINT}#${CODE}.${KEY}`,
      '',
      'zuarbeit:',
    ]) {
      expect(parseInvitation(text), text).toBeNull();
    }
  });
});
