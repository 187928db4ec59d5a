"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { ApiError, describeError } from "@/lib/client/owner-api";
import { listenOwnerEvents, type RoomEvent } from "@/lib/client/dashboard/owner-events";
import { getRoom, listRooms, viewRoom, type Participant, type RoomView } from "@/lib/client/rooms/owner-rooms";
import type { RoomsState } from "../dashboard/owner-context";

/** Guests who arrived in a room the owner is not in. */
export type Arrival = { room: RoomView; guests: Participant[] };

/**
 * The owner's rooms, kept current by GET /events: each room event re-reads that one room
 * (GET /rooms/{token}); each (re)connection of the stream re-reads the list. Arrivals are
 * worked out here, by comparing a room's participants before and after a "join".
 */
export function useRoomsStore(userId: string, onArrival: (a: Arrival) => void): RoomsState {
  const [rooms, setRooms] = useState<Map<string, RoomView> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Map<string, RoomView>>(new Map());
  const arrival = useRef(onArrival);
  arrival.current = onArrival;

  const commit = useCallback((next: Map<string, RoomView>) => {
    current.current = next;
    setRooms(next);
  }, []);

  const reload = useCallback(async () => {
    try {
      const list = await listRooms();
      const views = await Promise.all(list.map((r) => viewRoom(userId, r)));
      commit(new Map(views.map((v) => [v.roomToken, v])));
      setError(null);
    } catch (e) {
      setError(describeError(e, t("owner.rooms.loadFailed")));
    }
  }, [userId, commit]);

  const remove = useCallback(
    (tokens: string[]) => {
      const next = new Map(current.current);
      for (const t of tokens) next.delete(t);
      commit(next);
    },
    [commit],
  );

  /** Applies a room's new state: the card, and an arrival toast for guests new to it. */
  const apply = useCallback(
    (token: string, view: RoomView, reason?: RoomEvent["reason"]) => {
      const before = current.current.get(token);
      // Two events in a row may answer out of order: never go back to an older state.
      if (before && before.ctime > view.ctime) return;
      const next = new Map(current.current);
      next.set(token, view);
      commit(next);
      if (before && reason === "join" && !view.participants.some((p) => p.owner)) {
        const known = new Set(before.participants.map((p) => p.roomConnectionId));
        const guests = view.participants.filter((p) => !p.owner && !known.has(p.roomConnectionId));
        if (guests.length) arrival.current({ room: view, guests });
      }
    },
    [commit],
  );

  const refresh = useCallback(
    async (token: string, reason?: RoomEvent["reason"]) => {
      let view: RoomView;
      try {
        view = await viewRoom(userId, await getRoom(token));
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) remove([token]);
        return;
      }
      apply(token, view, reason);
    },
    [userId, apply, remove],
  );

  /** A join's event carries the participants: the card changes at once, without a re-read. */
  const onRoomEvent = useCallback(
    (e: RoomEvent) => {
      const before = current.current.get(e.roomToken);
      if (e.reason === "join" && e.participants && before) {
        apply(e.roomToken, {
          ...before,
          participants: e.participants,
          ctime: e.version,
          expiresAt: e.expiresAt ?? before.expiresAt,
          clientMaxSize: e.clientMaxSize ?? before.clientMaxSize,
        }, e.reason);
      } else if (e.reason === "deletion") remove([e.roomToken]);
      else void refresh(e.roomToken, e.reason);
    },
    [apply, refresh, remove],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      listenOwnerEvents({
        open: () => void reload(),
        room: onRoomEvent,
      }),
    [reload, onRoomEvent],
  );

  const list = rooms ? [...rooms.values()].sort((a, b) => b.creationTime - a.creationTime || a.roomToken.localeCompare(b.roomToken)) : null;
  return { rooms: list, error, reload, refresh: (t) => refresh(t), remove };
}
