"use client";

import { useState } from "react";
import { describeError } from "@/lib/client/owner-api";
import { deleteRoom, roomLink, roomTitle, type RoomView } from "@/lib/client/rooms/owner-rooms";
import { t } from "@/lib/i18n";
import { EditRoomDialog, ExpiryDialog } from "./edit-room-dialog";
import { useOwner } from "../dashboard/owner-context";
import { RoomQr } from "./room-qr";
import { UnlockRoomDialog } from "./unlock-room-dialog";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { formatUnixDateTime } from "@/lib/i18n/format";
import { cardClass } from "@/components/ui/card";

type Open = null | "qr" | "edit" | "expiry" | "delete" | "unlock";

/** One room: who is in it right now, its link, and what the owner can do with it. */
export function RoomCard({ room, selected, onSelect }: { room: RoomView; selected: boolean; onSelect: (on: boolean) => void }) {
  const owner = useOwner();
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = roomTitle(room, t("owner.rooms.lockedName"));
  const link = roomLink(room);
  const guests = room.participants;
  const headingId = `room-${room.roomToken}`;

  async function remove() {
    setBusy(true);
    try {
      await deleteRoom(room.roomToken);
      owner.rooms.remove([room.roomToken]);
      setOpen(null);
    } catch (e) {
      setError(describeError(e, t("owner.delete.failed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li aria-labelledby={headingId} data-testid="room-card" data-room-token={room.roomToken} className={`flex flex-col gap-3 ${cardClass}`}>
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1.5 size-5 shrink-0 accent-brand-600"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={t("owner.rooms.select", { name })}
        />
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="break-words text-lg font-semibold">
            {room.lock === "locked" && <span aria-hidden>🔒 </span>}
            {name}
          </h2>
          {room.details?.description && <p className="mt-0.5 break-words text-slate-700">{room.details.description}</p>}
          {room.lock === "locked" && <p className="mt-0.5 text-sm text-slate-600">{t("owner.rooms.lockedHint")}</p>}
          <p className="mt-1 text-sm text-slate-600">{t("owner.rooms.expires", { date: formatUnixDateTime(room.expiresAt) })}</p>
        </div>
        <a href={`/${room.roomToken}${room.roomKey ? `#${room.roomKey}` : ""}`} className={`${buttonClass("primary")} shrink-0`} aria-label={t("owner.rooms.joinNamed", { name })}>
          {t("owner.rooms.join")}
        </a>
      </div>

      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="room-participants">
        <span
          aria-hidden
          className={`inline-block size-2.5 rounded-full ${guests.length ? "bg-emerald-500" : "bg-slate-300"}`}
        />
        <span data-testid="participant-count">{t("owner.rooms.count", { n: guests.length, max: room.maxSize })}</span>
        {guests.length > 0 && (
          <ul className="flex flex-wrap gap-1.5" aria-label={t("owner.rooms.inRoom")}>
            {guests.map((p) => (
              <li key={p.roomConnectionId} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-slate-800">
                {p.displayName || t("owner.rooms.guest")}
                {p.owner && <span className="text-slate-500"> ({t("owner.rooms.you")})</span>}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="flex flex-wrap gap-2">
        {room.lock === "open" ? (
          <>
            <CopyButton text={link} label={t("owner.rooms.copyLink")} />
            <button type="button" className={buttonClass("secondary")} onClick={() => setOpen("qr")}>
              {t("owner.rooms.qr")}
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={() => setOpen("edit")}>
              {t("owner.rooms.rename")}
            </button>
          </>
        ) : (
          <button type="button" className={buttonClass("secondary")} onClick={() => setOpen("unlock")}>
            {t("owner.rooms.unlock")}
          </button>
        )}
        <button type="button" className={buttonClass("secondary")} onClick={() => setOpen("expiry")}>
          {t("owner.rooms.changeExpiry")}
        </button>
        <button type="button" className={`${buttonClass("secondary")} text-red-800`} onClick={() => setOpen("delete")}>
          {t("owner.rooms.delete")}
        </button>
      </div>

      <Dialog open={open === "qr"} onClose={() => setOpen(null)} title={t("owner.qr.title", { name })}>
        <RoomQr link={link} name={name} />
      </Dialog>
      {room.lock === "open" && <EditRoomDialog room={room} open={open === "edit"} onClose={() => setOpen(null)} />}
      <ExpiryDialog room={room} open={open === "expiry"} onClose={() => setOpen(null)} />
      <UnlockRoomDialog room={room} open={open === "unlock"} onClose={() => setOpen(null)} />
      <Dialog open={open === "delete"} onClose={() => setOpen(null)} title={t("owner.delete.title")} role="alertdialog">
        <div className="flex flex-col gap-4">
          <p>{t("owner.delete.body", { name })}</p>
          <ErrorText>{error}</ErrorText>
          <DialogActions onCancel={() => setOpen(null)}>
            <button type="button" className={buttonClass("danger")} onClick={remove} disabled={busy}>
              {t("owner.delete.confirm")}
            </button>
          </DialogActions>
        </div>
      </Dialog>
    </li>
  );
}
