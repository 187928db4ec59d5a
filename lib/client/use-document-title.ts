"use client";
import { useEffect } from "react";

/**
 * Keeps the tab's title while the page shows `title`. The room's name is only known in the
 * browser (decrypted from the link), so it cannot be in the server's metadata; and Next may
 * stream its own <title> in after hydration, so a one-time assignment can be overwritten:
 * this re-applies ours whenever the head's title changes.
 */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
