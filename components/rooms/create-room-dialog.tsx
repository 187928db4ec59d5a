"use client";

import { useId, useState } from "react";
import { describeError } from "@/lib/client/owner-api";
import { createRoom } from "@/lib/client/rooms/owner-rooms";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { RoomLifetimeSelect } from "../dashboard/lifetime-select";
import { checkRoomValues, FormError, RoomDetailsFields, useFormState } from "./room-form";
import { RoomQr } from "./room-qr";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { inputClass, SelectField } from "@/components/ui/field";

/** Create a room: the details are encrypted here; afterwards, the link to share and its QR code. */
export function CreateRoomDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const owner = useOwner();
  const id = useId();
  const form = useFormState({ name: "", description: "", url: "" });
  const [maxSize, setMaxSize] = useState(owner.maxRoomSize);
  const [hours, setHours] = useState(Math.min(1344, owner.maxRoomHours));
  const [created, setCreated] = useState<{ link: string; name: string; token: string } | null>(null);

  const close = () => {
    form.setValues({ name: "", description: "", url: "" });
    form.setError(null);
    setCreated(null);
    onClose();
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = checkRoomValues(form.values);
    if (problem) return form.setError(problem);
    form.setBusy(true);
    form.setError(null);
    try {
      const r = await createRoom(owner.user.id, { ...form.values, maxSize, expiresIn: hours, roomOwner: owner.user.name.slice(0, 255) });
      setCreated({ link: r.link, name: form.values.name.trim(), token: r.roomToken });
      await owner.rooms.refresh(r.roomToken);
    } catch (err) {
      form.setError(describeError(err, t("owner.create.failed")));
    } finally {
      form.setBusy(false);
    }
  }

  const sizes = Array.from({ length: Math.max(1, owner.maxRoomSize - 1) }, (_, i) => i + 2);
  return (
    <Dialog open={open} onClose={close} title={created ? t("owner.create.doneTitle") : t("owner.create.title")}>
      {created ? (
        <div className="flex flex-col gap-4">
          <p>{t("owner.create.done", { name: created.name })}</p>
          <label htmlFor={`${id}-link`} className="sr-only">
            {t("owner.rooms.link")}
          </label>
          <input id={`${id}-link`} readOnly value={created.link} className={`${inputClass} font-mono text-sm`} data-testid="created-room-link" onFocus={(e) => e.target.select()} />
          <div className="flex flex-wrap gap-2">
            <CopyButton text={created.link} label={t("owner.rooms.copyLink")} className={buttonClass("primary")} />
            <a href={`/${created.token}#${created.link.split("#")[1]}`} className={buttonClass("secondary")}>
              {t("owner.rooms.join")}
            </a>
            <button type="button" className={buttonClass("ghost")} onClick={close}>
              {t("owner.done")}
            </button>
          </div>
          <RoomQr link={created.link} name={created.name} />
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <RoomDetailsFields values={form.values} onChange={form.setValues} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              id={`${id}-size`}
              label={t("owner.create.maxSize")}
              value={maxSize}
              onChange={(e) => setMaxSize(Number(e.target.value))}
              options={sizes.map((n) => ({ value: String(n), label: t("owner.create.people", { n }) }))}
            />
            <RoomLifetimeSelect id={`${id}-life`} label={t("owner.create.lifetime")} hours={hours} onChange={setHours} />
          </div>
          <div className="rounded-xl bg-emerald-50 p-3 text-sm text-emerald-950 ring-1 ring-emerald-200">
            <p className="font-semibold">{t("owner.e2e.title")}</p>
            <p className="mt-1">{t("owner.e2e.body")}</p>
          </div>
          <FormError error={form.error} />
          <DialogActions onCancel={close}>
            <button type="submit" className={buttonClass("primary")} disabled={form.busy}>
              {form.busy ? t("owner.create.creating") : t("owner.create.submit")}
            </button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
