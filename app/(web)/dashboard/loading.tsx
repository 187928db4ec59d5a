import { getRequestT } from "@/lib/i18n/server";

export default async function Loading() {
  const t = await getRequestT();
  return (
    <p role="status" className="py-10 text-center text-slate-600">
      {t("owner.loading")}
    </p>
  );
}
