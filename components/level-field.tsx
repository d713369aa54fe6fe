import { i18n } from '#i18n';
import { useId } from 'preact/hooks';
import { autonomyForLevel, effectiveLevel } from '../lib/levels';
import { LEVELS, type Autonomy, type Level, type Task } from '../lib/model';
import { affectsSettings } from '../lib/store';
import { getLevelSettings } from '../lib/store/levels';
import { inheritChoice, levelBadge } from '../lib/ui/levels';
import { useStoreQuery } from './use-store-query';

type LevelValues = Pick<Task, 'kind' | 'level' | 'autonomy'>;

interface LevelFieldProps {
  values: LevelValues;
  /** The new level, with the autonomy a device from before levels shows for it. */
  onChange: (patch: { level: Level | null; autonomy: Autonomy }) => void;
}

const INHERIT = 'kind';

/** The client's choice of a task's level: its kind's usual one (the default), or one of its own. */
export function LevelField({ values, onChange }: LevelFieldProps) {
  const id = useId();
  const { data: settings } = useStoreQuery(getLevelSettings, affectsSettings);
  if (!settings) return null;
  const kindLevel = settings.levels[values.kind];
  // A record from before levels shows the level its autonomy stands for.
  const selected = values.level === null ? INHERIT : String(effectiveLevel(values, settings.levels).level);
  return (
    <div class="field">
      <label for={`${id}-level`}>{i18n.t('level.field')}</label>
      <select
        id={`${id}-level`}
        value={selected}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const level = value === INHERIT ? null : (Number(value) as Level);
          onChange({ level, autonomy: autonomyForLevel(level ?? kindLevel) });
        }}
      >
        <option value={INHERIT}>{inheritChoice(values.kind, kindLevel)}</option>
        {LEVELS.map((level) => (
          <option key={level} value={String(level)}>
            {levelBadge(level)}
          </option>
        ))}
      </select>
    </div>
  );
}
