"use client";

import { useId, useState } from "react";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { describeError } from "@/lib/client/owner-api";
import { type CallLink, extendCallLink } from "@/lib/client/call-links/owner-call-links";
import { t } from "@/lib/i18n";
import { LinkLifetimeSelect } from "../dashboard/lifetime-select";
import { useOwner } from "../dashboard/owner-context";

/** Extends a call link to now + the chosen lifetime. */
export function ExtendLinkDialog({ link, onClose, onDone }: { link: CallLink; onClose: () => void; onDone: () => Promise<void> }) {
  const owner = useOwner();
  const id = useId();
  const [hours, setHours] = useState(owner.maxLinkHours);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      await extendCallLink(link.callToken, hours);
      await onDone();
      onClose();
    } catch (err) {
      setError(describeError(err, t("owner.links.extendFailed")));
    }
  }
  return (
    <Dialog open onClose={onClose} title={t("owner.links.extendTitle", { who: link.callerId })}>
      <form onSubmit={submit} className="flex flex-col gap-4">
        <LinkLifetimeSelect id={`${id}-life`} label={t("owner.links.extendLabel")} hours={hours} onChange={setHours} />
        <ErrorText>{error}</ErrorText>
        <DialogActions onCancel={onClose}>
          <button type="submit" className={buttonClass("primary")}>
            {t("owner.save")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
