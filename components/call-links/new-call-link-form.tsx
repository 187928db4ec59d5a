"use client";

import { useId, useState } from "react";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { describeError } from "@/lib/client/owner-api";
import { createCallLink } from "@/lib/client/call-links/owner-call-links";
import { t } from "@/lib/i18n";
import { limits } from "@/lib/protocol";
import { LinkLifetimeSelect } from "../dashboard/lifetime-select";
import { useOwner } from "../dashboard/owner-context";

/** The "new call link" form: for whom, how long, an optional subject. */
export function NewCallLinkForm({ onCreated }: { onCreated: (token: string) => Promise<void> }) {
  const owner = useOwner();
  const id = useId();
  const [forWhom, setForWhom] = useState("");
  const [subject, setSubject] = useState("");
  const [hours, setHours] = useState(Math.min(168, owner.maxLinkHours));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!forWhom.trim()) return setError(t("owner.links.forWhomMissing"));
    setBusy(true);
    setError(null);
    try {
      const r = await createCallLink({
        callerId: forWhom.trim(),
        expiresIn: hours,
        issuer: owner.user.name.slice(0, limits.callUrls.maxNameSize),
        ...(subject.trim() ? { subject: subject.trim() } : {}),
      });
      setForWhom("");
      setSubject("");
      await onCreated(r.callToken);
    } catch (err) {
      setError(describeError(err, t("owner.links.createFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={create} noValidate className={`grid gap-4 ${cardClass} sm:grid-cols-[1fr_1fr_auto] sm:items-end`}>
      <h2 className="text-lg font-semibold sm:col-span-3">{t("owner.links.new")}</h2>
      <Field id={`${id}-who`} label={t("owner.links.forWhom")}>
        <input
          id={`${id}-who`}
          className={inputClass}
          value={forWhom}
          maxLength={limits.callUrls.maxNameSize}
          onChange={(e) => setForWhom(e.target.value)}
          autoComplete="off"
        />
      </Field>
      <LinkLifetimeSelect id={`${id}-life`} label={t("owner.links.lifetime")} hours={hours} onChange={setHours} />
      <button type="submit" className={buttonClass("primary")} disabled={busy}>
        {t("owner.links.create")}
      </button>
      <div className="sm:col-span-3">
        <Field id={`${id}-subject`} label={t("owner.links.subject")}>
          <input id={`${id}-subject`} className={inputClass} value={subject} maxLength={limits.calls.maxSubjectSize} onChange={(e) => setSubject(e.target.value)} />
        </Field>
      </div>
      <div className="sm:col-span-3">
        <ErrorText>{error}</ErrorText>
      </div>
    </form>
  );
}
