/**
 * Hybrid logical clock (DESIGN.md, "HLC"): `<ISO millis UTC>-<counter 4 hex>-<node 16 hex>`.
 * Pure: the wall clock is passed in, so every rule is testable in Node.
 */
import { MAX_FUTURE_MS } from './limits';

export const HLC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const MAX_COUNTER = 0xffff;

export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

export type HlcErrorReason = 'counter-overflow' | 'clock-drift' | 'malformed';

export class HlcError extends Error {
  constructor(
    readonly reason: HlcErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'HlcError';
  }
}

/** Formats a clock as its sortable string. */
export function formatHlc({ millis, counter, node }: Hlc): string {
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new HlcError('counter-overflow', `HLC counter out of range: ${counter}`);
  }
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

/** Parses a clock string; throws `HlcError('malformed')` for anything else. */
export function parseHlc(value: string): Hlc {
  if (!HLC_PATTERN.test(value)) throw new HlcError('malformed', `Not an HLC: ${value.slice(0, 80)}`);
  const millis = Date.parse(value.slice(0, 24));
  if (Number.isNaN(millis) || new Date(millis).toISOString() !== value.slice(0, 24)) {
    throw new HlcError('malformed', `Not an HLC date: ${value.slice(0, 24)}`);
  }
  return { millis, counter: parseInt(value.slice(25, 29), 16), node: value.slice(30) };
}

/** A random 16-hex node id for this device. */
export function newNodeId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The zero clock of a node: what a device starts from. */
export function initialHlc(node: string): Hlc {
  return { millis: 0, counter: 0, node };
}

/** Advances the clock for a local event (send). */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) {
    // The wall clock stands still or went backwards and 65,536 events shared one millisecond:
    // move logical time forward by one millisecond instead of failing the write.
    return { millis: last.millis + 1, counter: 0, node: last.node };
  }
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Advances the clock on receiving a remote clock (standard HLC receive rule). */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  // The server's own limit: a clock it would refuse from us, we refuse from others.
  if (remote.millis - now > MAX_FUTURE_MS) {
    throw new HlcError('clock-drift', `Remote clock ${new Date(remote.millis).toISOString()} is too far ahead`);
  }
  const millis = Math.max(last.millis, remote.millis, now);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}
