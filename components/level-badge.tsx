import { i18n } from '#i18n';
import { effectiveLevel } from '../lib/levels';
import type { Level, Role, Task, TaskKind } from '../lib/model';
import { affectsSettings } from '../lib/store';
import { getLevelSettings } from '../lib/store/levels';
import { kindLabel } from '../lib/ui/labels';
import { levelBadge, levelSentence } from '../lib/ui/levels';
import { otherSideName } from '../lib/ui/authors';
import { useSession } from './session-context';
import { useStoreQuery } from './use-store-query';

interface LevelBadgeProps {
  level: Level;
  role: Role;
  /** The kind whose usual level the task follows; absent when the task sets its own. */
  inheritedFrom?: TaskKind;
}

/** A level as a badge and the one sentence of what it allows, addressed to `role`. */
export function LevelBadge({ level, role, inheritedFrom }: LevelBadgeProps) {
  const { data: session } = useSession();
  const otherName = session ? otherSideName(role, session.devices) : null;
  return (
    <div class={`level level-${level}`}>
      <span class="level-badge">{levelBadge(level)}</span>
      <p class="level-sentence">{levelSentence(level, role, otherName)}</p>
      {inheritedFrom && <p class="hint">{i18n.t('level.inherited', [kindLabel(inheritedFrom)])}</p>}
    </div>
  );
}

/** The level a task is worked at, live: its own, or its kind's as the client last set it. */
export function TaskLevel({ task, role }: { task: Pick<Task, 'kind' | 'level' | 'autonomy'>; role: Role }) {
  const { data: settings } = useStoreQuery(getLevelSettings, affectsSettings);
  if (!settings) return null;
  const { level, source } = effectiveLevel(task, settings.levels);
  return <LevelBadge level={level} role={role} inheritedFrom={source === 'kind' ? task.kind : undefined} />;
}
