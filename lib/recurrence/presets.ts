/**
 * The "Repeats" presets of the task form (issue 9) and their rule strings, both ways: `buildRule`
 * makes the canonical rule of a preset, `describePreset` recognises a rule that a preset makes.
 */
import { daysInMonth } from './dates';
import { formatRule, parseRule, RecurrenceError, type RecurrenceRule, type Weekday } from './rule';

/** How a preset ends: after a number of occurrences (DTSTART included) or on a last day (inclusive). */
export type PresetEnd = { readonly count: number } | { readonly until: string };

interface PresetBase {
  /** The first day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Every n-th period (week, month, …); 1 when left out. */
  readonly interval?: number;
  readonly end?: PresetEnd;
}

/** A rule as the form offers it. */
export type RulePreset = PresetBase &
  (
    | { readonly kind: 'weekdays' }
    | { readonly kind: 'weekly'; readonly weekdays: readonly Weekday[] }
    | { readonly kind: 'every'; readonly unit: 'day' | 'week' | 'month' | 'year' }
    | { readonly kind: 'monthly-day'; readonly day: number }
    | { readonly kind: 'monthly-last-day' }
    | { readonly kind: 'monthly-weekday'; readonly ordinal: 1 | 2 | 3 | 4 | 5 | -1; readonly weekday: Weekday }
    | { readonly kind: 'monthly-last-working-day' }
    | { readonly kind: 'yearly'; readonly month: number; readonly day: number }
  );

const WORKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const UNIT_FREQ = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const;

type RuleParts = Pick<RecurrenceRule, 'freq'> & Partial<Pick<RecurrenceRule, 'byDay' | 'byMonthDay' | 'byMonth' | 'bySetPos'>>;

function partsOf(preset: RulePreset): RuleParts {
  switch (preset.kind) {
    case 'weekdays':
      return { freq: 'WEEKLY', byDay: WORKDAYS.map((weekday) => ({ weekday, ordinal: 0 })) };
    case 'weekly':
      // No weekday at all would silently become "weekly on DTSTART's weekday".
      if (preset.weekdays.length === 0) throw new RecurrenceError('out-of-range', 'weekdays', 'Choose at least one weekday');
      return { freq: 'WEEKLY', byDay: preset.weekdays.map((weekday) => ({ weekday, ordinal: 0 })) };
    case 'every':
      return { freq: UNIT_FREQ[preset.unit] };
    case 'monthly-day':
      return { freq: 'MONTHLY', byMonthDay: [preset.day] };
    case 'monthly-last-day':
      return { freq: 'MONTHLY', byMonthDay: [-1] };
    case 'monthly-weekday':
      return { freq: 'MONTHLY', byDay: [{ weekday: preset.weekday, ordinal: preset.ordinal }] };
    case 'monthly-last-working-day':
      return { freq: 'MONTHLY', byDay: WORKDAYS.map((weekday) => ({ weekday, ordinal: 0 })), bySetPos: [-1] };
    case 'yearly':
      // A date no year has (February 30th) would make a rule that never repeats: refuse it here.
      if (Number.isInteger(preset.month) && preset.month >= 1 && preset.month <= 12 && preset.day > daysInMonth(2000, preset.month)) {
        throw new RecurrenceError('out-of-range', 'day', `No month ${preset.month} has a day ${preset.day}`);
      }
      return { freq: 'YEARLY', byMonth: [preset.month], byMonthDay: [preset.day] };
  }
}

/** The canonical rule string of a preset; throws `RecurrenceError` for values a rule cannot hold. */
export function buildRule(preset: RulePreset): string {
  const parts = partsOf(preset);
  const end = preset.end;
  const draft: RecurrenceRule = {
    dtstart: preset.start,
    freq: parts.freq,
    interval: preset.interval ?? 1,
    count: end !== undefined && 'count' in end ? end.count : null,
    until: end !== undefined && 'until' in end ? end.until : null,
    byDay: parts.byDay ?? [],
    byMonthDay: parts.byMonthDay ?? [],
    byMonth: parts.byMonth ?? [],
    bySetPos: parts.bySetPos ?? [],
    wkst: 'MO',
  };
  // Formatting the draft and parsing it back validates every value and yields the canonical order.
  return formatRule(parseRule(formatRule(draft)));
}

function sameWeekdays(rule: RecurrenceRule, weekdays: readonly Weekday[]): boolean {
  return rule.byDay.length === weekdays.length && rule.byDay.every((d, i) => d.ordinal === 0 && d.weekday === weekdays[i]);
}

function candidateOf(rule: RecurrenceRule): RulePreset | null {
  const base: PresetBase = {
    start: rule.dtstart,
    ...(rule.interval === 1 ? {} : { interval: rule.interval }),
    ...(rule.count !== null ? { end: { count: rule.count } } : rule.until !== null ? { end: { until: rule.until } } : {}),
  };
  const { freq, byDay, byMonthDay, byMonth, bySetPos } = rule;
  const firstDay = byDay[0];
  if (byDay.length + byMonthDay.length + byMonth.length + bySetPos.length === 0) {
    const unit = ({ DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const)[freq];
    return { ...base, kind: 'every', unit };
  }
  if (freq === 'WEEKLY' && sameWeekdays(rule, WORKDAYS)) return { ...base, kind: 'weekdays' };
  if (freq === 'WEEKLY' && byDay.every((d) => d.ordinal === 0)) {
    return { ...base, kind: 'weekly', weekdays: byDay.map((d) => d.weekday) };
  }
  if (freq === 'MONTHLY' && byMonthDay.length === 1 && byMonthDay[0] === -1) return { ...base, kind: 'monthly-last-day' };
  if (freq === 'MONTHLY' && byMonthDay.length === 1) return { ...base, kind: 'monthly-day', day: byMonthDay[0] };
  if (freq === 'MONTHLY' && sameWeekdays(rule, WORKDAYS) && bySetPos.length === 1 && bySetPos[0] === -1) {
    return { ...base, kind: 'monthly-last-working-day' };
  }
  if (freq === 'MONTHLY' && firstDay !== undefined && [1, 2, 3, 4, 5, -1].includes(firstDay.ordinal)) {
    const ordinal = firstDay.ordinal as 1 | 2 | 3 | 4 | 5 | -1;
    return { ...base, kind: 'monthly-weekday', ordinal, weekday: firstDay.weekday };
  }
  if (freq === 'YEARLY' && byMonth.length === 1 && byMonthDay.length === 1) {
    return { ...base, kind: 'yearly', month: byMonth[0], day: byMonthDay[0] };
  }
  return null;
}

/** WKST changes occurrences only for WEEKLY with INTERVAL > 1 or BYSETPOS; elsewhere it is noise. */
function withoutIdleWkst(rule: RecurrenceRule): RecurrenceRule {
  const matters = rule.freq === 'WEEKLY' && (rule.interval > 1 || rule.bySetPos.length > 0);
  return matters ? rule : { ...rule, wkst: 'MO' };
}

/** The preset that makes this rule, or null for a rule the presets cannot say (shown as "custom"). */
export function describePreset(rule: string | RecurrenceRule): RulePreset | null {
  const parsed = withoutIdleWkst(typeof rule === 'string' ? parseRule(rule) : rule);
  const candidate = candidateOf(parsed);
  // A candidate counts only if it builds exactly this rule: every part the guess ignored must be absent.
  if (candidate === null) return null;
  try {
    return buildRule(candidate) === formatRule(parsed) ? candidate : null;
  } catch (error) {
    if (error instanceof RecurrenceError) return null;
    throw error;
  }
}
