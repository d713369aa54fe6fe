/** Standing-task rules (issue 9): an RFC 5545 RRULE subset evaluated on calendar days, pure. */
export {
  FREQUENCIES,
  formatRule,
  MAX_COUNT,
  MAX_RULE_LENGTH,
  parseRule,
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
export { HORIZON_DAYS, isOccurrence, nextAfterCompletion, nextOccurrences } from './occurrences';
export { buildRule, describePreset, type PresetEnd, type RulePreset } from './presets';
export { describeRecurrenceError, describeRule, type RecurrenceLang } from './describe';
