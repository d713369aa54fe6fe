import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, HLC_PATTERN, HlcError, initialHlc, MAX_COUNTER, newNodeId, parseHlc, receive, tick } from '../../lib/protocol/hlc';

const node = '9f86d081884c7d65';
const t0 = Date.parse('2026-11-27T05:00:00.000Z');

describe('hlc format', () => {
  it('formats as DESIGN.md pins it', () => {
    expect(formatHlc({ millis: t0, counter: 0, node })).toBe('2026-11-27T05:00:00.000Z-0000-9f86d081884c7d65');
    expect(formatHlc({ millis: t0, counter: 0xabc, node })).toBe('2026-11-27T05:00:00.000Z-0abc-9f86d081884c7d65');
  });

  it('round-trips through parse', () => {
    const hlc = { millis: t0 + 123, counter: 42, node };
    expect(parseHlc(formatHlc(hlc))).toEqual(hlc);
  });

  it('refuses malformed strings', () => {
    for (const bad of [
      '',
      'x',
      '2026-11-27T05:00:00Z-0000-9f86d081884c7d65',
      '2026-11-27T05:00:00.000Z-00000-9f86d081884c7d65',
      '2026-11-27T05:00:00.000Z-0000-9F86D081884C7D65',
      '2026-13-40T05:00:00.000Z-0000-9f86d081884c7d65',
    ]) {
      expect(() => parseHlc(bad)).toThrow(HlcError);
    }
  });

  it('refuses a counter out of range', () => {
    expect(() => formatHlc({ millis: t0, counter: MAX_COUNTER + 1, node })).toThrow(HlcError);
  });

  it('makes random 16-hex node ids', () => {
    const a = newNodeId();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(newNodeId()).not.toBe(a);
  });

  it('sorts as strings in clock order (property)', () => {
    const arb = fc.record({ millis: fc.integer({ min: 0, max: 4_102_444_800_000 }), counter: fc.integer({ min: 0, max: MAX_COUNTER }) });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const sa = formatHlc({ ...a, node });
        const sb = formatHlc({ ...b, node });
        const byClock = a.millis - b.millis || a.counter - b.counter;
        expect(Math.sign(sa.localeCompare(sb, 'en'))).toBe(Math.sign(byClock));
        expect(sa < sb).toBe(byClock < 0);
      }),
    );
  });
});

describe('hlc rules', () => {
  it('tick follows the wall clock when it moves forward', () => {
    const next = tick({ millis: t0, counter: 7, node }, t0 + 5);
    expect(next).toEqual({ millis: t0 + 5, counter: 0, node });
  });

  it('tick counts up when the wall clock stands still or goes backwards', () => {
    let clock = tick(initialHlc(node), t0);
    clock = tick(clock, t0);
    expect(clock).toEqual({ millis: t0, counter: 1, node });
    clock = tick(clock, t0 - 60_000);
    expect(clock).toEqual({ millis: t0, counter: 2, node });
  });

  it('tick moves to the next millisecond on counter overflow instead of failing', () => {
    const next = tick({ millis: t0, counter: MAX_COUNTER, node }, t0 - 1);
    expect(next).toEqual({ millis: t0 + 1, counter: 0, node });
    expect(formatHlc(next) > formatHlc({ millis: t0, counter: MAX_COUNTER, node })).toBe(true);
  });

  it('receive is greater than both the local and the remote clock', () => {
    const local = { millis: t0, counter: 3, node };
    const remote = { millis: t0 + 10, counter: 9, node: 'aaaaaaaaaaaaaaaa' };
    const next = receive(local, remote, t0 + 1);
    expect(next).toEqual({ millis: t0 + 10, counter: 10, node });
    expect(receive(local, { ...remote, millis: t0, counter: 8 }, t0)).toEqual({ millis: t0, counter: 9, node });
    expect(receive(local, { ...remote, millis: t0 - 5 }, t0)).toEqual({ millis: t0, counter: 4, node });
    expect(receive(local, remote, t0 + 50)).toEqual({ millis: t0 + 50, counter: 0, node });
  });

  it('receive refuses a remote clock more than 24 hours ahead', () => {
    const remote = { millis: t0 + 25 * 3600_000, counter: 0, node: 'aaaaaaaaaaaaaaaa' };
    expect(() => receive(initialHlc(node), remote, t0)).toThrow(expect.objectContaining({ reason: 'clock-drift' }));
  });

  it('receive handles counter overflow', () => {
    const next = receive({ millis: t0, counter: MAX_COUNTER, node }, { millis: t0, counter: MAX_COUNTER, node: 'aaaaaaaaaaaaaaaa' }, t0);
    expect(next).toEqual({ millis: t0 + 1, counter: 0, node });
  });

  it('every event is strictly after the previous one, whatever the wall clock does (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: t0 - 10_000, max: t0 + 10_000 }) }),
            fc.record({
              kind: fc.constant('receive' as const),
              now: fc.integer({ min: t0 - 10_000, max: t0 + 10_000 }),
              remote: fc.integer({ min: t0 - 10_000, max: t0 + 20_000 }),
              counter: fc.integer({ min: 0, max: MAX_COUNTER }),
            }),
          ),
          { maxLength: 200 },
        ),
        (events) => {
          let clock = initialHlc(node);
          let last = formatHlc(clock);
          for (const event of events) {
            if (event.kind === 'tick') clock = tick(clock, event.now);
            else {
              const remote = { millis: event.remote, counter: event.counter, node: 'aaaaaaaaaaaaaaaa' };
              clock = receive(clock, remote, event.now);
              expect(formatHlc(clock) > formatHlc(remote)).toBe(true);
            }
            const current = formatHlc(clock);
            expect(current > last).toBe(true);
            expect(current).toMatch(HLC_PATTERN);
            last = current;
          }
        },
      ),
    );
  });
});
