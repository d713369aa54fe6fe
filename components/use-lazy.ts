/**
 * A module loaded after the first paint (issue 14): what the first rows do not need (the timer's
 * questions, the sync sentence, standing-task derivation) stays out of the popup's first bundle.
 */
import { useEffect, useState } from 'preact/hooks';

/** The module `load` resolves to, or null until it has loaded (a failed load stays null: the view works without it). */
export function useLazy<T>(load: () => Promise<T>): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    let alive = true;
    load().then(
      (loaded) => alive && setModule(() => loaded),
      () => undefined,
    );
    return () => {
      alive = false;
    };
    // Loaded once per mounted view: `load` is an inline import() and never changes meaning.
  }, []);
  return module;
}
