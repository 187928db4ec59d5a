"use client";

import { useId, useState } from "react";
import { api, ApiError, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

/** Add a contact (name, email). */
export function ContactForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const id = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim() || !email.trim()) return setError(t("owner.contacts.bothNeeded"));
    if (!looksLikeEmail(email)) return setError(t("owner.contacts.emailInvalid"));
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/contacts", { name, email });
      setSaved(t("owner.contacts.added", { name: name.trim() }));
      setName("");
      setEmail("");
      await onSaved();
    } catch (err) {
      setSaved(null);
      setError(contactError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold">{t("owner.contacts.add")}</h2>
      <Field id={`${id}-name`} label={t("owner.contacts.name")}>
        <input id={`${id}-name`} className={inputClass} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field id={`${id}-email`} label={t("owner.contacts.email")}>
        <input id={`${id}-email`} className={inputClass} type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </Field>
      <ErrorText>{error}</ErrorText>
      <p role="status" className="text-sm text-emerald-800">
        {saved}
      </p>
      <button type="submit" className={`${buttonClass("primary")} self-start`} disabled={busy}>
        {t("owner.contacts.addSubmit")}
      </button>
    </form>
  );
}

/** A quick shape check before asking the server, which has the final word. */
export function looksLikeEmail(v: string) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
}

export function contactError(err: unknown) {
  if (err instanceof ApiError && err.status === 409) return t("owner.contacts.duplicate");
  return describeError(err, t("owner.contacts.saveFailed"));
}
