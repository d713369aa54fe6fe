import { i18n } from '#i18n';

interface ErrorAlertProps {
  message: string | null;
  onDismiss?: () => void;
}

/** A failure the user must notice, announced by screen readers. */
export function ErrorAlert({ message, onDismiss }: ErrorAlertProps) {
  if (!message) return null;
  return (
    <div role="alert" class="alert">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" class="link-button" onClick={onDismiss}>
          {i18n.t('common.dismiss')}
        </button>
      )}
    </div>
  );
}
