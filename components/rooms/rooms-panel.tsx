"use client";

import { useState } from "react";
import { describeError } from "@/lib/client/owner-api";
import { deleteRooms } from "@/lib/client/rooms/owner-rooms";
import { t } from "@/lib/i18n";
import { CreateRoomDialog } from "./create-room-dialog";
import { useOwner } from "../dashboard/owner-context";
import { RoomCard } from "./room-card";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { PanelHeader } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { LoadFailed } from "@/components/ui/load-failed";

/** The dashboard's main view: the owner's rooms, live. */
export function RoomsPanel() {
  const { rooms: store } = useOwner();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rooms = store.rooms;
  const chosen = rooms ? [...selected].filter((tk) => rooms.some((r) => r.roomToken === tk)) : [];

  async function removeSelected() {
    setError(null);
    try {
      const r = await deleteRooms(chosen);
      const done = Object.entries(r?.responses ?? {})
        .filter(([, v]) => v.code === 200 || v.code === 404)
        .map(([k]) => k);
      store.remove(done.length ? done : chosen);
      setSelected(new Set());
      setConfirming(false);
    } catch (e) {
      setError(describeError(e, t("owner.delete.failed")));
    }
  }

  return (
    <section aria-labelledby="rooms-title" className="flex flex-col gap-4">
      <PanelHeader
        id="rooms-title"
        title={t("owner.rooms.title")}
        actions={
          <>
            {chosen.length > 0 && (
              <button type="button" className={`${buttonClass("secondary")} text-red-800`} onClick={() => setConfirming(true)}>
                {t("owner.rooms.deleteSelected", { n: chosen.length })}
              </button>
            )}
            {rooms && rooms.length > 0 && (
              <button type="button" className={buttonClass("primary")} onClick={() => setCreating(true)}>
                {t("owner.rooms.create")}
              </button>
            )}
          </>
        }
      />

      {store.error && <LoadFailed message={store.error} onRetry={() => void store.reload()} />}

      {rooms === null && !store.error && (
        <p role="status" className="py-10 text-center text-slate-600">
          {t("owner.rooms.loading")}
        </p>
      )}

      {rooms && rooms.length === 0 && (
        <div className="flex flex-col items-center gap-3 rounded-2xl bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
          <h2 className="text-xl font-semibold">{t("owner.rooms.emptyTitle")}</h2>
          <p className="max-w-prose text-slate-700">{t("owner.rooms.emptyBody")}</p>
          <button type="button" className={buttonClass("primary")} onClick={() => setCreating(true)}>
            {t("owner.rooms.createFirst")}
          </button>
        </div>
      )}

      {rooms && rooms.length > 0 && (
        <ul className="grid gap-3" aria-label={t("owner.rooms.listLabel")}>
          {rooms.map((room) => (
            <RoomCard
              key={room.roomToken}
              room={room}
              selected={selected.has(room.roomToken)}
              onSelect={(on) =>
                setSelected((s) => {
                  const n = new Set(s);
                  if (on) n.add(room.roomToken);
                  else n.delete(room.roomToken);
                  return n;
                })
              }
            />
          ))}
        </ul>
      )}

      <CreateRoomDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={t("owner.delete.manyTitle")} role="alertdialog">
        <div className="flex flex-col gap-4">
          <p>{t("owner.delete.manyBody", { n: chosen.length })}</p>
          <ErrorText>{error}</ErrorText>
          <DialogActions onCancel={() => setConfirming(false)}>
            <button type="button" className={buttonClass("danger")} onClick={removeSelected}>
              {t("owner.delete.confirm")}
            </button>
          </DialogActions>
        </div>
      </Dialog>
    </section>
  );
}
