import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoomPage } from "@/components/call/room-page";
import { t } from "@/lib/i18n";

// Room tokens: 22 characters today, the original's 11 still accepted (contract §1).
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

export const metadata: Metadata = {
  title: t("guest.title"),
  // Room links are private invitations: never index them.
  robots: { index: false, follow: false },
};

/**
 * The guest's room page. The room key lives in the #fragment, which only the browser sees,
 * so everything after the token check happens in the client component.
 */
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!TOKEN.test(token)) notFound();
  return <RoomPage token={token} />;
}
