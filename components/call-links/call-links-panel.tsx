"use client";

import { useCallback, useEffect, useState } from "react";
import { PanelHeader } from "@/components/ui/card";
import { LoadFailed } from "@/components/ui/load-failed";
import { describeError } from "@/lib/client/owner-api";
import { type CallLink, listCallLinks } from "@/lib/client/call-links/owner-call-links";
import { t } from "@/lib/i18n";
import { CallLinkCard } from "./call-link-card";
import { ExtendLinkDialog } from "./extend-link-dialog";
import { NewCallLinkForm } from "./new-call-link-form";
import { RevokeLinkDialog } from "./revoke-link-dialog";

/** Call links: a link someone opens to call you (ref §2.4). Create, list, copy, extend, revoke. */
export function CallLinksPanel() {
  const [links, setLinks] = useState<CallLink[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [extending, setExtending] = useState<CallLink | null>(null);
  const [revoking, setRevoking] = useState<CallLink | null>(null);

  const load = useCallback(async () => {
    try {
      setLinks(await listCallLinks());
      setLoadError(null);
    } catch (e) {
      setLoadError(describeError(e, t("owner.links.loadFailed")));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="links-title" className="flex flex-col gap-6">
      <PanelHeader id="links-title" title={t("owner.links.title")} intro={t("owner.links.intro")} />

      <NewCallLinkForm
        onCreated={async (token) => {
          setFresh(token);
          await load();
        }}
      />

      {loadError && <LoadFailed message={loadError} onRetry={() => void load()} />}
      {links === null && !loadError && (
        <p role="status" className="text-slate-600">
          {t("owner.links.loading")}
        </p>
      )}
      {links && links.length === 0 && <p className="rounded-2xl bg-white p-6 text-center text-slate-700 ring-1 ring-slate-200">{t("owner.links.empty")}</p>}
      {links && links.length > 0 && (
        <ul className="grid gap-3" aria-label={t("owner.links.listLabel")}>
          {links.map((l) => (
            <CallLinkCard key={l.callToken} link={l} fresh={fresh === l.callToken} onExtend={() => setExtending(l)} onRevoke={() => setRevoking(l)} />
          ))}
        </ul>
      )}

      {extending && <ExtendLinkDialog link={extending} onClose={() => setExtending(null)} onDone={load} />}
      {revoking && <RevokeLinkDialog link={revoking} onClose={() => setRevoking(null)} onDone={load} />}
    </section>
  );
}
