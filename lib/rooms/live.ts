import { clock } from "../clock";
import { db } from "../db";
import { publish, subscribeReady } from "../events/bus";
import type { SseSend } from "../events/sse";
import { log } from "../log";
import { findLiveRoom } from "./queries";
import { publicRoomInfo, type RoomRow } from "./room-info";

/**
 * Live room state for everyone in a room or about to enter it (contract §6): a new name or
 * description, and the room's end (deleted by its owner, or expired). Changes travel on the
 * bus channel `room:<token>`; streams held open by the room's people (the p2p signaling
 * stream, or `GET /rooms/{token}/events` for the pre-join screen and OpenTok rooms) turn them
 * into events:
 *
 *   room-context  {roomName?, context?, roomOwner}  the public subset, context still encrypted
 *   room-closed   {reason: "deleted" | "expired"}   then the stream ends
 *
 * Expiry needs no sweeper: each stream knows the room's `expiresAt`, checks it twice a second
 * against the clock and confirms with the database before saying so (joins move it later).
 */

export type RoomClosedReason = "deleted" | "expired";

type RoomBusMessage =
  | { t: "context"; info: ReturnType<typeof publicRoomInfo> }
  | { t: "lifetime"; expiresAt: number }
  | { t: "closed"; reason: RoomClosedReason };

const channel = (token: string) => `room:${token}`;

/** How often a stream compares the room's expiry with the clock (no database read until it passes). */
const EXPIRY_TICK_MS = 500;

function emit(token: string, m: RoomBusMessage) {
  void publish(channel(token), m).catch((e) => log.warn("rooms.live_failed", { t: m.t, error: (e as Error).message }));
}

/** After a PATCH: the new public subset (encrypted context as stored) and lifetime. */
export function publishRoomChanged(row: RoomRow, what: { context: boolean; expiresAt: boolean }) {
  if (what.context) emit(row.token, { t: "context", info: publicRoomInfo(row) });
  if (what.expiresAt) emit(row.token, { t: "lifetime", expiresAt: row.expiresAt });
}

/** After a delete or an expiry sweep: everyone's call in these rooms ends. */
export function publishRoomsClosed(tokens: string[], reason: RoomClosedReason) {
  for (const token of tokens) emit(token, { t: "closed", reason });
}

/**
 * Follows one room for one open stream; returns the cleanup. `close` ends the stream after
 * `room-closed` has been sent.
 */
export async function watchRoom(token: string, send: SseSend, close: () => void): Promise<() => void> {
  let ended = false;
  let expiresAt = Number.POSITIVE_INFINITY;
  let checking = false;
  let tick: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;

  const closed = (reason: RoomClosedReason) => {
    if (ended) return;
    ended = true;
    stop();
    send({ event: "room-closed", data: { reason } });
    close();
  };

  unsubscribe = await subscribeReady(channel(token), (raw) => {
    const m = raw as RoomBusMessage;
    if (ended || !m || typeof m !== "object") return;
    if (m.t === "context") send({ event: "room-context", data: m.info });
    else if (m.t === "lifetime") expiresAt = m.expiresAt;
    else if (m.t === "closed") closed(m.reason === "expired" ? "expired" : "deleted");
  });

  const current = await db().room.findUnique({ where: { token }, select: { expiresAt: true } });
  if (!current) {
    // Deleted between authorisation and now.
    closed("deleted");
    return () => {};
  }
  expiresAt = current.expiresAt;

  tick = setInterval(() => {
    if (ended || checking || clock.nowSec() < expiresAt) return;
    checking = true;
    db()
      .room.findUnique({ where: { token }, select: { expiresAt: true } })
      .then((row) => {
        if (!row) closed("deleted");
        else if (row.expiresAt <= clock.nowSec()) closed("expired");
        else expiresAt = row.expiresAt;
      })
      .catch((e) => log.warn("rooms.live_check_failed", { error: (e as Error).message }))
      .finally(() => {
        checking = false;
      });
  }, EXPIRY_TICK_MS);
  tick.unref?.();

  function stop() {
    clearInterval(tick);
    unsubscribe?.();
  }

  if (clock.nowSec() >= expiresAt) closed("expired");
  return () => {
    if (ended) return;
    ended = true;
    stop();
  };
}

/** GET /rooms/{token}/events: 404 / 105 for an unknown or expired room, then the watch. */
export const openRoomEvents = {
  check: (token: string) => findLiveRoom(token),
  watch: watchRoom,
};
