/**
 * The words of the Markdown export and the package views in the UI language (issue 11): rules
 * described by lib/recurrence, statuses and kinds as the task views name them.
 */
import { i18n } from '#i18n';
import { describeRule, type RecurrenceLang } from '../recurrence';
import { formatDateTime, formatDay } from '../ui/format';
import { kindLabel, statusLabel } from '../ui/labels';
import { formatMinutes } from '../ui/time-log';
import type { HandoverText } from './export';

/** The package's words for `lang` and `locale`; `today` decides whether a date shows its year. */
export function handoverText(lang: RecurrenceLang, locale: string, today: string): HandoverText {
  return {
    title: i18n.t('handover.package.title'),
    generated: (iso) => i18n.t('handover.package.generated', [formatDateTime(iso, locale)]),
    headings: {
      instructions: i18n.t('handover.package.instructions'),
      standing: i18n.t('handover.package.standing'),
      open: i18n.t('handover.package.open'),
      contacts: i18n.t('handover.package.contacts'),
      access: i18n.t('handover.package.access'),
      generalNote: i18n.t('handover.package.generalNote'),
      openQuestions: i18n.t('handover.package.openQuestions'),
    },
    columns: {
      task: i18n.t('handover.package.columnTask'),
      rule: i18n.t('handover.package.columnRule'),
      next: i18n.t('handover.package.columnNext'),
      average: i18n.t('handover.package.columnAverage'),
      budget: i18n.t('handover.package.columnBudget'),
      level: i18n.t('handover.package.columnLevel'),
    },
    status: statusLabel,
    kind: kindLabel,
    rule: (rule) => (rule === null ? i18n.t('handover.package.none') : describeRule(rule, lang)),
    day: (day) => (day === null ? i18n.t('handover.package.noDate') : formatDay(day, locale, today)),
    minutes: (minutes) => (minutes === null ? '–' : formatMinutes(minutes)),
    level: (level) => (level === null ? '–' : i18n.t('handover.package.level', [String(level)])),
    lastWord: (side) => i18n.t(side === 'client' ? 'handover.package.lastWordClient' : 'handover.package.lastWordAssistant'),
    note: i18n.t('handover.package.note'),
    shared: i18n.t('handover.package.shared'),
    changePasswords: i18n.t('handover.package.changePasswords'),
    none: i18n.t('handover.package.none'),
  };
}
