"use client";

import { useCallback, useEffect, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { t } from "@/lib/i18n";
import { type EmailState, IdentityError, identityCall } from "@/lib/client/account/identity-api";
import { Button } from "@/components/ui/button";
import { EmailChange } from "./email-change";
import { CardSection } from "@/components/ui/card";

/** The signed-in user's e-mail state, read once per mount. */
function useEmailState() {
  const [state, setState] = useState<EmailState | null>(null);
  useEffect(() => {
    let live = true;
    identityCall<EmailState>("GET", "/api/email-verification")
      .then((s) => live && setState(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return [state, setState] as const;
}

/** "Send the link again", with its result in words (sent, throttled, failed). */
function useResend() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const resend = useCallback(async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await identityCall<EmailState & { sent: boolean }>("POST", "/api/email-verification");
      setMessage(r.sent ? { text: t("identity.email.sent", { email: r.email }), error: false } : { text: t("identity.email.failed"), error: !r.verified });
    } catch (e) {
      const f = e instanceof IdentityError ? e.failure : null;
      setMessage({
        text: f?.status === 429 ? t("identity.email.tooMany", { n: f.retryAfter || 60 }) : t("identity.email.failed"),
        error: true,
      });
    }
    setBusy(false);
  }, []);
  return { busy, message, resend };
}

/** Account page: whether the address is confirmed, "send the link again" while it is not, and a change of address. */
export function EmailStatus() {
  const [state, setState] = useEmailState();
  const { busy, message, resend } = useResend();
  if (!state) return null;
  return (
    <CardSection id="email-state-title" title={t("identity.email.title")} className="gap-3" flat>
      <p className="flex flex-wrap items-center gap-2">
        <span className="break-all">{state.email}</span>
        <span
          data-testid="email-state"
          data-verified={state.verified}
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${state.verified ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}
        >
          {state.verified ? t("identity.email.verified") : t("identity.email.unverified")}
        </span>
      </p>
      {!state.verified && (
        <>
          <p className="text-sm text-slate-700">{t("identity.email.unverifiedHelp")}</p>
          <div>
            <Button variant="secondary" onClick={resend} disabled={busy}>
              {busy ? t("identity.email.sending") : t("identity.email.resend")}
            </Button>
          </div>
          {message && (
            <Banner tone={message.error ? "error" : "info"} alert={message.error}>
              {message.text}
            </Banner>
          )}
        </>
      )}
      <EmailChange state={state} onState={setState} />
    </CardSection>
  );
}

/** Dashboard banner while the address is unconfirmed. */
export function VerifyEmailBanner() {
  const [state] = useEmailState();
  const { busy, message, resend } = useResend();
  if (!state || state.verified) return null;
  return (
    <div className="mx-auto w-full max-w-5xl px-3 pt-4 sm:px-6">
      <Banner tone="warning">
        <span className="flex flex-wrap items-center gap-x-3 gap-y-2" data-testid="verify-email-banner">
          <span>{message?.text ?? t("identity.banner.text")}</span>
          <button type="button" onClick={resend} disabled={busy} className="min-h-11 rounded-lg px-2 font-semibold underline underline-offset-4">
            {busy ? t("identity.email.sending") : t("identity.banner.action")}
          </button>
        </span>
      </Banner>
    </div>
  );
}
