import { randomUUID } from "node:crypto";
import { z } from "zod";
import { config } from "../config";
import { publish, subscribeReady } from "../events/bus";
import type { SseSend } from "../events/sse";
import { errors } from "../http/errors";
import { log } from "../log";
import { isMember, watchMemberStream } from "./membership";
import { verifyP2pToken } from "./p2p";
import { iceServersFor } from "./turn";

/**
 * The p2p signaling relay (contract §5): browsers of one media session exchange offers,
 * answers and ICE candidates through us. Nothing is stored: a message published on the bus
 * channel `signal:<sessionId>` reaches the open stream of its addressee, on whichever instance
 * it lives, or nobody. Presence needs no shared state either: a new stream announces itself
 * (`join`), every other stream of the session shows it to its client and answers `present`
 * directly to the newcomer.
 */

export type SignalPeer = {
  /** media session id (the token's `sid`) */
  sid: string;
  /** this peer's id (the token's `sub`): a roomConnectionId, or "caller" / "callee-<n>" */
  id: string;
  name: string;
  kind: string;
  ref: string;
  /** when the holder's credential expires (unix seconds): its TURN credentials end then too */
  exp: number;
  /** which callee of a call the token belongs to (per-callee media tokens), when it says */
  leg?: string;
};

/** Bus messages on `signal:<sid>`; `inst` tells two streams of the same peer apart. */
type BusMessage =
  | { t: "join"; from: string; name: string; inst: string }
  | { t: "present"; from: string; name: string; to: string; inst: string }
  | { t: "leave"; from: string; inst: string }
  | { t: "signal"; from: string; to: string; type: string; data: unknown };

const tokenData = z.object({ name: z.string().default(""), kind: z.string(), ref: z.string(), leg: z.string().optional() });

// How often a stream re-checks its membership (STREAM_RECHECK_SEC, ≤ 30 s, contract §6).
const recheckMs = () => config().caps.streamRecheckSec * 1000;

const invalidToken = () => errors.unauthorized("Invalid token; it may have expired.", 'Bearer error="invalid_token"');

/** 401 / 110 for a bad or expired token, 403 / 999 for a holder who is no longer a member. */
export async function authorizeSignal(token: string | null): Promise<SignalPeer> {
  const peer = signalPeer(token);
  if (!(await isMember(peer.kind, peer.ref, peer.id, peer.leg))) throw errors.forbidden("Not a participant.");
  return peer;
}

/** The peer a valid token names (401 / 110 otherwise), without asking whether it is still a member. */
export function signalPeer(token: string | null): SignalPeer {
  if (!token) throw invalidToken();
  const claims = verifyP2pToken(token);
  if (!claims || !claims.data) throw invalidToken();
  let data: z.infer<typeof tokenData>;
  try {
    data = tokenData.parse(JSON.parse(claims.data));
  } catch {
    throw invalidToken();
  }
  const peer: SignalPeer = { sid: claims.sid, id: claims.sub, name: data.name, kind: data.kind, ref: data.ref, exp: claims.exp };
  if (data.leg !== undefined) peer.leg = data.leg;
  return peer;
}

export const signalMessage = z.object({
  to: z.string().min(1).max(200),
  type: z.string().min(1).max(64).regex(/^[\w.-]+$/, "type should be a short word"),
  data: z.unknown().optional(),
});
export type SignalMessage = z.infer<typeof signalMessage>;

const MAX_MESSAGE_BYTES = 64 * 1024;

/** POST /video/signal: hand one message to the addressee's stream. */
export async function sendSignal(peer: SignalPeer, msg: SignalMessage): Promise<void> {
  const data = msg.data === undefined ? null : msg.data;
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_MESSAGE_BYTES) throw errors.tooLarge(MAX_MESSAGE_BYTES);
  const m: BusMessage = { t: "signal", from: peer.id, to: msg.to, type: msg.type, data };
  await publish(channel(peer.sid), m);
}

function channel(sid: string) {
  return `signal:${sid}`;
}

/**
 * GET /video/signal: the peer's event stream. Returns the cleanup to run when it closes.
 * Events: welcome, peer, peer-left, signal, replaced (see the protocol in the contract notes).
 */
export async function openSignalStream(peer: SignalPeer, send: SseSend, close: () => void): Promise<() => void> {
  const inst = randomUUID();
  let replaced = false;
  let ended = false;

  // Until the subscription is live and `welcome` sent, what arrives waits: welcome comes first.
  let early: BusMessage[] | null = [];

  const onMessage = (raw: unknown) => {
    const m = raw as BusMessage;
    if (ended || !m || typeof m !== "object") return;
    if (early) {
      early.push(m);
      return;
    }
    switch (m.t) {
      case "join":
        if (m.from === peer.id) {
          // The same participant opened a second stream (another tab): the newest wins.
          if (m.inst !== inst) {
            replaced = true;
            send({ event: "replaced", data: {} });
            close();
          }
          return;
        }
        // `offer`: this side learnt of the other first (it was already here), so it makes the
        // first offer at once; the newcomer (told by `present`) waits for it. No glare, no wait.
        send({ event: "peer", data: { id: m.from, name: m.name, offer: true } });
        void publish(channel(peer.sid), { t: "present", from: peer.id, name: peer.name, to: m.from, inst: m.inst } satisfies BusMessage).catch(
          warn,
        );
        return;
      case "present":
        if (m.to === peer.id && m.inst === inst) send({ event: "peer", data: { id: m.from, name: m.name, offer: false } });
        return;
      case "leave":
        if (m.from !== peer.id) send({ event: "peer-left", data: { id: m.from } });
        return;
      case "signal":
        if (m.to === peer.id) send({ event: "signal", data: { from: m.from, type: m.type, data: m.data } });
        return;
    }
  };

  const unsubscribe = await subscribeReady(channel(peer.sid), onMessage);
  // What the peer's room or call tells its members on this stream (room renamed, closed…),
  // followed before `welcome`: a client that stops listening elsewhere on welcome misses nothing.
  const unwatch = await watchMemberStream(peer.kind, peer.ref, peer.id, send, close);
  // The client may act on `welcome`: by then this stream hears everything on the session.
  send({ event: "welcome", data: { self: peer.id, sessionId: peer.sid, iceServers: iceServersFor(turnId(peer), peer.exp) } });
  const queued = early;
  early = null;
  for (const m of queued) onMessage(m);
  await publish(channel(peer.sid), { t: "join", from: peer.id, name: peer.name, inst } satisfies BusMessage);

  // A participant who leaves or expires must not keep listening.
  const recheck = setInterval(() => {
    isMember(peer.kind, peer.ref, peer.id, peer.leg)
      .then((ok) => {
        if (!ok) close();
      })
      .catch(warn);
  }, recheckMs());
  recheck.unref?.();

  return () => {
    if (ended) return;
    ended = true;
    clearInterval(recheck);
    unwatch();
    unsubscribe();
    // A replaced stream's peer is still here (in its newer stream): announcing it gone would
    // make the others hang up on it.
    if (!replaced) void publish(channel(peer.sid), { t: "leave", from: peer.id, inst } satisfies BusMessage).catch(warn);
  };
}

/** The participant id in TURN usernames: a room connection id, or "<callId>-caller" in a call. */
function turnId(peer: SignalPeer) {
  return peer.kind === "room" ? peer.id : `${peer.ref}-${peer.id}`;
}

function warn(e: unknown) {
  log.warn("signal.publish_failed", { error: (e as Error).message });
}
