import type { Metadata } from "next";
import { AccountPanel } from "@/components/account/account-panel";
import { getRequestT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getRequestT();
  return { title: t("owner.account.title") };
}

export default function AccountPage() {
  return <AccountPanel />;
}
