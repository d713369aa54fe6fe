/**
 * "All clients" (issue 13): what waits for the assistant across every workspace where this device
 * is the assistant, in one list, each row named by its client's workspace. The same rule as the
 * popup's "Waiting for me" (lib/model/sections.ts, waitsFor) and the same order (compareTasks),
 * merged across workspaces; framework-free, so it is tested without a view.
 */
import { FINISHED, type Priority, type Role, type Task, type TaskKind, type TaskStatus } from '../model';
import { compareTasks, sourceDomain, waitsFor, type LastWord } from '../model/sections';
import type { WorkspaceColour, WorkspaceEntry } from '../store/workspaces';
import { nameInitial, workspaceNames, type NamingConnection } from './workspaces';

/** One workspace as "All clients" reads it; `tasks` and `lastWords` are read only where this device is the assistant. */
export interface ClientWorkspace {
  entry: Pick<WorkspaceEntry, 'id' | 'label' | 'colour'>;
  /** This device's connection there; null when it is not paired (then it is no client's workspace). */
  connection: (NonNullable<NamingConnection> & { role: Role }) | null;
  tasks: readonly Task[];
  lastWords: ReadonlyMap<string, LastWord>;
}

/** One row of "All clients": a task waiting for the assistant, with the workspace it belongs to. */
export interface ClientTaskRow {
  workspaceId: string;
  /** The client's workspace as the switcher names it (lib/ui/workspaces.ts). */
  workspaceName: string;
  colour: WorkspaceColour;
  initial: string;
  id: string;
  title: string;
  kind: TaskKind;
  status: TaskStatus;
  domain: string | null;
  due: string | null;
  priority: Priority;
}

/** Whether this device is the assistant in `workspace` (only those are read and listed). */
export function isAssistantIn(workspace: Pick<ClientWorkspace, 'connection'>): boolean {
  return workspace.connection?.role === 'assistant';
}

/**
 * Whether "All clients" is worth offering: this device is the assistant in at least two workspaces
 * (with one, that workspace's own list says the same).
 */
export function offersAllClients(workspaces: readonly Pick<ClientWorkspace, 'connection'>[]): boolean {
  return workspaces.filter(isAssistantIn).length >= 2;
}

/**
 * The tasks waiting for the assistant in every workspace where this device is the assistant, the
 * most urgent first (due date, then priority, then newest), each named by its workspace.
 * `workspaces` is the registry's whole list in its order (names count the place in it).
 *
 * Standing tasks are left out as the popup's first rows leave them out (their due occurrences
 * need the recurrence engine); they stay in each workspace's own list.
 */
export function allClientsRows(workspaces: readonly ClientWorkspace[]): ClientTaskRow[] {
  const names = workspaceNames(workspaces);
  const waiting: { task: Task; order: number; workspace: ClientWorkspace }[] = [];
  workspaces.forEach((workspace, order) => {
    if (!isAssistantIn(workspace)) return;
    for (const task of workspace.tasks) {
      if (task.deleted) continue;
      if (task.recurrence !== null && !FINISHED.includes(task.status)) continue;
      if (waitsFor(task, 'assistant', workspace.lastWords.get(task.id))) waiting.push({ task, order, workspace });
    }
  });
  waiting.sort((a, b) => compareTasks(a.task, b.task) || a.order - b.order || a.task.id.localeCompare(b.task.id));
  return waiting.map(({ task, workspace }) => {
    const name = names.get(workspace.entry.id) ?? '';
    return {
      workspaceId: workspace.entry.id,
      workspaceName: name,
      colour: workspace.entry.colour,
      initial: nameInitial(name),
      id: task.id,
      title: task.title || task.source.title,
      kind: task.kind,
      status: task.status,
      domain: sourceDomain(task),
      due: task.due,
      priority: task.priority,
    };
  });
}
