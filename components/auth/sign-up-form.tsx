"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { checkSignUp, passwordRules, signInErrorMessage } from "./messages";
import { OAuthButtons } from "./oauth-buttons";
import { FormAlert } from "@/components/ui/banner";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type FieldErrors = { email?: string; password?: string };

export function SignUpForm({ callbackUrl, providers }: { callbackUrl: string; providers: { id: string; name: string }[] }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const alert = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) alert.current?.focus();
  }, [error]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const errs = checkSignUp(email, password);
    setFieldErrors(errs);
    if (errs.email || errs.password) {
      (form.elements.namedItem(errs.email ? "email" : "password") as HTMLInputElement | null)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/sign-up", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ name: name || undefined, email, password }),
      });
      if (res.status === 202) {
        // An unconfirmed account holds this address: a link went to it (docs/identities.md).
        setPendingEmail(email);
        setBusy(false);
        return;
      }
      if (res.status !== 201) {
        setError(res.status === 409 ? t("auth.error.emailTaken") : res.status === 429 ? t("auth.error.tooManyAttempts") : t("auth.error.generic"));
        setBusy(false);
        return;
      }
      const signedIn = await signIn("credentials", { redirect: false, email, password, callbackUrl });
      if (signedIn?.ok && !signedIn.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(signedIn?.error ?? "Default"));
    } catch {
      setError(t("auth.error.network"));
    }
    setBusy(false);
  }

  if (pendingEmail) {
    return (
      <p role="status" data-testid="sign-up-pending" className="rounded-xl bg-brand-50 p-4 text-slate-800">
        {t("identity.signUp.pending", { email: pendingEmail })}
      </p>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
      <form onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} alertRef={alert} />
        <TextField label={t("auth.name")} name="name" autoComplete="name" hint={t("auth.nameHint")} maxLength={100} />
        <TextField label={t("auth.email")} name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordRules.min}
          hint={t("auth.signUp.passwordHint", { min: passwordRules.min })}
          error={fieldErrors.password}
        />
        <SubmitButton busy={busy} label={t("auth.signUp.submit")} busyLabel={t("auth.signUp.busy")} />
      </form>
      <p className="text-center text-slate-600">
        {t("auth.signUp.haveAccount")}{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          {t("auth.signUp.toSignIn")}
        </Link>
      </p>
    </div>
  );
}
