/**
 * Loop's text chat message (ref §6, contract §8): one JSON object per message,
 * `{contentType: "chat-text", message, sentTimestamp}`. Receivers ignore extra fields and
 * unknown content types, and order by their own receive time (clock skew).
 */
export type ChatWireMessage = { contentType: "chat-text"; message: string; sentTimestamp: string };

/** Longest message we send or show; a peer cannot flood the page with megabytes of text. */
export const MAX_CHAT_LENGTH = 4000;

export function encodeChat(message: string, now = new Date()): string {
  const m: ChatWireMessage = { contentType: "chat-text", message: message.slice(0, MAX_CHAT_LENGTH), sentTimestamp: now.toISOString() };
  return JSON.stringify(m);
}

/** The chat text of a received frame, or null for anything that is not a chat-text message. */
export function decodeChat(frame: unknown): ChatWireMessage | null {
  if (typeof frame !== "string" || frame.length > MAX_CHAT_LENGTH * 8) return null;
  let m: unknown;
  try {
    m = JSON.parse(frame);
  } catch {
    return null;
  }
  if (!m || typeof m !== "object") return null;
  const r = m as Record<string, unknown>;
  if (r.contentType !== "chat-text" || typeof r.message !== "string") return null;
  const message = r.message.slice(0, MAX_CHAT_LENGTH);
  if (!message.trim()) return null;
  return { contentType: "chat-text", message, sentTimestamp: typeof r.sentTimestamp === "string" ? r.sentTimestamp : "" };
}
