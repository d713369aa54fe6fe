import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/ui/labels';
import { ErrorAlert } from './error-alert';
import { useLazy } from './use-lazy';

/** How long a load may take before "Loading…" shows: a module read from the extension usually arrives sooner. */
const HINT_AFTER_MS = 300;

interface LazyViewProps<T> {
  /** A loader defined once (module level), so a view shown again renders at once. */
  load: () => Promise<T>;
  children: (module: T) => ComponentChildren;
}

/**
 * A view whose module loads when it is first shown (issue 14): nothing while it loads, then a
 * hint if that takes a while; a failed load says so (the next visit tries again).
 */
export function LazyView<T>({ load, children }: LazyViewProps<T>) {
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const module = useLazy(load, { onFailure: (error) => setFailure({ error }) });
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (module) return;
    const timer = setTimeout(() => setSlow(true), HINT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [module]);
  if (module) return <>{children(module)}</>;
  if (failure) return <ErrorAlert message={errorMessage('loadView', failure.error)} />;
  return slow ? <p class="hint">{i18n.t('panel.loading')}</p> : null;
}
