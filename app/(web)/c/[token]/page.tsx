import { CallLinkPage } from "@/components/call-link/call-link-page";
import { guestMetadata, guestToken, type GuestPageProps } from "../../guest-page";

export const generateMetadata = guestMetadata;

/** A call link (/c/<callToken>): call the person who shared it, from the browser. */
export default async function Page(props: GuestPageProps) {
  return <CallLinkPage token={await guestToken(props)} />;
}
