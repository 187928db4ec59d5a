"use client";

import { useState } from "react";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { describeError } from "@/lib/client/owner-api";
import { type CallLink, revokeCallLink } from "@/lib/client/call-links/owner-call-links";
import { t } from "@/lib/i18n";

/** Asks before revoking a call link: whoever holds it can no longer call. */
export function RevokeLinkDialog({ link, onClose, onDone }: { link: CallLink; onClose: () => void; onDone: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    try {
      await revokeCallLink(link.callToken);
      await onDone();
      onClose();
    } catch (err) {
      setError(describeError(err, t("owner.links.revokeFailed")));
    }
  }
  return (
    <Dialog open onClose={onClose} title={t("owner.links.revokeTitle")} role="alertdialog">
      <div className="flex flex-col gap-4">
        <p>{t("owner.links.revokeBody", { who: link.callerId })}</p>
        <ErrorText>{error}</ErrorText>
        <DialogActions onCancel={onClose}>
          <button type="button" className={buttonClass("danger")} onClick={() => void revoke()}>
            {t("owner.links.revoke")}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
