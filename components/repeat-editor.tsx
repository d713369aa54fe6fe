import { i18n } from '#i18n';
import { useId, useMemo, useState } from 'preact/hooks';
import type { Recurrence, StandingRule } from '../lib/model';
import { WEEKDAYS, type Weekday } from '../lib/recurrence';
import {
  recurrenceLang,
  recurrenceOfForm,
  repeatFormOf,
  repeatSummary,
  REPEAT_KINDS,
  type RepeatForm,
  type RepeatKind,
} from '../lib/ui/standing-repeat';

interface RepeatEditorProps {
  recurrence: Recurrence | undefined;
  createdAt: string;
  today: string;
  locale: string;
  /** Called with each valid choice (null: does not repeat); an invalid one is only said, never saved. */
  onChange: (recurrence: StandingRule | null) => void;
  disabled?: boolean;
}

const KIND_LABEL = {
  none: 'repeat.none',
  weekdays: 'repeat.weekdays',
  weekly: 'repeat.weekly',
  every: 'repeat.every',
  'monthly-day': 'repeat.monthlyDay',
  'monthly-weekday': 'repeat.monthlyWeekday',
  'monthly-last-day': 'repeat.monthlyLastDay',
  'monthly-last-working-day': 'repeat.monthlyLastWorkingDay',
  yearly: 'repeat.yearly',
  custom: 'repeat.custom',
} as const satisfies Record<RepeatKind, string>;

// 2026-12-07 is a Monday: weekday and month names come from Intl in the UI language.
function weekdayName(weekday: Weekday, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 7 + WEEKDAYS.indexOf(weekday)));
}
function monthName(month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, month - 1, 1));
}

/** "Repeats": presets a person understands, the anchor, the rule as a sentence and its next three dates. */
export function RepeatEditor({ recurrence, createdAt, today, locale, onChange, disabled }: RepeatEditorProps) {
  const id = useId();
  const lang = recurrenceLang(locale);
  const [form, setForm] = useState<RepeatForm>(() => repeatFormOf(recurrence, createdAt, today));
  const outcome = useMemo(() => recurrenceOfForm(form, lang), [form, lang]);
  const summary = outcome.ok && outcome.recurrence ? repeatSummary(outcome.recurrence, lang, locale, today) : null;
  const update = (patch: Partial<RepeatForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    const made = recurrenceOfForm(next, lang);
    if (made.ok) onChange(made.recurrence);
  };
  const num = (value: string) => Math.trunc(Number(value));
  const k = form.kind;
  return (
    <fieldset class="field repeat-editor" disabled={disabled}>
      <legend>{i18n.t('repeat.legend')}</legend>
      <label for={`${id}-kind`}>{i18n.t('repeat.kind')}</label>
      <select id={`${id}-kind`} value={k} onChange={(e) => update({ kind: e.currentTarget.value as RepeatKind })}>
        {REPEAT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {i18n.t(KIND_LABEL[kind])}
          </option>
        ))}
      </select>
      {k !== 'none' && k !== 'custom' && (
        <label>
          {i18n.t('repeat.start')}
          <input type="date" value={form.start} onChange={(e) => e.currentTarget.value && update({ start: e.currentTarget.value })} />
        </label>
      )}
      {(k === 'every' || k === 'weekly' || k === 'monthly-day' || k === 'monthly-weekday') && (
        <label>
          {i18n.t('repeat.interval')}
          <input type="number" min={1} max={365} value={form.interval} onInput={(e) => update({ interval: num(e.currentTarget.value) })} />
          {k === 'every' ? (
            <select
              aria-label={i18n.t('repeat.interval')}
              value={form.unit}
              onChange={(e) => update({ unit: e.currentTarget.value as RepeatForm['unit'] })}
            >
              <option value="day">{i18n.t('repeat.unitDay')}</option>
              <option value="week">{i18n.t('repeat.unitWeek')}</option>
              <option value="month">{i18n.t('repeat.unitMonth')}</option>
              <option value="year">{i18n.t('repeat.unitYear')}</option>
            </select>
          ) : (
            <span>{i18n.t(k === 'weekly' ? 'repeat.unitWeek' : 'repeat.unitMonth')}</span>
          )}
        </label>
      )}
      {k === 'weekly' && (
        <fieldset class="weekdays">
          <legend>{i18n.t('repeat.weekdaysLegend')}</legend>
          {WEEKDAYS.map((w) => (
            <label key={w} class="inline">
              <input
                type="checkbox"
                checked={form.weekdays.includes(w)}
                onChange={(e) =>
                  update({ weekdays: e.currentTarget.checked ? [...form.weekdays, w] : form.weekdays.filter((x) => x !== w) })
                }
              />
              {weekdayName(w, locale)}
            </label>
          ))}
        </fieldset>
      )}
      {(k === 'monthly-day' || k === 'yearly') && (
        <label>
          {i18n.t('repeat.day')}
          <input type="number" min={1} max={31} value={form.day} onInput={(e) => update({ day: num(e.currentTarget.value) })} />
        </label>
      )}
      {k === 'yearly' && (
        <label>
          {i18n.t('repeat.month')}
          <select value={String(form.month)} onChange={(e) => update({ month: num(e.currentTarget.value) })}>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {monthName(i + 1, locale)}
              </option>
            ))}
          </select>
        </label>
      )}
      {k === 'monthly-weekday' && (
        <>
          <label>
            {i18n.t('repeat.ordinal')}
            <select value={String(form.ordinal)} onChange={(e) => update({ ordinal: num(e.currentTarget.value) as RepeatForm['ordinal'] })}>
              <option value="1">{i18n.t('repeat.ordinal1')}</option>
              <option value="2">{i18n.t('repeat.ordinal2')}</option>
              <option value="3">{i18n.t('repeat.ordinal3')}</option>
              <option value="4">{i18n.t('repeat.ordinal4')}</option>
              <option value="5">{i18n.t('repeat.ordinal5')}</option>
              <option value="-1">{i18n.t('repeat.ordinalLast')}</option>
            </select>
          </label>
          <label>
            {i18n.t('repeat.weekday')}
            <select value={form.weekday} onChange={(e) => update({ weekday: e.currentTarget.value as Weekday })}>
              {WEEKDAYS.map((w) => (
                <option key={w} value={w}>
                  {weekdayName(w, locale)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {k === 'custom' && (
        <label>
          {i18n.t('repeat.rule')}
          <textarea rows={2} value={form.custom} spellcheck={false} onInput={(e) => update({ custom: e.currentTarget.value })} />
        </label>
      )}
      {k !== 'none' && (
        <fieldset class="anchor">
          <legend>{i18n.t('repeat.anchor')}</legend>
          {(['schedule', 'completion'] as const).map((anchor) => (
            <label key={anchor} class="inline">
              <input type="radio" name={`${id}-anchor`} checked={form.anchor === anchor} onChange={() => update({ anchor })} />
              {i18n.t(anchor === 'schedule' ? 'repeat.anchorSchedule' : 'repeat.anchorCompletion')}
            </label>
          ))}
        </fieldset>
      )}
      {!outcome.ok && (
        <p class="field-error" role="alert">
          {outcome.message}
        </p>
      )}
      {summary && (
        <p class="hint" role="status">
          {summary.sentence}. {i18n.t('repeat.nextDates', [summary.next.join(', ')])}
        </p>
      )}
    </fieldset>
  );
}
