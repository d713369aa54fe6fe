/**
 * Work that waits for the browser to paint first (issue 14): a view renders what fills the screen
 * and does the rest right after (a long list's further rows, a long thread's older messages).
 */
import { useEffect, useState } from 'preact/hooks';

/** Calls `then` in a task right after the browser painted its next frame; returns what cancels it. */
export function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** False in the first render and until the browser painted it, then true. */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (painted ? undefined : afterNextPaint(() => setPainted(true))), [painted]);
  return painted;
}
