import { processState } from "../process-state";

/**
 * Who may use the p2p signaling relay: a token's holder must still be a current member of
 * what the token names. Each domain answers for its own kind ("room": the participant row
 * exists and has not expired; "call": the call is not terminated), so the relay stays
 * ignorant of rooms and calls.
 */
export type MembershipKind = "room" | "call";
/** `leg`: what a token names beyond its subject (a call's callee leg), when it does. */
export type MembershipCheck = (ref: string, sub: string, leg?: string) => Promise<boolean>;

// Process state: registrations made at start-up (lib/server-start.ts, from instrumentation) must be
// seen by the route bundles of the same process.
const registry = processState("membership", () => new Map<string, MembershipCheck>());

export function registerMembership(kind: MembershipKind, check: MembershipCheck) {
  registry.set(kind, check);
}

/** False for an unknown kind: a token nobody vouches for opens nothing. */
export async function isMember(kind: string, ref: string, sub: string, leg?: string): Promise<boolean> {
  const check = registry.get(kind);
  if (!check) return false;
  return check(ref, sub, leg);
}

/**
 * What a domain adds to the signaling stream of its members (rooms: live room state, contract
 * §6). Returns the cleanup; may send events and close the stream.
 */
export type StreamWatcher = (
  ref: string,
  sub: string,
  send: (event: { event?: string; data: unknown }) => void,
  close: () => void,
) => Promise<() => void>;

const watchers = processState("streamWatchers", () => new Map<string, StreamWatcher>());

export function registerStreamWatcher(kind: MembershipKind, watch: StreamWatcher) {
  watchers.set(kind, watch);
}

/** Starts the domain's watcher for a stream, if it has one. */
export async function watchMemberStream(
  kind: string,
  ref: string,
  sub: string,
  send: (event: { event?: string; data: unknown }) => void,
  close: () => void,
): Promise<() => void> {
  const watch = watchers.get(kind);
  return watch ? watch(ref, sub, send, close) : () => {};
}
