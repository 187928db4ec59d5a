import type { Metadata } from "next";
import { AccountPanel } from "@/components/dashboard/account-panel";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("owner.account.title") };

export default function AccountPage() {
  return <AccountPanel />;
}
