import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { enabledOAuthProviders } from "@/lib/auth/next-auth";
import { webUserFromRequest } from "@/lib/auth/web-session";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("auth.signUp.title") };
}
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const t = await getRequestT();
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  // Already signed in: the sign-in page says as whom and offers to sign out.
  if (await webUserFromRequest(await headers())) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return (
    <AuthCard title={t("auth.signUp.title")} intro={t("auth.signUp.intro")}>
      <SignUpForm callbackUrl={callbackUrl} providers={enabledOAuthProviders()} />
    </AuthCard>
  );
}
