"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { LINK_LIFETIMES } from "./lifetimes";
import { useOwner } from "./owner-context";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { formatUnixDateTime } from "@/lib/i18n/format";

/** A call link as GET /call-url lists it. */
type CallLink = { callToken: string; callUrl: string; callerId: string; issuer: string; subject?: string; timestamp: number; expires: number };

/** Call links: a link someone opens to call you (ref §2.4). Create, list, copy, extend, revoke. */
export function CallLinksPanel() {
  const owner = useOwner();
  const id = useId();
  const [links, setLinks] = useState<CallLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [forWhom, setForWhom] = useState("");
  const [subject, setSubject] = useState("");
  const [hours, setHours] = useState(Math.min(168, owner.maxLinkHours));
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const [extending, setExtending] = useState<CallLink | null>(null);
  const [revoking, setRevoking] = useState<CallLink | null>(null);

  const load = useCallback(async () => {
    try {
      setLinks(await api<CallLink[]>("GET", "/call-url"));
      setLoadError(null);
    } catch (e) {
      setLoadError(describeError(e, t("owner.links.loadFailed")));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    if (!forWhom.trim()) return setFormError(t("owner.links.forWhomMissing"));
    setBusy(true);
    setFormError(null);
    try {
      const r = await api<{ callUrl: string; callToken: string }>("POST", "/call-url", {
        callerId: forWhom.trim(),
        expiresIn: hours,
        issuer: owner.user.name.slice(0, 255),
        ...(subject.trim() ? { subject: subject.trim() } : {}),
      });
      setFresh(r.callToken);
      setForWhom("");
      setSubject("");
      await load();
    } catch (err) {
      setFormError(describeError(err, t("owner.links.createFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="links-title" className="flex flex-col gap-6">
      <div>
        <h1 id="links-title" className="text-2xl font-bold tracking-tight">
          {t("owner.links.title")}
        </h1>
        <p className="mt-1 max-w-prose text-slate-700">{t("owner.links.intro")}</p>
      </div>

      <form onSubmit={create} noValidate className="grid gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <h2 className="text-lg font-semibold sm:col-span-3">{t("owner.links.new")}</h2>
        <Field id={`${id}-who`} label={t("owner.links.forWhom")}>
          <input id={`${id}-who`} className={inputClass} value={forWhom} maxLength={255} onChange={(e) => setForWhom(e.target.value)} autoComplete="off" />
        </Field>
        <Field id={`${id}-life`} label={t("owner.links.lifetime")}>
          <select id={`${id}-life`} className={inputClass} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {LINK_LIFETIMES.filter((l) => l.hours <= owner.maxLinkHours).map((l) => (
              <option key={l.hours} value={l.hours}>
                {t(l.key)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className={buttonClass("primary")} disabled={busy}>
          {t("owner.links.create")}
        </button>
        <div className="sm:col-span-3">
          <Field id={`${id}-subject`} label={t("owner.links.subject")}>
            <input id={`${id}-subject`} className={inputClass} value={subject} maxLength={124} onChange={(e) => setSubject(e.target.value)} />
          </Field>
        </div>
        <div className="sm:col-span-3">
          <ErrorText>{formError}</ErrorText>
        </div>
      </form>

      {loadError && (
        <div role="alert" className="flex items-center gap-3 rounded-xl bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
          <p className="flex-1">{loadError}</p>
          <button type="button" className={buttonClass("secondary")} onClick={() => void load()}>
            {t("owner.retry")}
          </button>
        </div>
      )}
      {links === null && !loadError && (
        <p role="status" className="text-slate-600">
          {t("owner.links.loading")}
        </p>
      )}
      {links && links.length === 0 && <p className="rounded-2xl bg-white p-6 text-center text-slate-700 ring-1 ring-slate-200">{t("owner.links.empty")}</p>}
      {links && links.length > 0 && (
        <ul className="grid gap-3" aria-label={t("owner.links.listLabel")}>
          {links.map((l) => (
            <li
              key={l.callToken}
              data-testid="call-link"
              className={`flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ${fresh === l.callToken ? "ring-brand-500" : "ring-slate-200"}`}
            >
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h2 className="break-words font-semibold">{t("owner.links.for", { who: l.callerId })}</h2>
                {l.subject && <p className="break-words text-slate-700">{l.subject}</p>}
              </div>
              <p className="break-all font-mono text-sm text-slate-700">{l.callUrl}</p>
              <p className="text-sm text-slate-600">{t("owner.links.expires", { date: formatUnixDateTime(l.expires) })}</p>
              <div className="flex flex-wrap gap-2">
                <CopyButton text={l.callUrl} label={t("owner.links.copy")} />
                <button type="button" className={buttonClass("secondary")} onClick={() => setExtending(l)}>
                  {t("owner.links.extend")}
                </button>
                <button type="button" className={`${buttonClass("secondary")} text-red-800`} onClick={() => setRevoking(l)}>
                  {t("owner.links.revoke")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {extending && <ExtendDialog link={extending} onClose={() => setExtending(null)} onDone={load} />}
      {revoking && <RevokeDialog link={revoking} onClose={() => setRevoking(null)} onDone={load} />}
    </section>
  );
}

function ExtendDialog({ link, onClose, onDone }: { link: CallLink; onClose: () => void; onDone: () => Promise<void> }) {
  const owner = useOwner();
  const id = useId();
  const [hours, setHours] = useState(owner.maxLinkHours);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      await api("PUT", `/call-url/${link.callToken}`, { expiresIn: hours });
      await onDone();
      onClose();
    } catch (err) {
      setError(describeError(err, t("owner.links.extendFailed")));
    }
  }
  return (
    <Dialog open onClose={onClose} title={t("owner.links.extendTitle", { who: link.callerId })}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <Field id={`${id}-life`} label={t("owner.links.extendLabel")}>
          <select id={`${id}-life`} className={inputClass} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {LINK_LIFETIMES.filter((l) => l.hours <= owner.maxLinkHours).map((l) => (
              <option key={l.hours} value={l.hours}>
                {t(l.key)}
              </option>
            ))}
          </select>
        </Field>
        <ErrorText>{error}</ErrorText>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onClose}>
            {t("owner.cancel")}
          </button>
          <button type="submit" className={buttonClass("primary")}>
            {t("owner.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ link, onClose, onDone }: { link: CallLink; onClose: () => void; onDone: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open onClose={onClose} title={t("owner.links.revokeTitle")} role="alertdialog">
      <div className="flex flex-col gap-4">
        <p>{t("owner.links.revokeBody", { who: link.callerId })}</p>
        <ErrorText>{error}</ErrorText>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onClose}>
            {t("owner.cancel")}
          </button>
          <button
            type="button"
            className={buttonClass("danger")}
            onClick={async () => {
              try {
                await api("DELETE", `/call-url/${link.callToken}`);
                await onDone();
                onClose();
              } catch (err) {
                setError(describeError(err, t("owner.links.revokeFailed")));
              }
            }}
          >
            {t("owner.links.revoke")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
