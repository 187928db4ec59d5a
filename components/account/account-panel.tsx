"use client";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { t } from "@/lib/i18n";
import { AccountKeySection } from "./account-key";
import { ConnectedClients } from "./connected-clients";
import { DeleteAccount } from "./delete-account";
import { EmailStatus } from "./email-status";
import { PhoneNumbers } from "./phone-numbers";
import { useOwner } from "../dashboard/owner-context";
import { cardClass, PanelHeader } from "@/components/ui/card";

/** Account: who you are, this browser's room key, connected clients, sign out, delete. */
export function AccountPanel() {
  const { user } = useOwner();
  return (
    <div className="flex flex-col gap-6">
      <PanelHeader title={t("owner.account.title")} />
      <section aria-labelledby="profile-title" className={`flex flex-wrap items-center gap-4 ${cardClass}`}>
        <div className="min-w-0 flex-1">
          <h2 id="profile-title" className="text-lg font-semibold">
            {t("owner.account.profile")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("owner.account.name")}</dt>
            <dd className="break-words">{user.name}</dd>
            <dt className="text-slate-600">{t("owner.account.email")}</dt>
            <dd className="break-all">{user.email}</dd>
          </dl>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <SignOutButton />
          <SignOutButton everywhere />
        </div>
      </section>
      <EmailStatus />
      <PhoneNumbers />
      <AccountKeySection />
      <ConnectedClients />
      <DeleteAccount />
    </div>
  );
}
