import { i18n } from '#i18n';
import type { Ref } from 'preact';
import { useId, useState } from 'preact/hooks';
import { FIELD_LIMITS } from '../lib/model';
import { addComment, affectsComments, listComments } from '../lib/store';
import { authorLabel } from '../lib/ui/authors';
import { formatDateTime } from '../lib/ui/format';
import { isSubmitShortcut } from '../lib/ui/keyboard';
import { uiLocale } from '../lib/browser/ui-locale';
import { errorMessage } from '../lib/ui/labels';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { Markdown } from './markdown';
import { useShowOriginals } from './placeholder-text';
import { useSession } from './session-context';
import { useTaskStart } from './task-start';
import { useAfterPaint } from './use-after-paint';
import { useStoreQuery } from './use-store-query';

/** A status change offered along with sending (e.g. asking a question sets the task to "Question"). */
export interface StatusOffer {
  label: string;
  accept: () => void;
}

interface CommentsThreadProps {
  taskId: string;
  /** The message box, for views that send the user there (e.g. "Request changes"). */
  inputRef?: Ref<HTMLTextAreaElement>;
  offer?: StatusOffer;
}

/** Messages in the first render of a thread: the newest, about a side panel's height of them; the older ones follow right after the paint. */
export const FIRST_PAINT_COMMENTS = 6;

/** Questions and answers on a task, oldest first, with a box to write the next one. */
export function CommentsThread({ taskId, inputRef, offer }: CommentsThreadProps) {
  const db = useDb();
  const id = useId();
  const start = useTaskStart(taskId);
  const { data: comments, error } = useStoreQuery(
    (db) => listComments(db, taskId).then((listing) => listing.records),
    affectsComments,
    [taskId],
    start?.comments,
  );
  // Authors are named from the session: it follows the device list without this thread reading it.
  const { data: session } = useSession();
  const data = comments && session ? { comments, me: session.me } : undefined;
  // The newest messages first (the view opens at them), the older ones right after the paint (issue 14).
  const afterPaint = useAfterPaint();
  const [body, setBody] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const locale = uiLocale();

  const send = async () => {
    const text = body.trim();
    if (!text || sending) return;
    setSending(true);
    try {
      await addComment(db, taskId, text);
      setBody('');
      setFailure(null);
      if (offer && accepting) offer.accept();
      setAccepting(false);
    } catch (err) {
      setFailure(errorMessage('comment', err));
    } finally {
      setSending(false);
    }
  };

  // Issue 12: on the client's device each placeholder is followed by its original.
  const showOriginals = useShowOriginals();

  const author = (device: string) => (session ? authorLabel(device, session.me, session.role, session.devices) : '');

  return (
    <section class="comments" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('task.comments')}
      </h2>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {data && data.comments.length === 0 && <p class="hint">{i18n.t('task.commentsEmpty')}</p>}
      {data && data.comments.length > 0 && (
        <ol class="thread">
          {(afterPaint ? data.comments : data.comments.slice(-FIRST_PAINT_COMMENTS)).map((comment) => (
            <li key={comment.id} class={comment.authorDevice === data.me ? 'comment mine' : 'comment'}>
              <p class="comment-meta">
                <strong>{author(comment.authorDevice)}</strong>
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale)}</time>
              </p>
              <Markdown text={showOriginals(comment.body)} />
            </li>
          ))}
        </ol>
      )}
      <form
        class="comment-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label for={`${id}-body`}>{i18n.t('task.commentLabel')}</label>
        <textarea
          id={`${id}-body`}
          ref={inputRef}
          rows={3}
          maxLength={FIELD_LIMITS.commentBody}
          aria-describedby={`${id}-hint`}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (isSubmitShortcut(event)) {
              event.preventDefault();
              // Inside the task form: do not also trigger its shortcut.
              event.stopPropagation();
              void send();
            }
          }}
        />
        {offer && (
          <label class="inline">
            <input type="checkbox" checked={accepting} onChange={(event) => setAccepting(event.currentTarget.checked)} />
            {offer.label}
          </label>
        )}
        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        <div class="actions">
          <button type="submit" disabled={sending || body.trim() === ''}>
            {i18n.t('task.send')}
          </button>
          <span id={`${id}-hint`} class="hint">
            {i18n.t('task.sendHint')}
          </span>
        </div>
      </form>
    </section>
  );
}
