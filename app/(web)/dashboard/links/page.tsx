import type { Metadata } from "next";
import { CallLinksPanel } from "@/components/dashboard/call-links-panel";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("owner.links.title") };

export default function CallLinksPage() {
  return <CallLinksPanel />;
}
