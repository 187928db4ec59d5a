"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { t } from "@/lib/i18n";

/** The room link as a QR code, drawn here in the browser: the #key never leaves it. */
export function RoomQr({ link, name }: { link: string; name: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: 240 }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [link]);
  return (
    <figure className="flex flex-col items-center gap-2">
      <div
        role="img"
        aria-label={t("owner.qr.alt", { name })}
        data-testid="room-qr"
        className="size-60 [&>svg]:size-full"
        // qrcode's own SVG output: no user text in it, only the code's modules.
        dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
      />
      <figcaption className="text-center text-sm text-slate-600">{t("owner.qr.caption")}</figcaption>
    </figure>
  );
}
