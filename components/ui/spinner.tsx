"use client";
import { useEffect, useState } from "react";

/**
 * A spinner with an accessible label. `delayMs` keeps it hidden for fast loads, so a page
 * that is ready in a blink never flickers.
 */
export function Spinner({ label, delayMs = 0, className = "size-8" }: { label: string; delayMs?: number; className?: string }) {
  const [visible, setVisible] = useState(delayMs === 0);
  useEffect(() => {
    if (delayMs === 0) return;
    const t = setTimeout(() => setVisible(true), delayMs);
    return () => clearTimeout(t);
  }, [delayMs]);
  return (
    <span role="status" className="inline-flex items-center gap-3">
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className={`${className} animate-spin text-current transition-opacity ${visible ? "opacity-100" : "opacity-0"}`}
      >
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
        <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <span className="sr-only">{label}</span>
    </span>
  );
}
