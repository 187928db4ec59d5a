import type { Metadata } from "next";
import { DeviceCheck } from "@/components/call/device-check";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("check.title") };
}

export default async function CheckPage() {
  const t = await getRequestT();
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-6 px-4 py-10">
      <h1 className="text-3xl font-bold tracking-tight">{t("check.title")}</h1>
      <p className="text-slate-700">{t("check.intro")}</p>
      <DeviceCheck />
    </main>
  );
}
