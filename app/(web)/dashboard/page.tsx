import type { Metadata } from "next";
import { RoomsPanel } from "@/components/rooms/rooms-panel";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("owner.rooms.title") };
}

export default function DashboardPage() {
  return <RoomsPanel />;
}
