import type { Metadata } from "next";
import { ContactsPanel } from "@/components/contacts/contacts-panel";
import { CallByNumber } from "@/components/dashboard/call-number";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("owner.contacts.title") };

export default function ContactsPage() {
  return (
    <>
      <ContactsPanel />
      <CallByNumber />
    </>
  );
}
