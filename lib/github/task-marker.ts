// The marker dispatch writes into each issue body, so a pull request that
// quotes or links the issue can be traced back to its task.
const MARKER = /conduit-task:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

export const taskMarker = (taskId: string) => `<!-- conduit-task: ${taskId} -->`;

export function findTaskMarker(text: string | null | undefined): string | null {
  return text ? (MARKER.exec(text)?.[1]?.toLowerCase() ?? null) : null;
}
