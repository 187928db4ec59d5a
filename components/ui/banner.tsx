import type { ReactNode, Ref } from "react";

const tones = {
  info: "bg-brand-50 text-brand-700 ring-brand-100",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  error: "bg-red-50 text-red-800 ring-red-200",
};

/** An inline notice; `alert` interrupts screen readers, the default waits politely. */
export function Banner({
  children,
  tone = "info",
  alert = false,
  className = "",
}: {
  children: ReactNode;
  tone?: keyof typeof tones;
  alert?: boolean;
  className?: string;
}) {
  return (
    <div role={alert ? "alert" : "status"} className={`rounded-xl px-4 py-3 text-sm ring-1 ${tones[tone]} ${className}`}>
      {children}
    </div>
  );
}

/** An error sentence beside a form or action, announced when it appears; nothing when empty. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Banner tone="error" alert>
      {children}
    </Banner>
  );
}

/** The form-level message: announced when it appears, and focusable so focus can move to it. */
export function FormAlert({ message, alertRef }: { message: string | null; alertRef?: Ref<HTMLDivElement> }) {
  return (
    <div ref={alertRef} tabIndex={-1} role="alert" className={message ? `rounded-xl px-4 py-3 ring-1 ${tones.error}` : "sr-only"}>
      {message}
    </div>
  );
}
