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
/**
 * The sentence of each level per reader: `neutral`, and `named` with the other side's name as $1
 * (the assistant's levels 1 and 3 do not mention the client, so they have no named form).
 */
const SENTENCES = {
  assistant: {
    1: { neutral: 'level.assistant1', named: 'level.assistant1' },
    2: { neutral: 'level.assistant2', named: 'level.assistant2Named' },
    3: { neutral: 'level.assistant3', named: 'level.assistant3' },
    4: { neutral: 'level.assistant4', named: 'level.assistant4Named' },
  },
  client: {
    1: { neutral: 'level.client1', named: 'level.client1Named' },
    2: { neutral: 'level.client2', named: 'level.client2Named' },
    3: { neutral: 'level.client3', named: 'level.client3Named' },
    4: { neutral: 'level.client4', named: 'level.client4Named' },
  },
} as const satisfies Record<Role, Record<Level, { neutral: string; named: string }>>;

/** "Erledigen und berichten". */
export function levelName(level: Level): string {
  return i18n.t(NAME[level]);
}

/** "Stufe 3: Erledigen und berichten". */
export function levelBadge(level: Level): string {
  return i18n.t('level.badge', [String(level), levelName(level)]);
}

/**
 * What the level allows, in one sentence for `role`: to the assistant, or to the client about the
 * assistant; naming the other side when its name is known (`otherName`), neutral otherwise.
 */
export function levelSentence(level: Level, role: Role, otherName: string | null = null): string {
  const sentence = SENTENCES[role][level];
  return otherName ? i18n.t(sentence.named, [otherName]) : i18n.t(sentence.neutral);
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
