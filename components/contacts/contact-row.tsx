"use client";

import { useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { checkContact, contactBody, contactError, PhonesField } from "./contact-form";
import type { Contact } from "./types";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";

/**
 * One contact: call (by e-mail, or by each of its numbers: POST /calls takes the E.164 number
 * as the callee's identity), edit, remove.
 */
export function ContactRow({ contact, onChanged, onCall }: { contact: Contact; onChanged: () => Promise<void>; onCall: (identity: string) => void }) {
  const id = useId();
  const [open, setOpen] = useState<null | "edit" | "remove">(null);
  const [name, setName] = useState(contact.name);
  const [email, setEmail] = useState(contact.email ?? "");
  const [phones, setPhones] = useState(contact.phoneNumbers.join(", "));
  const [error, setError] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const problem = checkContact(name, email, phones);
    if (problem) return setError(problem);
    try {
      await api("PATCH", `/contacts/${contact.id}`, contactBody(name, email, phones));
      await onChanged();
      setOpen(null);
    } catch (err) {
      setError(contactError(err));
    }
  }

  async function remove() {
    try {
      await api("DELETE", `/contacts/${contact.id}`);
      setOpen(null);
      await onChanged();
    } catch (err) {
      setError(describeError(err, t("owner.contacts.removeFailed")));
    }
  }

  return (
    <li data-testid="contact" className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="break-words font-medium">{contact.name}</p>
        {contact.email && <p className="break-all text-sm text-slate-600">{contact.email}</p>}
        {contact.phoneNumbers.length > 0 && (
          <p className="text-sm text-slate-600" data-testid="contact-phones">
            {contact.phoneNumbers.map((n, i) => (
              <span key={n} dir="ltr" className="me-2 inline-block">
                {n}
                {i < contact.phoneNumbers.length - 1 ? "," : ""}
              </span>
            ))}
          </p>
        )}
        {contact.source && (
          <p className="text-sm text-slate-600" data-testid="contact-source">
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t("owner.contacts.fromSource", { source: contact.source.name })}</span>
            <span className="sr-only"> {t("owner.contacts.readOnly", { source: contact.source.name })}</span>
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        {contact.email && (
          <button type="button" className={buttonClass("primary")} onClick={() => onCall(contact.email!)} aria-label={t("owner.contacts.callNamed", { name: contact.name })}>
            {t("owner.contacts.call")}
          </button>
        )}
        {contact.phoneNumbers.map((n, i) => (
          <button
            key={n}
            type="button"
            className={contact.email || i > 0 ? buttonClass("secondary") : buttonClass("primary")}
            onClick={() => onCall(n)}
            aria-label={t("owner.contacts.callNamedAt", { name: contact.name, number: n })}
          >
            <span dir="ltr">{t("owner.contacts.callNumber", { number: n })}</span>
          </button>
        ))}
        {/* A synced contact is changed only in its address book (one-way sync): no edit, no remove. */}
        {!contact.source && (
          <>
            <button
              type="button"
              className={buttonClass("secondary")}
              aria-label={t("owner.contacts.editNamed", { name: contact.name })}
              onClick={() => {
                setName(contact.name);
                setEmail(contact.email ?? "");
                setPhones(contact.phoneNumbers.join(", "));
                setError(null);
                setOpen("edit");
              }}
            >
              {t("owner.contacts.edit")}
            </button>
            <button
              type="button"
              className={`${buttonClass("secondary")} text-red-800`}
              aria-label={t("owner.contacts.removeNamed", { name: contact.name })}
              onClick={() => {
                setError(null);
                setOpen("remove");
              }}
            >
              {t("owner.contacts.remove")}
            </button>
          </>
        )}
      </div>
      <Dialog open={open === "edit"} onClose={() => setOpen(null)} title={t("owner.contacts.editTitle")}>
        <form onSubmit={save} noValidate className="flex flex-col gap-4">
          <Field id={`${id}-name`} label={t("owner.contacts.name")}>
            <input id={`${id}-name`} className={inputClass} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id={`${id}-email`} label={t("owner.contacts.email")}>
            <input id={`${id}-email`} className={inputClass} type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <PhonesField id={`${id}-phones`} value={phones} onChange={setPhones} />
          <ErrorText>{error}</ErrorText>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(null)}>
              {t("owner.cancel")}
            </button>
            <button type="submit" className={buttonClass("primary")}>
              {t("owner.save")}
            </button>
          </div>
        </form>
      </Dialog>
      <Dialog open={open === "remove"} onClose={() => setOpen(null)} title={t("owner.contacts.removeTitle")} role="alertdialog">
        <div className="flex flex-col gap-4">
          <p>{t("owner.contacts.removeBody", { name: contact.name })}</p>
          <ErrorText>{error}</ErrorText>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("secondary")} onClick={() => setOpen(null)}>
              {t("owner.cancel")}
            </button>
            <button type="button" className={buttonClass("danger")} onClick={remove}>
              {t("owner.contacts.remove")}
            </button>
          </div>
        </div>
      </Dialog>
    </li>
  );
}
