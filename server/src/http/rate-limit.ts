/**
 * Rate-limit keys of client addresses and the answer to a spent budget. The token buckets are
 * counted in the database (`Storage.takeToken`; device buckets are taken by `Storage.authenticate`),
 * so a limit holds across every endpoint instance on one PostgreSQL.
 */
import { BUCKET_REFILL_MS } from '../storage/types';

/** The bucket of a client address, for unauthenticated work. IPv6 clients are limited per /64, as one host usually holds a whole /64. */
export function ipKey(address: string): string {
  return `ip:${ipPrefix(address)}`;
}

function ipPrefix(address: string): string {
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const [head, tail = ''] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - headGroups.length - tailGroups.length);
  const groups = address.includes('::') ? [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Seconds until a bucket holding `tokens` (< 1) has one again, for Retry-After; at least 1. */
export function secondsUntilToken(tokens: number, perMinute: number): number {
  return Math.max(1, Math.ceil(((1 - tokens) * BUCKET_REFILL_MS) / perMinute / 1000));
}
