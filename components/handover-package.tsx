import { i18n } from '#i18n';
import { useId, useMemo } from 'preact/hooks';
import { uiLocale } from '../lib/browser/ui-locale';
import { handoverText } from '../lib/handover/text';
import { noteOf } from '../lib/handover/package';
import type { HandoverContent } from '../lib/model';
import { localDay } from '../lib/ui/format';
import { handoverExportFile, type ExportFormat } from '../lib/ui/handover';
import { recurrenceLang } from '../lib/ui/standing-repeat';
import { downloadFile } from './handover-download';

/** The package's words in the UI language, for today. */
function usePackageWords() {
  const locale = uiLocale();
  return useMemo(() => handoverText(recurrenceLang(locale), locale, localDay(new Date())), [locale]);
}

/** A paragraph per line of a note, or the "none" hint. */
function NoteText({ text, none }: { text: string; none: string }) {
  if (!text.trim()) return <p class="hint">{none}</p>;
  return (
    <>
      {text
        .trim()
        .split(/\n\s*\n/)
        .map((block, i) => (
          <p key={i} class="pre-line">
            {block}
          </p>
        ))}
    </>
  );
}

/** The handover package to read (the client's review, the successor's first page); text rendered escaped. */
export function HandoverPackageView({ content, headingLevel = 2 }: { content: HandoverContent; headingLevel?: 2 | 3 }) {
  const t = usePackageWords();
  const id = useId();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const S = headingLevel === 2 ? 'h3' : 'h4';
  const section = (key: string, heading: string, body: preact.ComponentChildren) => (
    <section class="handover-section" aria-labelledby={`${id}-${key}`}>
      <S id={`${id}-${key}`} class="subheading">
        {heading}
      </S>
      {body}
    </section>
  );
  const none = <p class="hint">{t.none}</p>;
  // The outgoing assistant's note on a task, where she wrote one.
  const taskNote = (taskId: string) =>
    noteOf(content, taskId) && (
      <div class="handover-note">
        <p class="hint">{t.note}</p>
        <NoteText text={noteOf(content, taskId)} none={t.none} />
      </div>
    );
  const shared = content.access.some((a) => a.shared);

  return (
    <article class="handover-package" aria-labelledby={`${id}-title`}>
      <H id={`${id}-title`} class="subheading">
        {t.title}
      </H>
      <p class="hint">{t.generated(content.generatedAt)}</p>
      {section(
        'instructions',
        t.headings.instructions,
        content.instructions.length === 0
          ? none
          : content.instructions.map((item, i) => (
              <div key={i} class="handover-item">
                <p>
                  <strong>{item.title}</strong>
                </p>
                <NoteText text={item.body} none={t.none} />
              </div>
            )),
      )}
      {section(
        'standing',
        t.headings.standing,
        content.standingTasks.length === 0 ? (
          none
        ) : (
          <ul class="handover-list">
            {content.standingTasks.map((s) => (
              <li key={s.taskId}>
                <p>
                  <strong>{s.title}</strong> ({t.kind(s.kind)})
                </p>
                <dl class="summary">
                  <dt>{t.columns.rule}</dt>
                  <dd>{t.rule(s.rule)}</dd>
                  <dt>{t.columns.next}</dt>
                  <dd>{t.day(s.nextDate)}</dd>
                  <dt>{t.columns.average}</dt>
                  <dd>{t.minutes(s.averageMinutes)}</dd>
                  <dt>{t.columns.budget}</dt>
                  <dd>{t.minutes(s.budgetMinutes)}</dd>
                  <dt>{t.columns.level}</dt>
                  <dd>{t.level(s.level)}</dd>
                </dl>
                {taskNote(s.taskId)}
              </li>
            ))}
          </ul>
        ),
      )}
      {section(
        'open',
        t.headings.open,
        content.openTasks.length === 0 ? (
          none
        ) : (
          <ul class="handover-list">
            {content.openTasks.map((o) => (
              <li key={o.taskId}>
                <p>
                  <strong>{o.title}</strong> – {t.status(o.status)}, {t.day(o.due)}
                </p>
                {o.lastWord && (
                  <p class="hint">
                    {t.lastWord(o.lastWord.side)}: {o.lastWord.excerpt}
                  </p>
                )}
                {taskNote(o.taskId)}
              </li>
            ))}
          </ul>
        ),
      )}
      {section(
        'contacts',
        t.headings.contacts,
        content.contacts.length === 0 ? (
          none
        ) : (
          <ul class="handover-list">
            {content.contacts.map((c, i) => (
              <li key={i}>
                <p>
                  <strong>{c.name}</strong> – {c.reach}
                </p>
                {c.note.trim() && <NoteText text={c.note} none={t.none} />}
              </li>
            ))}
          </ul>
        ),
      )}
      {section(
        'access',
        t.headings.access,
        content.access.length === 0 ? (
          none
        ) : (
          <>
            <ul class="handover-list">
              {content.access.map((a, i) => (
                <li key={i}>
                  {a.what}: {a.where}
                  {a.shared && <span class="badge badge-unconfirmed">{t.shared}</span>}
                </li>
              ))}
            </ul>
            {shared && <p class="warning">{t.changePasswords}</p>}
          </>
        ),
      )}
      {section('general', t.headings.generalNote, <NoteText text={content.generalNote} none={t.none} />)}
      {section('questions', t.headings.openQuestions, <NoteText text={content.openQuestions} none={t.none} />)}
    </article>
  );
}

/** Markdown and JSON downloads of the package. */
export function HandoverExport({ content }: { content: HandoverContent }) {
  const t = usePackageWords();
  const save = (format: ExportFormat) => downloadFile(handoverExportFile(content, format, t));
  return (
    <div class="actions">
      <button type="button" class="secondary" onClick={() => save('markdown')}>
        {i18n.t('handover.exportMarkdown')}
      </button>
      <button type="button" class="secondary" onClick={() => save('json')}>
        {i18n.t('handover.exportJson')}
      </button>
    </div>
  );
}
