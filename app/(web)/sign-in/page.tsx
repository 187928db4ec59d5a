import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { enabledOAuthProviders } from "@/lib/auth/next-auth";
import { webUserFromRequest } from "@/lib/auth/web-session";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("auth.signIn.title") };
}
export const dynamic = "force-dynamic";

type Search = Promise<{ callbackUrl?: string | string[]; error?: string | string[]; signedOut?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const t = await getRequestT();
  const q = await searchParams;
  const callbackUrl = safeCallbackUrl(q.callbackUrl);
  const user = await webUserFromRequest(await headers());

  if (user) {
    return (
      <AuthCard title={t("auth.signIn.title")}>
        <div className="flex flex-col gap-4">
          <p role="status" data-testid="signed-in-as">
            {t("auth.signIn.signedInAs", { email: user.email })}
          </p>
          <div className="flex flex-wrap gap-3">
            <Link href={callbackUrl} className="min-h-11 rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white shadow hover:bg-brand-700">
              {t("auth.signIn.continue")}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t("auth.signIn.title")} intro={t("auth.signIn.intro")}>
      <SignInForm
        callbackUrl={callbackUrl}
        providers={enabledOAuthProviders()}
        initialError={typeof q.error === "string" ? q.error : null}
        notice={q.signedOut ? t("auth.signedOut") : null}
      />
    </AuthCard>
  );
}
