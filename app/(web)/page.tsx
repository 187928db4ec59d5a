import Link from "next/link";
import { getRequestT } from "@/lib/i18n/server";
import { LogoMark } from "@/components/ui/logo";

export default async function LandingPage() {
  const t = await getRequestT();
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col justify-center gap-8 px-6 py-16">
      <div className="flex items-center gap-3">
        <LogoMark size="lg" />
        <span className="text-2xl font-semibold tracking-tight">Loop</span>
      </div>
      <h1 className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">{t("landing.title")}</h1>
      <p className="max-w-prose text-lg text-slate-700">{t("landing.body")}</p>
      <ul className="grid gap-3 text-slate-700 sm:grid-cols-3">
        <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">{t("landing.point1")}</li>
        <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">{t("landing.point2")}</li>
        <li className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">{t("landing.point3")}</li>
      </ul>
      <div className="flex flex-wrap gap-3">
        <Link
          href="/sign-in"
          className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white shadow hover:bg-brand-700"
        >
          {t("landing.signIn")}
        </Link>
        <Link
          href="/sign-up"
          className="rounded-xl bg-white px-5 py-3 font-semibold text-brand-700 ring-1 ring-slate-300 hover:bg-brand-50"
        >
          {t("landing.signUp")}
        </Link>
        <Link href="/check" className="rounded-xl px-5 py-3 font-semibold text-slate-700 underline-offset-4 hover:underline">
          {t("landing.check")}
        </Link>
      </div>
    </main>
  );
}
