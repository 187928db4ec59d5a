"use client";

import { signOut } from "next-auth/react";
import { useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";

/** Deleting the account removes rooms, links, contacts and clients (DELETE /account), then signs out. */
export function DeleteAccount() {
  const owner = useOwner();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", "/account");
      localStorage.removeItem(`loop.owner-key.v1.${owner.user.id}`);
      localStorage.removeItem(`loop.room-keys.v1.${owner.user.id}`);
      await signOut({ callbackUrl: "/" });
    } catch (e) {
      setError(describeError(e, t("owner.deleteAccount.failed")));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="delete-title" className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-red-200">
      <h2 id="delete-title" className="text-lg font-semibold text-red-900">
        {t("owner.deleteAccount.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("owner.deleteAccount.body")}</p>
      <button type="button" className={`${buttonClass("danger")} self-start`} onClick={() => setOpen(true)}>
        {t("owner.deleteAccount.button")}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("owner.deleteAccount.confirmTitle")} role="alertdialog">
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim().toLowerCase() === owner.user.email.toLowerCase()) void remove();
            else setError(t("owner.deleteAccount.mismatch"));
          }}
        >
          <p>{t("owner.deleteAccount.confirmBody")}</p>
          <Field id={`${id}-email`} label={t("owner.deleteAccount.typeEmail", { email: owner.user.email })}>
            <input id={`${id}-email`} className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Field>
          <ErrorText>{error}</ErrorText>
          <DialogActions onCancel={() => setOpen(false)}>
            <button type="submit" className={buttonClass("danger")} disabled={busy}>
              {t("owner.deleteAccount.confirm")}
            </button>
          </DialogActions>
        </form>
      </Dialog>
    </section>
  );
}
