/**
 * "Delegate this": what happens between a right-click (or the shortcut) and a draft in the
 * side panel. Browser APIs come in as dependencies, so the whole flow runs under test.
 */
import type { TaskDraft } from '../model';
import { parseCaptureResult, type CaptureResult } from '../clip/capture';
import { buildDraft, type DraftTarget } from '../clip/draft';
import { withPageSnapshot } from '../snapshot/draft-snapshot';
import { saveDraft, setPanelRoute, type Db } from '../store';

/** The parts of a context-menu click that matter here (Chrome's and Firefox's OnClickData). */
export interface MenuClick {
  pageUrl?: string;
  frameUrl?: string;
  frameId?: number;
  linkUrl?: string;
  linkText?: string;
  srcUrl?: string;
  mediaType?: string;
  selectionText?: string;
}

export interface ClickedTab {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
  favIconUrl?: string;
}

/** The workspace a draft goes to, and what is done once it is stored there. */
export interface DelegateInto {
  db: Db;
  /** Called after the draft and the panel's route are stored (notes the delegation, makes the workspace current). */
  delegated?(): Promise<void>;
}

export interface DelegateDeps {
  /**
   * The current workspace's database (the timer shortcut's; the drafts' when `into` is absent);
   * asked for only after the panel started opening (the user gesture ends at the first await).
   */
  currentDb(): Promise<Db>;
  /**
   * Where a draft goes (issue 13): the workspace `workspaceId` of a submenu child, else the default
   * one (undefined). Absent: into `currentDb()`. Asked for, like `currentDb`, only after the panel started opening.
   */
  into?(workspaceId: string | undefined): Promise<DelegateInto>;
  /** Runs the capture script in the tab and returns its raw result; rejects where scripting is not allowed. */
  runCapture(tabId: number, frameId: number | undefined): Promise<unknown>;
  /** Opens the side panel; must start synchronously (user gesture). */
  openPanel(windowId: number | undefined): Promise<void>;
  newId(): string;
  now(): Date;
}

/** Where the user right-clicked, most specific first. */
export function targetOf(click: MenuClick): DraftTarget {
  if (click.linkUrl) return 'link';
  if (click.mediaType === 'image' && click.srcUrl) return 'image';
  if (click.selectionText) return 'selection';
  return 'page';
}

async function capture(deps: DelegateDeps, tab: ClickedTab, frameId: number | undefined): Promise<CaptureResult | null> {
  if (tab.id === undefined) return null;
  try {
    // What a page returns is untrusted: parse it like any other boundary.
    return parseCaptureResult(await deps.runCapture(tab.id, frameId));
  } catch {
    // Browser pages, the PDF viewer and web stores refuse scripting: fall back to what the event carries.
    return null;
  }
}

/**
 * Turns a menu click or the shortcut into a stored draft and shows it in the side panel.
 * The panel is opened here and only here, first and synchronously, while the user gesture
 * still counts: call this straight from the browser's listener, before any await.
 */
export async function delegate(
  deps: DelegateDeps,
  target: DraftTarget | 'command',
  click: MenuClick,
  tab: ClickedTab | undefined,
  /** The workspace of the clicked submenu child; undefined: the default one. */
  workspaceId?: string,
): Promise<TaskDraft> {
  const opening = deps.openPanel(tab?.windowId).catch(() => undefined);
  const id = deps.newId();
  // Links and images describe themselves; only pages and selections need the page's DOM.
  const needsPage = target === 'page' || target === 'selection' || target === 'command';
  const captured = needsPage && tab ? await capture(deps, tab, click.frameId) : null;
  const built = buildDraft({
    target,
    pageUrl: click.pageUrl ?? tab?.url ?? '',
    pageTitle: tab?.title ?? '',
    linkUrl: click.linkUrl,
    linkText: click.linkText,
    srcUrl: click.srcUrl,
    selectionText: click.selectionText,
    favIconUrl: tab?.favIconUrl,
    capture: captured,
    id,
    now: deps.now(),
  });
  const clipped = built.source.type === 'selection' ? 'selection' : needsPage ? 'page' : 'other';
  const draft = withPageSnapshot(built, captured?.snapshot, clipped);
  const into: DelegateInto = deps.into ? await deps.into(workspaceId) : { db: await deps.currentDb() };
  await saveDraft(into.db, draft);
  // The route first, then the workspace: a panel following the current workspace finds its draft waiting.
  await setPanelRoute(into.db, { view: 'draft', id: draft.id });
  await into.delegated?.();
  await opening;
  return draft;
}
