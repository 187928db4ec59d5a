import type { Metadata } from "next";
import { CallLinksPanel } from "@/components/call-links/call-links-panel";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("owner.links.title") };
}

export default function CallLinksPage() {
  return <CallLinksPanel />;
}
