"use client";

import { useState } from "react";
import { t } from "@/lib/i18n";
import { buttonClass } from "./button";

/** Copies text; the label says "Copied" for a moment (and screen readers hear it). */
export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className={className ?? buttonClass("secondary")}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? t("owner.copied") : state === "failed" ? t("owner.copyFailed") : label}</span>
    </button>
  );
}
