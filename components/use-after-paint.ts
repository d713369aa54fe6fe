/**
 * False in the first render and until the browser painted it, then true (issue 14): a view renders
 * what fills the screen first and the rest right after, so opening it does not wait for rows one
 * scrolls to (a long thread's older messages, a long time log's older entries).
 */
import { useEffect, useState } from 'preact/hooks';

export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
