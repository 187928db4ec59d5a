"use client";

import { useId, useRef, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { MAX_IMPORT_BYTES, slimAddressBook } from "@/lib/client/contacts/owner-contacts-file";
import { t, type MessageKey } from "@/lib/i18n";
import type { Contact } from "./types";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";

type Skipped = { entry: number; label: string; reason: string };
type Result = { format: "vcard" | "csv"; imported: Contact[]; skipped: Skipped[]; added: number; updated: number; removed: number };

export const REASONS: Record<string, MessageKey> = {
  malformed: "owner.import.reason.malformed",
  "missing-email": "owner.import.reason.missingEmail",
  "invalid-email": "owner.import.reason.invalidEmail",
  "name-too-long": "owner.import.reason.nameTooLong",
  duplicate: "owner.import.reason.duplicate",
  exists: "owner.import.reason.exists",
  limit: "owner.import.reason.limit",
};

/** One-way import of a vCard (.vcf) or CSV file; says what was imported and what was skipped, and why. */
export function ContactsImport({ onImported }: { onImported: () => Promise<void> }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const text = slimAddressBook(await file.text());
      if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) throw new Error("too-large");
      const format = /\.vcf$|\.vcard$/i.test(file.name) ? "vcard" : /\.csv$|\.txt$/i.test(file.name) ? "csv" : undefined;
      // The file's name names its source: importing it again updates those contacts in place.
      const name = file.name.replace(/\s+/g, " ").trim().slice(0, 100) || undefined;
      setResult(await api<Result>("POST", "/contacts/import", { text, ...(format ? { format } : {}), ...(name ? { name } : {}) }));
      await onImported();
    } catch (e) {
      setError((e as Error).message === "too-large" ? t("owner.import.tooLarge") : describeError(e, t("owner.import.failed")));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <div className={`flex flex-col gap-3 ${cardClass}`}>
      <h2 className="text-lg font-semibold">{t("owner.import.title")}</h2>
      <p className="text-sm text-slate-700">{t("owner.import.body")}</p>
      <div>
        <label htmlFor={`${id}-file`} className={`${buttonClass("secondary")} cursor-pointer focus-within:outline focus-within:outline-3 focus-within:outline-brand-500`}>
          {busy ? t("owner.import.working") : t("owner.import.choose")}
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".vcf,.vcard,.csv,.txt,text/vcard,text/csv"
          className="sr-only"
          disabled={busy}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <ErrorText>{error}</ErrorText>
      <div aria-live="polite" data-testid="import-result">
        {result && (
          <div className="flex flex-col gap-2 text-sm">
            <p className="font-medium">
              {t("owner.import.summary", { imported: result.imported.length, skipped: result.skipped.length })}
            </p>
            <p>{t("owner.import.changes", { added: result.added, updated: result.updated, removed: result.removed })}</p>
            {result.imported.length > 0 && (
              <ul className="list-inside list-disc text-slate-700" aria-label={t("owner.import.importedLabel")}>
                {result.imported.map((c) => (
                  <li key={c.id}>
                    {c.name} &lt;{c.email}&gt;
                  </li>
                ))}
              </ul>
            )}
            {result.skipped.length > 0 && (
              <ul className="flex flex-col gap-1 text-amber-900" aria-label={t("owner.import.skippedLabel")} data-testid="import-skipped">
                {result.skipped.map((s) => (
                  <li key={`${s.entry}-${s.reason}`}>
                    {t("owner.import.skippedLine", { entry: s.entry, label: s.label, reason: t(REASONS[s.reason] ?? "owner.import.reason.malformed") })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
