import { t } from "@/lib/i18n";

export default function Loading() {
  return (
    <p role="status" className="py-10 text-center text-slate-600">
      {t("owner.loading")}
    </p>
  );
}
