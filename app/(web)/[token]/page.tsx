import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { notFound } from "next/navigation";
import { LINK_LIKE } from "@/lib/protocol";
import { authOptions } from "@/lib/auth/next-auth";
import { RoomPage } from "@/components/room/room-page";
import { getRequestT } from "@/lib/i18n/server";


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
  if (!LINK_LIKE.test(token)) notFound();
  // A signed-in owner or user joins under their account's name unless this device remembers another.
  const session = await getServerSession(authOptions()).catch(() => null);
  return <RoomPage token={token} suggestedName={session?.user?.name?.trim() || undefined} />;
}
