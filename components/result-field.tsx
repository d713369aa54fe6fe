import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import { FIELD_LIMITS, type TaskResult } from '../lib/model';
import { safeHref } from '../lib/ui/markdown';
import { resultFromForm } from '../lib/ui/task-edit';

interface ResultFieldProps {
  result: TaskResult | null;
  onChange: (result: TaskResult | null) => void;
}

const linksText = (result: TaskResult | null) => (result ? result.links.join('\n') : '');

/** The delivered result: text, and links (one per line) shown as links that open in a new tab. */
export function ResultField({ result, onChange }: ResultFieldProps) {
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

  const hrefs = (result?.links ?? []).map((link) => ({ link, href: safeHref(link) }));
  return (
    <section class="result" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('task.result')}
      </h2>
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
      {hrefs.length > 0 && (
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
      )}
    </section>
  );
}
