/**
 * Wall-clock time of an instant in a given zone: which calendar day a timer's start belongs to,
 * and the local times an invoice shows. Pure: the zone is passed in, never read from the device
 * unless the caller leaves it out.
 */

/**
 * Where the wall clock is: a fixed offset in minutes east of UTC (CET = 60; note that
 * `Date#getTimezoneOffset` has the opposite sign), or an IANA zone name read through Intl.
 */
export type Zone = { offsetMinutes: number } | { timeZone: string };

/** The local reading of an instant: day `YYYY-MM-DD`, time `HH:MM`, and the offset in force. */
export interface LocalTime {
  day: string;
  time: string;
  offsetMinutes: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let cached = zoneFormatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, cached);
  }
  return cached;
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

// formatToParts costs tens of microseconds, and a month's CSV asks it twice per entry. Offset
// changes fall on quarter hours of UTC (the odd exceptions, like Liberia's in 1972, predate any
// timer), so the offset is constant within one and cached per quarter hour.
function offsetIn(timeZone: string, instant: number): number {
  const key = `${timeZone}\u0000${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    offset = computeOffset(timeZone, instant);
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  // Intl drops milliseconds; comparing whole seconds keeps the offset a whole number of minutes.
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The device's own zone, as Intl resolves it. */
export function deviceZone(): Zone {
  return { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** The offset (minutes east of UTC) that `zone` has at `instant` (epoch milliseconds). */
export function zoneOffset(instant: number, zone: Zone = deviceZone()): number {
  return 'offsetMinutes' in zone ? zone.offsetMinutes : offsetIn(zone.timeZone, instant);
}

/** The wall-clock day and time of `instant` (epoch milliseconds) in `zone`. */
export function localTime(instant: number, zone: Zone = deviceZone()): LocalTime {
  const offsetMinutes = zoneOffset(instant, zone);
  const shifted = new Date(instant + offsetMinutes * 60_000);
  return {
    day: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
    offsetMinutes,
  };
}

/** An offset as ISO 8601 writes it: `+01:00`, `-03:30`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
