import type { Metadata } from "next";
import { ContactsPanel } from "@/components/contacts/contacts-panel";
import { CallByNumber } from "@/components/calls/call-number";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("owner.contacts.title") };
}

export default function ContactsPage() {
  return (
    <>
      <ContactsPanel />
      <CallByNumber />
    </>
  );
}
