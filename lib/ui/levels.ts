/**
 * The words of delegation levels (issue 9): labels, the one sentence per level addressed to the
 * assistant or, on the client's side, about the assistant, the suggestion and the history rows.
 */
import { i18n } from '#i18n';
import type { KindLevelChange } from '../levels';
import type { Level, Role, TaskKind } from '../model';
import { formatDateTime } from './format';
import { kindLabel } from './labels';

const NAME = { 1: 'level.name1', 2: 'level.name2', 3: 'level.name3', 4: 'level.name4' } as const satisfies Record<Level, string>;
const TO_ASSISTANT = {
  1: 'level.assistant1',
  2: 'level.assistant2',
  3: 'level.assistant3',
  4: 'level.assistant4',
} as const satisfies Record<Level, string>;
const ABOUT_ASSISTANT = { 1: 'level.client1', 2: 'level.client2', 3: 'level.client3', 4: 'level.client4' } as const satisfies Record<
  Level,
  string
>;

/** "Erledigen und berichten". */
export function levelName(level: Level): string {
  return i18n.t(NAME[level]);
}

/** "Stufe 3: Erledigen und berichten". */
export function levelBadge(level: Level): string {
  return i18n.t('level.badge', [String(level), levelName(level)]);
}

const TO_ASSISTANT_NAMED = {
  1: 'level.assistant1',
  2: 'level.assistant2Named',
  3: 'level.assistant3',
  4: 'level.assistant4Named',
} as const satisfies Record<Level, string>;
const ABOUT_ASSISTANT_NAMED = {
  1: 'level.client1Named',
  2: 'level.client2Named',
  3: 'level.client3Named',
  4: 'level.client4Named',
} as const satisfies Record<Level, string>;

/**
 * What the level allows, in one sentence for `role`: to the assistant, or to the client about the
 * assistant; naming the other side when its name is known (`otherName`), neutral otherwise.
 */
export function levelSentence(level: Level, role: Role, otherName: string | null = null): string {
  if (otherName) return i18n.t(role === 'assistant' ? TO_ASSISTANT_NAMED[level] : ABOUT_ASSISTANT_NAMED[level], [otherName]);
  return i18n.t(role === 'assistant' ? TO_ASSISTANT[level] : ABOUT_ASSISTANT[level]);
}

/** The choice "as usual for this kind" in a task's level field. */
export function inheritChoice(kind: TaskKind, level: Level): string {
  return i18n.t('level.inherit', [kindLabel(kind), String(level), levelName(level)]);
}

/** The suggestion to raise a kind's level after `count` results accepted without changes. */
export function raiseSuggestion(kind: TaskKind, count: number, to: Level): string {
  return i18n.t('level.suggestion', [kindLabel(kind), String(count), String(to), levelName(to)]);
}

/** One history row: when, which kind, from → to, by whom (`author` names the device). */
export function historyEntry(change: KindLevelChange, author: string, locale: string): string {
  return i18n.t('level.historyEntry', [
    formatDateTime(change.at, locale),
    kindLabel(change.kind),
    String(change.from),
    String(change.to),
    author,
  ]);
}
