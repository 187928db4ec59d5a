import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { getRequestT } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("identity.verify.title"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

// The mailed link opens this page; only its button (a plain form POST, no JavaScript needed)
// verifies, because mail scanners follow links (contract §9).
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t] = await Promise.all([params, getRequestT()]);
  return (
    <AuthCard title={t("identity.verify.title")} intro={t("identity.verify.body")}>
      <form method="post" action="/api/email-verification/confirm">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className={buttonClass("primary", "w-full")}>
          {t("identity.verify.submit")}
        </button>
      </form>
    </AuthCard>
  );
}
