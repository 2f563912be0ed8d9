import type { IssueDraft } from "./issue-body";

export type DispatchTask = { id: string; repo: string; createdAt: string };

export type Dispatched = { issueNumber: number | null; issueUrl: string | null; draft: IssueDraft | null };

/** Turns a task's issue draft into a GitHub issue (or, locally, keeps the draft). */
export interface Dispatcher {
  readonly name: string;
  dispatch(task: DispatchTask, draft: IssueDraft): Promise<Dispatched>;
}

/**
 * Without GITHUB_TOKEN: keeps on the task the issue it would have created, so
 * the embedded setup runs end to end. The UI says GitHub is not connected.
 */
export class LocalDispatcher implements Dispatcher {
  readonly name = "local";

  async dispatch(_task: DispatchTask, draft: IssueDraft): Promise<Dispatched> {
    return { issueNumber: null, issueUrl: null, draft };
  }
}
