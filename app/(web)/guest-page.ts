import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LINK_LIKE } from "@/lib/protocol";
import { getRequestT } from "@/lib/i18n/server";

/** What the two guest pages (/<roomToken> and /c/<callToken>) share on the server. */

export type GuestPageProps = { params: Promise<{ token: string }> };

/** The guest pages' title; room and call links are private invitations: never index them. */
export async function guestMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return {
    title: t("guest.title"),
    robots: { index: false, follow: false },
  };
}

/** The link's token from the page's params, or Next's not-found page when it cannot be one. */
export async function guestToken({ params }: GuestPageProps): Promise<string> {
  const { token } = await params;
  if (!LINK_LIKE.test(token)) notFound();
  return token;
}
