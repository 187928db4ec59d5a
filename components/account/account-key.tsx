"use client";

import { useEffect, useId, useState } from "react";
import { exportOwnerKey, importOwnerKey } from "@/lib/client/rooms/owner-keys";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { CardSection } from "@/components/ui/card";

/**
 * This browser's account key, which unlocks the names of rooms made here. Copying it to
 * another browser unlocks them there too; it is never sent to Loop's server.
 */
export function AccountKeySection() {
  const owner = useOwner();
  const id = useId();
  const [key, setKey] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => setKey(exportOwnerKey(owner.user.id)), [owner.user.id]);

  return (
    <CardSection id="key-title" title={t("owner.key.title")} intro={t("owner.key.body")} className="gap-3" flat>
      {key ? (
        <div className="flex flex-wrap items-center gap-2">
          {shown ? <code className="break-all rounded-lg bg-slate-100 px-2 py-1 text-sm">{key}</code> : null}
          <button type="button" className={buttonClass("secondary")} onClick={() => setShown((s) => !s)}>
            {shown ? t("owner.key.hide") : t("owner.key.show")}
          </button>
          <CopyButton text={key} label={t("owner.key.copy")} />
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("owner.key.none")}</p>
      )}
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          try {
            importOwnerKey(owner.user.id, pasted);
            setKey(exportOwnerKey(owner.user.id));
            setPasted("");
            setError(null);
            setDone(true);
            void owner.rooms.reload();
          } catch {
            setError(t("owner.key.invalid"));
          }
        }}
      >
        <Field id={`${id}-paste`} label={t("owner.key.pasteLabel")} hint={t("owner.key.pasteHint")}>
          <input id={`${id}-paste`} className={`${inputClass} font-mono`} value={pasted} onChange={(e) => setPasted(e.target.value)} autoComplete="off" aria-describedby={`${id}-paste-hint`} />
        </Field>
        <ErrorText>{error}</ErrorText>
        {done && (
          <p role="status" className="text-sm text-emerald-800">
            {t("owner.key.imported")}
          </p>
        )}
        <button type="submit" className={`${buttonClass("secondary")} self-start`} disabled={!pasted.trim()}>
          {t("owner.key.use")}
        </button>
      </form>
    </CardSection>
  );
}
