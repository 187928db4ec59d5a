"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { signInErrorMessage } from "./messages";
import { OAuthButtons } from "./oauth-buttons";
import { FormAlert } from "@/components/ui/banner";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

type Props = {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  /** an error code next-auth put in the URL (after an OAuth round trip) */
  initialError?: string | null;
  notice?: string | null;
};

export function SignInForm({ callbackUrl, providers, initialError, notice }: Props) {
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const password = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (error) alert.current?.focus();
  }, [error]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
      });
      if (res?.ok && !res.error) {
        // A full navigation, so server-rendered pages see the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(res?.error ?? "Default"));
      if (password.current) password.current.value = "";
    } catch {
      setError(t("auth.error.network"));
    }
    setBusy(false);
  }

  return (
    <div className="flex flex-col gap-5">
      {notice && (
        <p role="status" className="rounded-xl bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">
          {notice}
        </p>
      )}
      <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
      <form onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate>
        <FormAlert message={error} alertRef={alert} />
        <TextField label={t("auth.email")} name="email" type="email" autoComplete="email" required />
        <TextField label={t("auth.password")} name="password" type="password" autoComplete="current-password" required inputRef={password} />
        <SubmitButton busy={busy} label={t("auth.signIn.submit")} busyLabel={t("auth.signIn.busy")} />
      </form>
      <p className="text-center text-slate-600">
        {t("auth.signIn.noAccount")}{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
          {t("auth.signIn.toSignUp")}
        </Link>
      </p>
    </div>
  );
}
