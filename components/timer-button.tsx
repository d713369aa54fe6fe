import { i18n } from '#i18n';
import { timerElapsed } from '../lib/ui/time-log';
import { useRole } from './session-context';
import { useTimers } from './timers-context';

interface TimerButtonProps {
  taskId: string;
  title: string;
  /** -1 inside a task list, which is one Tab stop (the row's ArrowRight reaches it). */
  tabIndex?: number;
}

/** Starts or stops this device's timer for a task; only the assistant times its work. */
export function TimerButton({ taskId, title, tabIndex }: TimerButtonProps) {
  const role = useRole();
  const timers = useTimers();
  if (role !== 'assistant') return null;
  const running = timers.mine?.taskId === taskId ? timers.mine : null;
  return (
    <button
      type="button"
      class={running ? 'timer-button timer-running' : 'timer-button'}
      tabIndex={tabIndex}
      aria-pressed={running !== null}
      aria-label={i18n.t(running ? 'timer.stopNamed' : 'timer.startNamed', [title])}
      onClick={() => void timers.toggle(taskId)}
    >
      {running ? `■ ${timerElapsed(running, timers.now)}` : '▶'}
    </button>
  );
}
