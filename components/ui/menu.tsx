"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A disclosure menu: a button that opens a panel below it. Escape closes it and gives focus
 * back to the button; a click outside closes it. `children` gets `close` for its links.
 */
export function Menu({
  button,
  buttonClassName,
  panelClassName = "",
  className = "relative",
  testId,
  children,
}: {
  button: ReactNode;
  buttonClassName: string;
  panelClassName?: string;
  className?: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        trigger.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className={className} data-testid={testId}>
      <button ref={trigger} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} className={buttonClassName}>
        {button}
      </button>
      <div id={id} hidden={!open} className={`absolute end-0 top-full z-40 mt-2 rounded-2xl bg-white text-start shadow-xl ring-1 ring-slate-200 ${panelClassName}`}>
        {children(() => setOpen(false))}
      </div>
    </div>
  );
}
