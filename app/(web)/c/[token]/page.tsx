import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LINK_LIKE } from "@/lib/protocol";
import { CallLinkPage } from "@/components/call-link/call-link-page";
import { getRequestT } from "@/lib/i18n/server";


export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return {
    title: t("guest.title"),
    robots: { index: false, follow: false },
  };
}

/** A call link (/c/<callToken>): call the person who shared it, from the browser. */
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!LINK_LIKE.test(token)) notFound();
  return <CallLinkPage token={token} />;
}
