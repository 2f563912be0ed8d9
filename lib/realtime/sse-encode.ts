// Server-Sent Events wire format. JSON never contains a raw newline, so one
// `data:` line always holds the whole message.
const encoder = new TextEncoder();

export type SseMessage = { event: string; data: unknown; id?: string };

export function sseText({ event, data, id }: SseMessage): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n${id ? `id: ${id}\n` : ""}\n`;
}

export const encodeSse = (message: SseMessage): Uint8Array => encoder.encode(sseText(message));

/** Tells the browser how long to wait before reconnecting. */
export const encodeRetry = (ms: number): Uint8Array => encoder.encode(`retry: ${ms}\n\n`);

export const HEARTBEAT = encoder.encode(": heartbeat\n\n");

export const encodeText = (text: string): Uint8Array => encoder.encode(text);
