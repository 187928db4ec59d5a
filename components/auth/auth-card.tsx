import Link from "next/link";
import { t } from "@/lib/i18n";
import { LogoMark } from "@/components/ui/logo";

/** The frame of the sign-in and sign-up pages: brand, heading, intro, content. */
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-6 px-4 py-10 sm:px-6">
      <Link href="/" className="flex items-center gap-2 self-start rounded-lg">
        <LogoMark size="md" />
        <span className="text-xl font-semibold tracking-tight">{t("auth.brand")}</span>
      </Link>
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {intro && <p className="mt-2 text-slate-600">{intro}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
