import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { RoomPage } from "@/components/room/room-page";
import { guestMetadata, guestToken, type GuestPageProps } from "../guest-page";

export const generateMetadata = guestMetadata;

/**
 * The guest's room page. The room key lives in the #fragment, which only the browser sees,
 * so everything after the token check happens in the client component.
 */
export default async function Page(props: GuestPageProps) {
  const token = await guestToken(props);
  // A signed-in owner or user joins under their account's name unless this device remembers another.
  const session = await getServerSession(authOptions()).catch(() => null);
  return <RoomPage token={token} suggestedName={session?.user?.name?.trim() || undefined} />;
}
