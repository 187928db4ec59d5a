"use client";

import { useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t } from "@/lib/i18n";
import { useOwner } from "@/components/dashboard/owner-context";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * Shown when a direct call finds nobody reachable (POST /calls → 400 / 122): the address is no
 * one's verified identity, or nobody is listening. Offers a call link (POST /call-url) to send
 * instead; the person opens it in a browser and the owner is called.
 */
export function CallLinkOffer({ callerId, name }: { callerId: string; name: string }) {
  const owner = useOwner();
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ callUrl: string }>("POST", "/call-url", { callerId, issuer: owner.user.name.slice(0, 255) });
      setLink(r.callUrl);
    } catch (e) {
      setError(describeError(e, t("owner.contacts.callLinkFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto flex max-w-prose flex-col gap-3 rounded-2xl bg-white p-4 text-ink" data-testid="call-link-offer">
      <p>{t("owner.contacts.callLinkOffer", { name })}</p>
      {!link && (
        <button type="button" className={buttonClass("primary")} onClick={create} disabled={busy}>
          {busy ? t("owner.contacts.callLinkCreating") : t("owner.contacts.callLinkCreate", { name })}
        </button>
      )}
      {link && (
        <div className="flex flex-col gap-2">
          <p>{t("owner.contacts.callLinkReady", { name })}</p>
          <p className="break-all font-mono text-sm" data-testid="call-link-url">
            {link}
          </p>
          <div className="flex flex-wrap gap-2">
            <CopyButton text={link} label={t("owner.contacts.callLinkCopy")} />
            {callerId.includes("@") && (
              <a className={buttonClass("secondary")} href={`mailto:${encodeURIComponent(callerId)}?body=${encodeURIComponent(link)}`}>
                {t("owner.contacts.callLinkEmail")}
              </a>
            )}
          </div>
        </div>
      )}
      <ErrorText>{error}</ErrorText>
    </div>
  );
}
