// The one fetcher behind every SWR hook, and the helper for API mutations.
// Errors keep the API's {error: {code, message, details}} shape.
import type { ApiErrorBody, ErrorCode } from "../shared/api-error";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network_error",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (body as ApiErrorBody | undefined)?.error;
    throw new ApiRequestError(response.status, error?.code ?? "internal_error", error?.message ?? response.statusText, error?.details);
  }
  return body as T;
}

export async function fetcher<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" } });
  } catch (error) {
    throw new ApiRequestError(0, "network_error", error instanceof Error ? error.message : "Network error");
  }
  return parse<T>(response);
}

export async function apiRequest<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse<T>(response);
}
