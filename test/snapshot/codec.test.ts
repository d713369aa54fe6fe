import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_LIMITS, snapshotPartSchema } from '../../lib/model';
import { decodeText, encodeText } from '../../lib/snapshot/codec';
import { fromBase64Url } from '../../lib/sync/crypto';

/** Text that gzip cannot shrink much: random letters from several scripts. */
function incompressible(chars: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ0123456789 αβγδ漢字かな€';
  let text = '';
  for (let i = 0; i < chars; i++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}

describe('snapshot text codec', () => {
  it('round-trips text of every size and script', async () => {
    for (const text of ['a', 'Schriftsatz vom 1. März 2025 — § 203 StGB ✓ 😀', incompressible(200_000), 'Absatz. '.repeat(60_000)]) {
      const encoded = await encodeText(text);
      expect(await decodeText({ ...encoded, parts: encoded.parts.length }, encoded.parts)).toEqual({ ok: true, text });
    }
  });

  it('is checked by independent implementations: node:zlib inflates it, node:crypto gives its hash', async () => {
    const text = 'Der Bundesgerichtshof in Karlsruhe. '.repeat(5_000);
    const encoded = await encodeText(text);
    const inflated = gunzipSync(fromBase64Url(encoded.parts.join('')));
    expect(inflated.toString('utf8')).toBe(text);
    expect(encoded.sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(encoded.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    expect(encoded.compressedBytes).toBeLessThan(encoded.bytes / 10);
  });

  it('splits the largest snapshot into parts that each fit one message and the schema', async () => {
    const text = incompressible(SNAPSHOT_LIMITS.text);
    const encoded = await encodeText(text);
    expect(encoded.bytes).toBeLessThanOrEqual(SNAPSHOT_LIMITS.bytes);
    expect(encoded.parts.length).toBeGreaterThan(1);
    expect(encoded.parts.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.parts);
    encoded.parts.forEach((data, n) => {
      expect(data.length).toBeLessThanOrEqual(SNAPSHOT_LIMITS.partChars);
      expect(snapshotPartSchema.safeParse({ id: `t:${n}`, snapshotId: 't', n, data }).success).toBe(true);
    });
  });

  it('a missing part is "missing-part"; a changed, swapped or extra part is "corrupt"; never text', async () => {
    const text = incompressible(150_000);
    const encoded = await encodeText(text, 20_000);
    const expected = { ...encoded, parts: encoded.parts.length };
    expect(encoded.parts.length).toBeGreaterThanOrEqual(4);
    for (let n = 0; n < encoded.parts.length; n++) {
      const holed = [...encoded.parts];
      holed[n] = undefined as unknown as string;
      expect(await decodeText(expected, holed)).toEqual({ ok: false, reason: 'missing-part' });
    }
    expect(await decodeText(expected, encoded.parts.slice(0, -1))).toEqual({ ok: false, reason: 'missing-part' });
    const flipped = [...encoded.parts];
    flipped[1] = (flipped[1][0] === 'A' ? 'B' : 'A') + flipped[1].slice(1);
    const swapped = [encoded.parts[1], encoded.parts[0], ...encoded.parts.slice(2)];
    const notBase64 = [...encoded.parts];
    notBase64[2] = '!!!';
    for (const parts of [flipped, swapped, notBase64, [...encoded.parts, 'AAAA'], encoded.parts.map(() => 'AAAA')]) {
      expect(await decodeText(expected, parts)).toEqual({ ok: false, reason: 'corrupt' });
    }
    expect(await decodeText({ ...expected, sha256: '0'.repeat(64) }, encoded.parts)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('stops inflating a part that claims fewer bytes than it holds (a gzip bomb)', async () => {
    const bomb = await encodeText('0'.repeat(1_900_000));
    expect(bomb.parts.length).toBe(1);
    expect(await decodeText({ bytes: 1000, sha256: bomb.sha256, parts: 1 }, bomb.parts)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
