/** Standing-task rules (issue 9): an RFC 5545 RRULE subset evaluated on calendar days, pure. */
import { nextOccurrences as occurrencesAfter } from './occurrences';
import { parseRule as parse, type RecurrenceRule } from './rule';

export {
  FREQUENCIES,
  formatRule,
  MAX_COUNT,
  MAX_RULE_LENGTH,
  RecurrenceError,
  tryParseRule,
  WEEKDAYS,
  type Frequency,
  type ParseResult,
  type RecurrenceErrorReason,
  type RecurrenceRule,
  type Weekday,
  type WeekdayRule,
} from './rule';
export { HORIZON_DAYS, isOccurrence, nextAfterCompletion } from './occurrences';
export { buildRule, describePreset, type PresetEnd, type RulePreset } from './presets';
export { describeRecurrenceError, describeRule, type RecurrenceLang } from './describe';

/**
 * The first `count` occurrence days (`YYYY-MM-DD`) strictly after `after`, for a rule string
 * with `DTSTART;VALUE=DATE:YYYYMMDD` on its own line before `RRULE:...`. Throws a
 * `RecurrenceError` (typed `reason`) for a rule or argument it does not support.
 */
export function nextOccurrences(rule: string, after: string, count: number): string[] {
  return occurrencesAfter(rule, after, count);
}

/** Parses a rule string; throws a `RecurrenceError` with a typed `reason` for what it does not support. */
export function parseRule(rule: string): RecurrenceRule {
  return parse(rule);
}
