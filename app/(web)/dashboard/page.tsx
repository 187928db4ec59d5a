import type { Metadata } from "next";
import { RoomsPanel } from "@/components/dashboard/rooms-panel";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("owner.rooms.title") };

export default function DashboardPage() {
  return <RoomsPanel />;
}
