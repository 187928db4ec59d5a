import Link from "next/link";
import { getRequestT } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getRequestT();
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-3xl font-bold tracking-tight">{t("notFound.title")}</h1>
      <p className="text-slate-700">{t("notFound.body")}</p>
      <Link href="/" className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700">
        {t("notFound.home")}
      </Link>
    </main>
  );
}
