"use client";
import { useEffect } from "react";

/**
 * The lifecycle both guest pages share: load once mounted, tell the controller when the page
 * is being hidden for good (so it can leave the room or call with a request that survives
 * unload), and dispose of it on unmount.
 */
export function usePageController<C extends { load(): Promise<unknown>; pageHide(): void; dispose(): void }>(
  ctl: C,
  load: (ctl: C) => Promise<unknown> = (c) => c.load(),
) {
  useEffect(() => {
    void load(ctl);
    const onHide = () => ctl.pageHide();
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      ctl.dispose();
    };
    // `load` runs once per controller; a new function identity on re-render must not reload.
  }, [ctl]);
}
