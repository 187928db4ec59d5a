import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { getRequestT } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("identity.verify.title") };
}

type Search = Promise<{ result?: string | string[] }>;

const messages = {
  verified: "identity.verify.verified",
  created: "identity.verify.created",
  changed: "identity.verify.changed",
  taken: "identity.verify.taken",
  invalid: "identity.verify.invalid",
} as const;

// Where the verification form lands: what happened, in words, and where to go next.
export default async function VerifyEmailDonePage({ searchParams }: { searchParams: Search }) {
  const [q, t] = await Promise.all([searchParams, getRequestT()]);
  const result = typeof q.result === "string" && q.result in messages ? (q.result as keyof typeof messages) : "invalid";
  const ok = result === "verified" || result === "created" || result === "changed";
  return (
    <AuthCard title={t("identity.verify.title")}>
      <div className="flex flex-col gap-4">
        <p role={ok ? "status" : "alert"} data-testid="verify-result" data-result={result}>
          {t(messages[result])}
        </p>
        {result === "verified" || result === "changed" ? (
          <Link href="/dashboard/account" className={buttonClass("primary")}>
            {t("identity.verify.toDashboard")}
          </Link>
        ) : (
          <Link href="/sign-in?callbackUrl=/dashboard/account" className={buttonClass("primary")}>
            {t("identity.verify.toSignIn")}
          </Link>
        )}
      </div>
    </AuthCard>
  );
}
