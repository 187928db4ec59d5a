import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { webUserFromCookie } from "@/lib/auth/web-session";
import { config } from "@/lib/config";
import type { OwnerBoot } from "@/components/dashboard/owner-context";
import { limits } from "@/lib/protocol";

/**
 * The signed-in owner for the dashboard and account pages, or a redirect to sign-in that
 * comes back here. The cookie is checked against the database (a deleted account is out at
 * once); the display name comes from the same session cookie (next-auth's `name` claim), so
 * the page costs one revocation check and one user read, not two of each.
 */
export async function currentOwner(returnTo: string): Promise<OwnerBoot> {
  const cookie = (await headers()).get("cookie");
  const user = await webUserFromCookie(cookie);
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  const name = user.name || user.email.split("@", 1)[0];
  return {
    user: { id: user.userId, email: user.email, name },
    maxRoomSize: config().rooms.maxSize,
    maxRoomHours: limits.rooms.maxTtlHours,
    maxLinkHours: limits.callUrls.maxTtlHours,
  };
}
