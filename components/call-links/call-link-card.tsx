"use client";

import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { CallLink } from "@/lib/client/call-links/owner-call-links";
import { t } from "@/lib/i18n";
import { formatUnixDateTime } from "@/lib/i18n/format";

/** One call link: for whom, its URL and expiry; copy, extend, revoke. */
export function CallLinkCard({ link, fresh, onExtend, onRevoke }: { link: CallLink; fresh: boolean; onExtend: () => void; onRevoke: () => void }) {
  return (
    <li data-testid="call-link" className={`flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ${fresh ? "ring-brand-500" : "ring-slate-200"}`}>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 className="break-words font-semibold">{t("owner.links.for", { who: link.callerId })}</h2>
        {link.subject && <p className="break-words text-slate-700">{link.subject}</p>}
      </div>
      <p className="break-all font-mono text-sm text-slate-700">{link.callUrl}</p>
      <p className="text-sm text-slate-600">{t("owner.links.expires", { date: formatUnixDateTime(link.expires) })}</p>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={link.callUrl} label={t("owner.links.copy")} />
        <button type="button" className={buttonClass("secondary")} onClick={onExtend}>
          {t("owner.links.extend")}
        </button>
        <button type="button" className={`${buttonClass("secondary")} text-red-800`} onClick={onRevoke}>
          {t("owner.links.revoke")}
        </button>
      </div>
    </li>
  );
}
