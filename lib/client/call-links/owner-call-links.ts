import { api } from "../owner-api";
import type { CallUrlInfo, CallUrlRequest, CreatedCallUrl } from "@/lib/protocol";

/**
 * Call links as the owner's dashboard manages them (ref §2.4): a link someone opens to call
 * the owner. List, create, extend, revoke; failures arrive as `ApiError`.
 */
export type CallLink = CallUrlInfo;

export function listCallLinks() {
  return api<CallLink[]>("GET", "/call-url");
}

export function createCallLink(input: CallUrlRequest) {
  return api<CreatedCallUrl>("POST", "/call-url", input);
}

/** Extends the link to now + `expiresInHours` (ref §2.4 `PUT`). */
export async function extendCallLink(token: string, expiresInHours: number) {
  await api("PUT", `/call-url/${encodeURIComponent(token)}`, { expiresIn: expiresInHours });
}

export async function revokeCallLink(token: string) {
  await api("DELETE", `/call-url/${encodeURIComponent(token)}`);
}
