import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import { authOptions } from "@/lib/auth/next-auth";
import { RoomPage } from "@/components/call/room-page";
import { getRequestT } from "@/lib/i18n/server";

// Room tokens: 22 characters today, the original's 11 still accepted (contract §1).
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return {
    title: t("guest.title"),
    // Room links are private invitations: never index them.
    robots: { index: false, follow: false },
  };
}

/**
 * The guest's room page. The room key lives in the #fragment, which only the browser sees,
 * so everything after the token check happens in the client component.
 */
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!TOKEN.test(token)) notFound();
  // A signed-in owner or user joins under their account's name unless this device remembers another.
  const session = await getServerSession(authOptions()).catch(() => null);
  return <RoomPage token={token} suggestedName={session?.user?.name?.trim() || undefined} />;
}
