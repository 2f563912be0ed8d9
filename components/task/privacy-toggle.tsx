"use client";
import { useState } from "react";
import { ApiRequestError, apiRequest } from "@/lib/client/fetcher";

/** Private: only the creator and admins see the task, live included. The stream shows the result. */
export function PrivacyToggle({ taskId, isPrivate }: { taskId: string; isPrivate: boolean }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={isPrivate}
        disabled={sending}
        onChange={async (e) => {
          setSending(true);
          setError(null);
          try {
            await apiRequest("PATCH", `/api/tasks/${taskId}`, { isPrivate: e.target.checked });
          } catch (err) {
            setError(err instanceof ApiRequestError ? err.message : "Could not change the visibility");
          } finally {
            setSending(false);
          }
        }}
      />
      Private (only its creator and admins)
      {error && <span role="alert" className="text-red-700">{error}</span>}
    </label>
  );
}
