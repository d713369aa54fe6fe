import { errorMessage } from '../lib/ui/labels';
import { ErrorAlert } from './error-alert';

/** Shown instead of a view when the database cannot be opened at all. */
export function StartupFailure({ error }: { error: unknown }) {
  return <ErrorAlert message={errorMessage('load', error)} />;
}
