"use client";

import { useEffect, useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { changeRoomExpiry, detailsFrom, updateRoomDetails, type RoomView } from "@/lib/client/rooms/owner-rooms";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { RoomLifetimeSelect } from "../dashboard/lifetime-select";
import { checkRoomValues, FormError, RoomDetailsFields, useFormState } from "./room-form";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { formatUnixDateTime } from "@/lib/i18n/format";

/** Rename (name, description, link) — re-encrypted with the room's own key, so shared links keep working. */
export function EditRoomDialog({ room, open, onClose }: { room: RoomView; open: boolean; onClose: () => void }) {
  const owner = useOwner();
  const initial = {
    name: room.details?.roomName ?? "",
    description: room.details?.description ?? "",
    url: room.details?.urls?.[0]?.location ?? "",
  };
  const form = useFormState(initial);
  useEffect(() => {
    if (open) {
      form.setValues(initial);
      form.setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = checkRoomValues(form.values);
    if (problem) return form.setError(problem);
    form.setBusy(true);
    try {
      if (room.context) await updateRoomDetails(owner.user.id, room, detailsFrom(form.values));
      // A legacy room (plaintext name, made by an old desktop client) keeps its plaintext form.
      else await api("PATCH", `/rooms/${room.roomToken}`, { roomName: form.values.name.trim() });
      await owner.rooms.refresh(room.roomToken);
      onClose();
    } catch (err) {
      form.setError(describeError(err, t("owner.edit.failed")));
    } finally {
      form.setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title={t("owner.edit.title")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <RoomDetailsFields values={form.values} onChange={form.setValues} />
        <FormError error={form.error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className={buttonClass("primary")} disabled={form.busy}>
            {t("owner.save")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Change expiry: the room lives this long from now. */
export function ExpiryDialog({ room, open, onClose }: { room: RoomView; open: boolean; onClose: () => void }) {
  const owner = useOwner();
  const id = useId();
  const [hours, setHours] = useState(168);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await changeRoomExpiry(room.roomToken, hours);
      await owner.rooms.refresh(room.roomToken);
      onClose();
    } catch (err) {
      setError(describeError(err, t("owner.expiry.failed")));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={open} onClose={onClose} title={t("owner.expiry.title")}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">{t("owner.expiry.now", { date: formatUnixDateTime(room.expiresAt) })}</p>
        <RoomLifetimeSelect id={`${id}-life`} label={t("owner.expiry.label")} hours={hours} onChange={setHours} />
        <FormError error={error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className={buttonClass("primary")} disabled={busy}>
            {t("owner.save")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
