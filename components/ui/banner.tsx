import type { ReactNode } from "react";

/** An inline notice; `alert` interrupts screen readers, the default waits politely. */
export function Banner({
  children,
  tone = "info",
  alert = false,
  className = "",
}: {
  children: ReactNode;
  tone?: "info" | "warning" | "error";
  alert?: boolean;
  className?: string;
}) {
  const colors = {
    info: "bg-brand-50 text-brand-700 ring-brand-100",
    warning: "bg-amber-50 text-amber-900 ring-amber-200",
    error: "bg-red-50 text-red-800 ring-red-200",
  }[tone];
  return (
    <div role={alert ? "alert" : "status"} className={`rounded-xl px-4 py-3 text-sm ring-1 ${colors} ${className}`}>
      {children}
    </div>
  );
}
