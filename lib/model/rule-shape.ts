/**
 * A cheap shape check of a standing task's rule for the record schema (issue 14): every rule that
 * lib/recurrence's parser accepts has this shape, so the schema keeps refusing what is plainly
 * not a rule without loading the parser into every view (the popup reads records, it never
 * evaluates a rule before its first paint). The full parse stays where rules are edited
 * (lib/ui/standing-repeat.ts) and where they are evaluated (lib/standing/rule.ts, which treats
 * a rule it cannot parse as no rule).
 */

/** The longest rule the parser reads (lib/recurrence/rule.ts, MAX_RULE_LENGTH). */
const MAX_RULE_LENGTH = 1000;
const DTSTART = /^DTSTART(?:;VALUE=DATE)?:\d{8}$/;
const RRULE_PART = /^(FREQ|INTERVAL|COUNT|UNTIL|BYDAY|BYMONTHDAY|BYMONTH|BYSETPOS|WKST)=[0-9A-Z,+-]+$/;
const FREQ = /(?:^|;)FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;|$)/;

/** Whether `rule` has the shape of a supported rule: one date DTSTART line and one RRULE line with a whole-day FREQ. */
export function hasRuleShape(rule: string): boolean {
  if (rule.length > MAX_RULE_LENGTH) return false;
  let dtstart = 0;
  let rrule = 0;
  for (const line of rule.toUpperCase().split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (DTSTART.test(line)) dtstart++;
    else if (line.startsWith('RRULE:')) {
      const body = line.slice('RRULE:'.length);
      if (!FREQ.test(body) || !body.split(';').every((part) => RRULE_PART.test(part))) return false;
      rrule++;
    } else return false;
  }
  return dtstart === 1 && rrule === 1;
}
