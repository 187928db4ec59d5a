import type { ReactNode } from "react";

/**
 * A full-page message: an icon, a title (the page's h1), text, and actions. Used for every
 * "this is where you are" state (link expired, room full, connection lost…).
 */
export type StatusTone = "neutral" | "warning" | "error" | "success";

const tones: Record<StatusTone, string> = {
  neutral: "bg-brand-50 text-brand-700",
  warning: "bg-amber-100 text-amber-800",
  error: "bg-red-100 text-red-700",
  success: "bg-emerald-100 text-emerald-800",
};

export function StatusScreen({
  icon,
  tone = "neutral",
  title,
  children,
  actions,
  testId,
}: {
  icon?: ReactNode;
  tone?: StatusTone;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <main className="grid min-h-dvh place-items-center px-4 py-10" data-testid={testId}>
      <section className="flex w-full max-w-md flex-col items-center gap-5 rounded-3xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200 sm:p-8">
        {icon && <div className={`grid size-14 place-items-center rounded-2xl ${tones[tone]}`}>{icon}</div>}
        <h1 className="text-2xl font-bold tracking-tight text-balance">{title}</h1>
        {children && <div className="flex w-full flex-col gap-3 text-slate-700">{children}</div>}
        {actions && <div className="flex w-full flex-wrap justify-center gap-3">{actions}</div>}
      </section>
    </main>
  );
}
