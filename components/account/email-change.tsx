"use client";

import { type FormEvent, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { type EmailState, IdentityError, identityCall } from "@/lib/client/account/identity-api";

/** A refused change, in words. */
function describe(e: unknown): string {
  const f = e instanceof IdentityError ? e.failure : null;
  if (!f) return t("identity.change.failed");
  if (f.status === 429) return t("identity.change.tooMany", { n: f.retryAfter || 60 });
  if (f.status === 409) return t("identity.change.taken");
  if (f.status === 403 && f.info === "no-password") return t("identity.change.noPassword");
  if (f.status === 400 && f.info === "password") return t("identity.change.wrongPassword");
  if (f.status === 400 && f.info === "same") return t("identity.change.same");
  if (f.status === 400) return t("identity.change.invalid");
  return t("identity.change.failed");
}

/**
 * "Change e-mail" (contract §9): new address and current password; a link goes to the new
 * address and the current one stays until it is opened. A pending change can be cancelled.
 * Accounts without a password (identity provider) are told why they cannot change it here.
 */
export function EmailChange({ state, onState }: { state: EmailState; onState: (s: EmailState) => void }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const s = await identityCall<EmailState & { sent: boolean }>("POST", "/api/email-change", { email, password });
      onState(s);
      if (!s.sent) setError(t("identity.email.failed"));
      setOpen(false);
      setEmail("");
      setPassword("");
    } catch (err) {
      setError(describe(err));
    }
    setBusy(false);
  }

  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      const s = await identityCall<EmailState>("DELETE", "/api/email-change");
      onState(s);
      setNotice(t("identity.change.withdrawn", { email: s.email }));
    } catch (err) {
      setError(describe(err));
    }
    setBusy(false);
  }

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 pt-3" data-testid="email-change">
      {state.pending && (
        <Banner tone="info">
          <span className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <span data-testid="email-pending" className="break-words">
              {t("identity.change.pending", { email: state.pending, current: state.email })}
            </span>
            <button type="button" onClick={withdraw} disabled={busy} className="min-h-11 rounded-lg px-2 font-semibold underline underline-offset-4">
              {t("identity.change.withdraw")}
            </button>
          </span>
        </Banner>
      )}
      {notice && <Banner>{notice}</Banner>}
      {!state.hasPassword ? (
        <p className="text-sm text-slate-700">{t("identity.change.noPassword")}</p>
      ) : !open ? (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t("identity.change.open")}
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" aria-label={t("identity.change.open")}>
          <p className="text-sm text-slate-700">{t("identity.change.help")}</p>
          <TextField
            label={t("identity.change.newEmail")}
            type="email"
            name="email"
            autoComplete="email"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextField
            label={t("identity.change.password")}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? t("identity.email.sending") : t("identity.change.submit")}
            </Button>
            <Button variant="secondary" type="button" onClick={() => (setOpen(false), setError(null))}>
              {t("identity.change.close")}
            </Button>
          </div>
        </form>
      )}
      {error && (
        <Banner tone="error" alert>
          {error}
        </Banner>
      )}
    </div>
  );
}
