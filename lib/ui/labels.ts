/**
 * The words the views show for model values, dates and failures, in the UI language.
 */
import { i18n } from '#i18n';
import type { DocumentType, Priority, Role, SourceType, TaskKind, TaskStatus } from '../model';
import { dueState, formatDay, type DueState } from './format';

const KIND = {
  research: 'kind.research',
  'revise-text': 'kind.reviseText',
  presentation: 'kind.presentation',
  other: 'kind.other',
} as const satisfies Record<TaskKind, string>;

const STATUS = {
  new: 'status.new',
  accepted: 'status.accepted',
  'in-progress': 'status.inProgress',
  question: 'status.question',
  review: 'status.review',
  done: 'status.done',
  archived: 'status.archived',
} as const satisfies Record<TaskStatus, string>;

const PRIORITY = {
  low: 'priority.low',
  normal: 'priority.normal',
  high: 'priority.high',
} as const satisfies Record<Priority, string>;

const SOURCE_TYPE = {
  page: 'sourceType.page',
  selection: 'sourceType.selection',
  link: 'sourceType.link',
  document: 'sourceType.document',
  manual: 'sourceType.manual',
} as const satisfies Record<SourceType, string>;

// Product and format names read the same in every language, so they are not messages.
const DOCUMENT_BRANDS: Partial<Record<DocumentType, string>> = {
  gdoc: 'Google Docs',
  gsheet: 'Google Sheets',
  gslide: 'Google Slides',
  gdrive: 'Google Drive',
  onedrive: 'OneDrive',
  sharepoint: 'SharePoint',
  dropbox: 'Dropbox',
};

type FixedMessage =
  | (typeof KIND)[TaskKind]
  | (typeof STATUS)[TaskStatus]
  | (typeof PRIORITY)[Priority]
  | (typeof SOURCE_TYPE)[SourceType]
  | 'due.none'
  | 'due.today'
  | 'due.tomorrow';

// A list of 1,000 rows asks for the same few labels thousands of times; the UI language only
// changes with a browser restart, so each is looked up once per page.
const fixedMessages = new Map<FixedMessage, string>();
function fixed(key: FixedMessage): string {
  let message = fixedMessages.get(key);
  if (message === undefined) {
    message = i18n.t(key);
    fixedMessages.set(key, message);
  }
  return message;
}

/** The label of a kind, status, priority or source type in the UI language. */
export const kindLabel = (kind: TaskKind): string => fixed(KIND[kind]);
export const statusLabel = (status: TaskStatus): string => fixed(STATUS[status]);
export const priorityLabel = (priority: Priority): string => fixed(PRIORITY[priority]);
export const sourceTypeLabel = (type: SourceType): string => fixed(SOURCE_TYPE[type]);

/** "Client" or "Assistant". */
export function roleLabel(role: Role): string {
  return role === 'client' ? i18n.t('connection.roleClient') : i18n.t('connection.roleAssistant');
}

/** "PDF", "DOCX", "Google Docs", ... */
export function documentTypeLabel(type: DocumentType): string {
  return DOCUMENT_BRANDS[type] ?? type.toUpperCase();
}

/** A due date as a row shows it ("No rush", "Due today", "Overdue since 3 Dec", ...). */
export function dueLabel(due: string | null, today: string, locale: string): { text: string; state: DueState } {
  const state = dueState(due, today);
  if (due === null) return { text: fixed('due.none'), state };
  switch (state) {
    case 'today':
      return { text: fixed('due.today'), state };
    case 'tomorrow':
      return { text: fixed('due.tomorrow'), state };
    case 'overdue':
      return { text: i18n.t('due.overdue', [formatDay(due, locale, today)]), state };
    default:
      return { text: i18n.t('due.on', [formatDay(due, locale, today)]), state };
  }
}

/** What failed, in the words of the user's action. */
export type FailedAction =
  'load' | 'loadView' | 'save' | 'create' | 'delegate' | 'delete' | 'comment' | 'move' | 'navigate' | 'openPanel' | 'time';

const FAILED = {
  load: 'error.load',
  loadView: 'error.loadView',
  save: 'error.save',
  create: 'error.create',
  delegate: 'error.delegate',
  delete: 'error.delete',
  comment: 'error.comment',
  move: 'error.move',
  navigate: 'error.navigate',
  openPanel: 'error.openPanel',
  time: 'error.time',
} as const satisfies Record<FailedAction, string>;

/** A sentence the user can act on for a failed store call (a full disk is named as such). */
export function errorMessage(action: FailedAction, error: unknown): string {
  if (error instanceof Error && error.name === 'QuotaExceededError' && action !== 'load' && action !== 'openPanel') {
    return i18n.t('error.quota');
  }
  return i18n.t(FAILED[action]);
}
