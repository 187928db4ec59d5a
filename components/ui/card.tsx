import type { ReactNode } from "react";

/** The white rounded surface dashboard forms and lists sit on. */
export const cardClass = "rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200";

/** A titled card: an h2 named by `id`, an optional intro line, then the content. */
export function CardSection({ id, title, intro, className = "", children }: { id: string; title: string; intro?: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={`flex flex-col ${cardClass} ${className || "gap-4"}`}>
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {intro && <p className="mt-1 text-sm text-slate-700">{intro}</p>}
      </div>
      {children}
    </section>
  );
}

/** A dashboard page's title (h1 named by `id`) and its intro. */
export function PanelHeader({ id, title, intro }: { id: string; title: string; intro: string }) {
  return (
    <div>
      <h1 id={id} className="text-2xl font-bold tracking-tight">
        {title}
      </h1>
      <p className="mt-1 max-w-prose text-slate-700">{intro}</p>
    </div>
  );
}
