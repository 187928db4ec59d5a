"use client";

import { useId, useState } from "react";
import { api, ApiError, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { cardClass } from "@/components/ui/card";

/** Add a contact: a name, and an email address, phone numbers or both. */
export function ContactForm({ onSaved }: { onSaved: () => Promise<void> }) {
  const id = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phones, setPhones] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = checkContact(name, email, phones);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/contacts", contactBody(name, email, phones));
      setSaved(t("owner.contacts.added", { name: name.trim() }));
      setName("");
      setEmail("");
      setPhones("");
      await onSaved();
    } catch (err) {
      setSaved(null);
      setError(contactError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className={`flex flex-col gap-3 ${cardClass}`}>
      <h2 className="text-lg font-semibold">{t("owner.contacts.add")}</h2>
      <Field id={`${id}-name`} label={t("owner.contacts.name")}>
        <input id={`${id}-name`} className={inputClass} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field id={`${id}-email`} label={t("owner.contacts.email")}>
        <input id={`${id}-email`} className={inputClass} type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </Field>
      <PhonesField id={`${id}-phones`} value={phones} onChange={setPhones} />
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

/** Phone numbers as typed: separated by commas or semicolons. */
export function splitPhones(text: string) {
  return text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** International form (+ or 00, then digits): the server normalises to E.164 and has the final word. */
export function looksLikePhone(v: string) {
  return /^(\+|00)[0-9][0-9 ().\-]{4,30}$/.test(v.trim());
}

/** What is wrong with the form before asking the server, in words; null when nothing. */
export function checkContact(name: string, email: string, phones: string) {
  const list = splitPhones(phones);
  if (!name.trim() || (!email.trim() && list.length === 0)) return t("owner.contacts.addressNeeded");
  if (email.trim() && !looksLikeEmail(email)) return t("owner.contacts.emailInvalid");
  if (!list.every(looksLikePhone)) return t("owner.contacts.phoneInvalid");
  return null;
}

export function contactBody(name: string, email: string, phones: string) {
  return { name, email: email.trim() ? email : null, phoneNumbers: splitPhones(phones) };
}

export function PhonesField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <Field id={id} label={t("owner.contacts.phones")} hint={t("owner.contacts.phonesHint")}>
      <input
        id={id}
        className={inputClass}
        type="tel"
        inputMode="tel"
        dir="ltr"
        value={value}
        maxLength={400}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </Field>
  );
}

/** A quick shape check before asking the server, which has the final word. */
export function looksLikeEmail(v: string) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
}

export function contactError(err: unknown) {
  if (err instanceof ApiError && err.status === 409) return t("owner.contacts.duplicate");
  if (err instanceof ApiError && err.status === 400 && /phoneNumbers/.test(err.message)) return t("owner.contacts.phoneInvalid");
  return describeError(err, t("owner.contacts.saveFailed"));
}
