"use client";

import { useId, useState } from "react";
import { rememberRoomKey, parseRoomLink } from "@/lib/client/rooms/owner-keys";
import { openContext, type RoomView } from "@/lib/client/rooms/owner-rooms";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";

/**
 * A room made in another browser is locked here (its key is wrapped with that browser's
 * account key). Pasting its link gives this browser the room key; it is kept locally only.
 */
export function UnlockRoomDialog({ room, open, onClose }: { room: RoomView; open: boolean; onClose: () => void }) {
  const owner = useOwner();
  const id = useId();
  const [link, setLink] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = parseRoomLink(link);
    if (!parsed) return setError(t("owner.unlock.notALink"));
    if (parsed.token !== room.roomToken) return setError(t("owner.unlock.otherRoom"));
    if (!room.context || !(await openContext(parsed.key, room.context.value))) return setError(t("owner.unlock.wrongKey"));
    rememberRoomKey(owner.user.id, room.roomToken, parsed.key);
    await owner.rooms.refresh(room.roomToken);
    setLink("");
    setError(null);
    onClose();
  }

  return (
    <Dialog open={open} onClose={onClose} title={t("owner.unlock.title")}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <p className="text-sm text-slate-700">{t("owner.unlock.body")}</p>
        <Field id={`${id}-link`} label={t("owner.unlock.label")}>
          <input id={`${id}-link`} className={`${inputClass} font-mono text-sm`} value={link} onChange={(e) => setLink(e.target.value)} autoComplete="off" />
        </Field>
        <ErrorText>{error}</ErrorText>
        <DialogActions onCancel={onClose}>
          <button type="submit" className={buttonClass("primary")}>
            {t("owner.unlock.submit")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
