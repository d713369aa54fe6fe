import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import { FIELD_LIMITS, type TaskResult } from '../lib/model';
import { safeHref } from '../lib/ui/markdown';
import { resultFromForm, type ResultAccess } from '../lib/ui/task-edit';
import { Markdown } from './markdown';

interface ResultFieldProps {
  result: TaskResult | null;
  /** Who holds the result now (see resultAccess): fields only while the assistant writes it. */
  access: ResultAccess;
  onChange: (result: TaskResult | null) => void;
  /** Takes a result under review back to change it (the assistant, when the policy allows). */
  onWithdraw?: () => void;
}

const linksText = (result: TaskResult | null) => (result ? result.links.join('\n') : '');

/** The result: fields while the assistant writes it, read-only once delivered; links open in a new tab. */
export function ResultField({ result, access, onChange, onWithdraw }: ResultFieldProps) {
  const id = useId();
  return (
    <section class="result" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('task.result')}
      </h2>
      {access === 'edit' ? (
        <ResultInputs result={result} onChange={onChange} />
      ) : access === 'pending' ? (
        <p class="hint">{i18n.t('task.resultPending')}</p>
      ) : (
        <>
          {result?.text.trim() ? <Markdown text={result.text} class="result-text" /> : <p class="hint">{i18n.t('task.resultNoText')}</p>}
          <ResultLinks result={result} />
          {access === 'withdrawable' && onWithdraw && (
            <div class="actions">
              <button type="button" aria-describedby={`${id}-withdraw`} onClick={onWithdraw}>
                {i18n.t('task.withdraw')}
              </button>
              <span id={`${id}-withdraw`} class="hint">
                {i18n.t('task.withdrawHint')}
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ResultInputs({ result, onChange }: Pick<ResultFieldProps, 'result' | 'onChange'>) {
  const id = useId();
  const [text, setText] = useState(result?.text ?? '');
  // The raw text, so empty lines being typed are not swallowed by parsing.
  const [links, setLinks] = useState(linksText(result));

  useEffect(() => {
    // A result written elsewhere replaces the fields, unless it is what they already say.
    if (JSON.stringify(resultFromForm(text, links)) === JSON.stringify(result)) return;
    setText(result?.text ?? '');
    setLinks(linksText(result));
  }, [result]);

  return (
    <>
      <div class="field">
        <label for={`${id}-text`}>{i18n.t('task.resultText')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={FIELD_LIMITS.resultText}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            onChange(resultFromForm(event.currentTarget.value, links));
          }}
        />
      </div>
      <div class="field">
        <label for={`${id}-links`}>{i18n.t('task.resultLinks')}</label>
        <textarea
          id={`${id}-links`}
          rows={2}
          value={links}
          onInput={(event) => {
            setLinks(event.currentTarget.value);
            onChange(resultFromForm(text, event.currentTarget.value));
          }}
        />
      </div>
      <ResultLinks result={result} />
    </>
  );
}

function ResultLinks({ result }: { result: TaskResult | null }) {
  const hrefs = (result?.links ?? []).map((link) => ({ link, href: safeHref(link) }));
  if (hrefs.length === 0) return null;
  return (
    <ul class="result-links">
      {hrefs.map(({ link, href }, index) => (
        <li key={index}>
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {link}
            </a>
          ) : (
            link
          )}
        </li>
      ))}
    </ul>
  );
}
