/**
 * The "Repeats" editor's view-model (issue 9): the form's values, the rule they make (or why they
 * make none, as a sentence), and what the rule says in the UI language with its next three dates.
 */
import type { Recurrence, RecurrenceAnchor, StandingRule } from '../model';
import {
  buildRule,
  describePreset,
  describeRecurrenceError,
  describeRule,
  nextOccurrences,
  RecurrenceError,
  tryParseRule,
  type RecurrenceLang,
  type RulePreset,
  type Weekday,
} from '../recurrence';
import { standingRuleOf } from '../standing/rule';
import { formatDay } from './format';

export const REPEAT_KINDS = [
  'none',
  'weekdays',
  'weekly',
  'every',
  'monthly-day',
  'monthly-weekday',
  'monthly-last-day',
  'monthly-last-working-day',
  'yearly',
  'custom',
] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];
export type RepeatUnit = 'day' | 'week' | 'month' | 'year';
export type Ordinal = 1 | 2 | 3 | 4 | 5 | -1;

/** Everything the form holds, whichever preset is chosen, so switching presets keeps the other values. */
export interface RepeatForm {
  kind: RepeatKind;
  start: string;
  interval: number;
  unit: RepeatUnit;
  weekdays: Weekday[];
  day: number;
  ordinal: Ordinal;
  weekday: Weekday;
  month: number;
  anchor: RecurrenceAnchor;
  /** The rule text of a custom rule (RFC 5545 lines). */
  custom: string;
}

const WEEKDAY_OF_JS: readonly Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function parts(day: string): { month: number; day: number; weekday: Weekday } {
  const [y, m, d] = day.split('-').map(Number);
  return { month: m, day: d, weekday: WEEKDAY_OF_JS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] };
}

/** The form for a stored recurrence; a rule the presets cannot say opens as a custom rule. */
export function repeatFormOf(recurrence: Recurrence | undefined, createdAt: string, today: string): RepeatForm {
  const rule = recurrence ? standingRuleOf({ recurrence, createdAt }) : null;
  const start = rule ? (tryParseRule(rule.rule) as { ok: true; rule: { dtstart: string } }).rule.dtstart : today;
  const p = parts(start);
  const form: RepeatForm = {
    kind: 'none',
    start,
    interval: 1,
    unit: 'week',
    weekdays: [p.weekday],
    day: p.day,
    ordinal: 1,
    weekday: p.weekday,
    month: p.month,
    anchor: rule?.anchor ?? 'schedule',
    custom: rule?.rule ?? '',
  };
  if (!rule) return form;
  const preset = describePreset(rule.rule);
  if (!preset) return { ...form, kind: 'custom' };
  const next: RepeatForm = { ...form, kind: preset.kind, interval: preset.interval ?? 1 };
  if (preset.kind === 'weekly') next.weekdays = [...preset.weekdays];
  if (preset.kind === 'every') next.unit = preset.unit;
  if (preset.kind === 'monthly-day') next.day = preset.day;
  if (preset.kind === 'monthly-weekday') Object.assign(next, { ordinal: preset.ordinal, weekday: preset.weekday });
  if (preset.kind === 'yearly') Object.assign(next, { month: preset.month, day: preset.day });
  return next;
}

function presetOf(form: RepeatForm): RulePreset {
  const base = { start: form.start, interval: form.interval };
  switch (form.kind) {
    case 'weekdays':
    case 'monthly-last-day':
    case 'monthly-last-working-day':
      return { ...base, kind: form.kind };
    case 'weekly':
      return { ...base, kind: 'weekly', weekdays: form.weekdays };
    case 'every':
      return { ...base, kind: 'every', unit: form.unit };
    case 'monthly-day':
      return { ...base, kind: 'monthly-day', day: form.day };
    case 'monthly-weekday':
      return { ...base, kind: 'monthly-weekday', ordinal: form.ordinal, weekday: form.weekday };
    default:
      return { ...base, interval: 1, kind: 'yearly', month: form.month, day: form.day };
  }
}

/** What the form makes: no repetition, a rule, or the sentence saying why it is no rule. */
export type RepeatOutcome = { ok: true; recurrence: StandingRule | null } | { ok: false; message: string };

/** The recurrence the form makes, in the rule form (never throws: a bad value becomes a sentence). */
export function recurrenceOfForm(form: RepeatForm, lang: RecurrenceLang): RepeatOutcome {
  if (form.kind === 'none') return { ok: true, recurrence: null };
  try {
    if (form.kind === 'custom') {
      const parsed = tryParseRule(form.custom);
      if (!parsed.ok) return { ok: false, message: describeRecurrenceError(parsed.error, lang) };
      return { ok: true, recurrence: { rule: form.custom.trim(), anchor: form.anchor } };
    }
    return { ok: true, recurrence: { rule: buildRule(presetOf(form)), anchor: form.anchor } };
  } catch (error) {
    if (error instanceof RecurrenceError) return { ok: false, message: describeRecurrenceError(error, lang) };
    throw error;
  }
}

/** The rule as a sentence in the UI language and its next three dates from today on. */
export function repeatSummary(
  rule: StandingRule,
  lang: RecurrenceLang,
  locale: string,
  today: string,
): { sentence: string; next: string[] } {
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    sentence: describeRule(rule.rule, lang),
    next: nextOccurrences(rule.rule, yesterday, 3).map((day) => formatDay(day, locale, today)),
  };
}

/** The UI language as the rule sentences know it: German for German, English otherwise. */
export function recurrenceLang(locale: string): RecurrenceLang {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
