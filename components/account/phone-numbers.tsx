"use client";

import { useCallback, useEffect, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { t } from "@/lib/i18n";
import { type IdentityFailure, IdentityError, identityCall, type PhoneList } from "@/lib/client/account/identity-api";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { CardSection } from "@/components/ui/card";

type Step = { kind: "enter" } | { kind: "code"; msisdn: string };

function wordError(f: IdentityFailure | null): string {
  if (!f) return t("identity.phone.failed");
  if (f.status === 429) return t("identity.phone.tooMany", { n: f.retryAfter || 60 });
  if (f.status === 503) return t("identity.phone.smsFailed");
  if (f.info === "msisdn") return t("identity.phone.invalidNumber");
  if (f.info === "code-wrong" || f.info === "code-format") return t("identity.phone.wrongCode");
  return t("identity.phone.failed");
}

const failureOf = (e: unknown) => (e instanceof IdentityError ? e.failure : null);

/**
 * Account page: the phone numbers people can call you by (contract §9). Enter a number, get a
 * code by SMS, type it, see it verified; remove it. Errors in words; an expired or exhausted
 * code sends a new one at once.
 */
export function PhoneNumbers() {
  const [list, setList] = useState<PhoneList["msisdns"] | null>(null);
  const [step, setStep] = useState<Step>({ kind: "enter" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setList((await identityCall<PhoneList>("GET", "/msisdn")).msisdns);
    } catch {
      setList([]);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function sendCode(msisdn: string) {
    await identityCall("POST", "/msisdn/register", { msisdn });
  }

  async function onSend(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const msisdn = String(new FormData(e.currentTarget).get("msisdn") ?? "").trim();
    if (!msisdn) return setError(t("identity.phone.invalidNumber"));
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await sendCode(msisdn);
      setStep({ kind: "code", msisdn });
    } catch (err) {
      setError(wordError(failureOf(err)));
    }
    setBusy(false);
  }

  async function onVerify(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (step.kind !== "code") return;
    const form = e.currentTarget;
    const code = String(new FormData(form).get("code") ?? "").replace(/\s+/g, "");
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await identityCall<{ msisdn: string }>("POST", "/msisdn/verify", { msisdn: step.msisdn, code });
      setNotice(t("identity.phone.verified", { msisdn: r.msisdn }));
      setStep({ kind: "enter" });
      await reload();
    } catch (err) {
      const f = failureOf(err);
      if (f?.info === "code-expired" || f?.info === "code-dead" || f?.info === "no-code") {
        try {
          await sendCode(step.msisdn);
          setError(t("identity.phone.expired"));
          form.reset();
        } catch (again) {
          setError(wordError(failureOf(again)));
        }
      } else {
        setError(wordError(f));
      }
    }
    setBusy(false);
  }

  async function onRemove(msisdn: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await identityCall("DELETE", `/msisdn/${encodeURIComponent(msisdn)}`);
      setNotice(t("identity.phone.removed", { msisdn }));
      await reload();
    } catch (err) {
      setError(wordError(failureOf(err)));
    }
    setBusy(false);
  }

  return (
    <CardSection id="phones-title" title={t("identity.phone.title")} intro={t("identity.phone.intro")}>
      {list !== null &&
        (list.length === 0 ? (
          <p className="text-sm text-slate-600">{t("identity.phone.none")}</p>
        ) : (
          <ul aria-label={t("identity.phone.listLabel")} className="flex flex-col gap-2">
            {list.map((p) => (
              <li key={p.msisdn} data-testid="phone-number" className="flex flex-wrap items-center gap-3 rounded-xl bg-slate-50 px-3 py-2">
                <span className="font-medium tabular-nums">{p.msisdn}</span>
                <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-semibold text-emerald-800">{t("identity.phone.verifiedBadge")}</span>
                <Button variant="ghost" className="ms-auto" disabled={busy} onClick={() => onRemove(p.msisdn)} aria-label={t("identity.phone.removeNamed", { msisdn: p.msisdn })}>
                  {t("identity.phone.remove")}
                </Button>
              </li>
            ))}
          </ul>
        ))}
      {notice && <Banner>{notice}</Banner>}
      {error && (
        <Banner tone="error" alert>
          {error}
        </Banner>
      )}
      {step.kind === "enter" ? (
        <form onSubmit={onSend} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
          <TextField
            label={t("identity.phone.number")}
            hint={t("identity.phone.numberHelp")}
            name="msisdn"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            maxLength={32}
            className="flex-1"
          />
          <Button type="submit" disabled={busy} className="sm:mb-7">
            {busy ? t("identity.phone.working") : t("identity.phone.send")}
          </Button>
        </form>
      ) : (
        <form onSubmit={onVerify} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
          <TextField
            autoFocus
            label={t("identity.phone.code")}
            hint={t("identity.phone.codeHelp", { msisdn: step.msisdn })}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            className="flex-1"
          />
          <div className="flex gap-2 sm:mb-7">
            <Button type="submit" disabled={busy}>
              {busy ? t("identity.phone.working") : t("identity.phone.verify")}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => (setStep({ kind: "enter" }), setError(null))}>
              {t("identity.phone.cancel")}
            </Button>
          </div>
        </form>
      )}
    </CardSection>
  );
}
