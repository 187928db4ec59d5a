"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";
import { formatUnixDateTime } from "@/lib/i18n/format";
import { CardSection } from "@/components/ui/card";

type Session = { id: string; label: string | null; createdAt: number; lastUsedAt: number; expiresAt: number };

/**
 * Connected clients: Hawk sessions for desktop or scripted clients (POST /session). The token
 * is shown once, right after creation; the server keeps only an HMAC of it.
 */
export function ConnectedClients() {
  const id = useId();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [label, setLabel] = useState("");
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSessions((await api<{ sessions: Session[] }>("GET", "/session")).sessions);
    } catch (e) {
      setError(describeError(e, t("owner.clients.loadFailed")));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api<{ hawkSessionToken: string }>("POST", "/session", label.trim() ? { label: label.trim() } : {});
      setToken(r.hawkSessionToken);
      setLabel("");
      await load();
    } catch (err) {
      setError(describeError(err, t("owner.clients.createFailed")));
    }
  }

  async function revoke(s: Session) {
    setError(null);
    try {
      await api("DELETE", `/session/${s.id}`);
      await load();
    } catch (err) {
      setError(describeError(err, t("owner.clients.revokeFailed")));
    }
  }

  return (
    <CardSection id="clients-title" title={t("owner.clients.title")} intro={t("owner.clients.body")} className="gap-3" flat>
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field id={`${id}-label`} label={t("owner.clients.label")}>
            <input id={`${id}-label`} className={inputClass} value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} autoComplete="off" />
          </Field>
        </div>
        <button type="submit" className={buttonClass("primary")}>
          {t("owner.clients.create")}
        </button>
      </form>
      {token && (
        <div role="status" className="flex flex-col gap-2 rounded-xl bg-amber-50 p-3 ring-1 ring-amber-200">
          <p className="text-sm font-medium text-amber-950">{t("owner.clients.tokenOnce")}</p>
          <code data-testid="session-token" className="break-all rounded bg-white px-2 py-1 text-sm">
            {token}
          </code>
          <div className="flex gap-2">
            <CopyButton text={token} label={t("owner.clients.copyToken")} />
            <button type="button" className={buttonClass("ghost")} onClick={() => setToken(null)}>
              {t("owner.clients.hideToken")}
            </button>
          </div>
        </div>
      )}
      <ErrorText>{error}</ErrorText>
      {sessions && sessions.length === 0 && <p className="text-sm text-slate-600">{t("owner.clients.none")}</p>}
      {sessions && sessions.length > 0 && (
        <ul className="divide-y divide-slate-200" aria-label={t("owner.clients.listLabel")}>
          {sessions.map((s) => (
            <li key={s.id} data-testid="connected-client" className="flex flex-wrap items-center gap-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="break-words font-medium">{s.label || t("owner.clients.unnamed")}</p>
                <p className="text-sm text-slate-600">{t("owner.clients.lastUsed", { date: formatUnixDateTime(s.lastUsedAt), created: formatUnixDateTime(s.createdAt) })}</p>
              </div>
              <button type="button" className={`${buttonClass("secondary")} text-red-800`} onClick={() => revoke(s)} aria-label={t("owner.clients.revokeNamed", { name: s.label || s.id })}>
                {t("owner.clients.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}
