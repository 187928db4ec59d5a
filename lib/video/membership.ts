/**
 * Who may use the p2p signaling relay: a token's holder must still be a current member of
 * what the token names. Each domain answers for its own kind ("room": the participant row
 * exists and has not expired; "call": the call is not terminated), so the relay stays
 * ignorant of rooms and calls.
 */
export type MembershipKind = "room" | "call";
export type MembershipCheck = (ref: string, sub: string) => Promise<boolean>;

// On globalThis: registrations made at start-up (lib/sweepers.ts, in instrumentation) must be
// seen by the route bundles of the same process.
const g = globalThis as typeof globalThis & { __loopMembership?: Map<string, MembershipCheck> };
const registry: Map<string, MembershipCheck> = (g.__loopMembership ??= new Map());

export function registerMembership(kind: MembershipKind, check: MembershipCheck) {
  registry.set(kind, check);
}

/** False for an unknown kind: a token nobody vouches for opens nothing. */
export async function isMember(kind: string, ref: string, sub: string): Promise<boolean> {
  const check = registry.get(kind);
  if (!check) return false;
  return check(ref, sub);
}
