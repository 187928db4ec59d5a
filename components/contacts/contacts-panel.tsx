"use client";

import { useCallback, useEffect, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { useOwner } from "@/components/dashboard/owner-context";
import { ContactForm } from "./contact-form";
import { ContactsImport } from "./contacts-import";
import { ContactSources } from "./contact-sources";
import { ContactRow } from "./contact-row";
import type { Contact } from "./types";
import { buttonClass } from "@/components/ui/button";
import { PanelHeader } from "@/components/ui/card";

/** The owner's address book: add, edit, remove, import; call someone directly. */
export function ContactsPanel() {
  const owner = useOwner();
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [sourcesVersion, setSourcesVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setContacts((await api<{ contacts: Contact[] }>("GET", "/contacts")).contacts);
      setError(null);
    } catch (e) {
      setError(describeError(e, t("owner.contacts.loadFailed")));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const q = filter.trim().toLowerCase();
  const shown = contacts?.filter((c) => !q || c.name.toLowerCase().includes(q) || (c.email ?? "").includes(q) || c.phoneNumbers.some((n) => n.includes(q.replace(/[\s().-]/g, "")))) ?? null;

  return (
    <section aria-labelledby="contacts-title" className="flex flex-col gap-6">
      <PanelHeader id="contacts-title" title={t("owner.contacts.title")} intro={t("owner.contacts.intro")} />

      <div className="grid gap-4 lg:grid-cols-2">
        <ContactForm onSaved={load} />
        <ContactsImport
          onImported={async () => {
            setSourcesVersion((v) => v + 1);
            await load();
          }}
        />
      </div>
      <ContactSources onChanged={load} version={sourcesVersion} />

      {error && (
        <div role="alert" className="flex items-center gap-3 rounded-xl bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
          <p className="flex-1">{error}</p>
          <button type="button" className={buttonClass("secondary")} onClick={() => void load()}>
            {t("owner.retry")}
          </button>
        </div>
      )}
      {contacts === null && !error && (
        <p role="status" className="text-slate-600">
          {t("owner.contacts.loading")}
        </p>
      )}
      {contacts && contacts.length === 0 && (
        <p className="rounded-2xl bg-white p-6 text-center text-slate-700 ring-1 ring-slate-200">{t("owner.contacts.empty")}</p>
      )}
      {contacts && contacts.length > 0 && (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-lg font-semibold">{t("owner.contacts.count", { n: contacts.length })}</h2>
            <label className="ms-auto flex items-center gap-2 text-sm">
              <span>{t("owner.contacts.filter")}</span>
              <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} className="rounded-lg border border-slate-300 px-2 py-1" />
            </label>
          </div>
          <ul className="divide-y divide-slate-200 rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" aria-label={t("owner.contacts.listLabel")}>
            {shown!.map((c) => (
              <ContactRow key={c.id} contact={c} onChanged={load} onCall={(identity) => owner.callPerson(identity, c.name)} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
