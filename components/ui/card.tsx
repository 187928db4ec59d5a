import type { ReactNode } from "react";

/** The white rounded surface dashboard forms and lists sit on. */
export const cardClass = "rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200";

/**
 * A titled card: an h2 named by `id`, an optional intro line, then the content. The intro sits
 * close under the title; `flat` spaces title, intro and content alike by the card's gap (the
 * account and contacts cards).
 */
export function CardSection({
  id,
  title,
  intro,
  className = "",
  flat = false,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  className?: string;
  flat?: boolean;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={id} className="text-lg font-semibold">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={id} className={`flex flex-col ${cardClass} ${className || "gap-4"}`}>
      {flat ? (
        <>
          {heading}
          {intro && <p className="text-sm text-slate-700">{intro}</p>}
        </>
      ) : (
        <div>
          {heading}
          {intro && <p className="mt-1 text-sm text-slate-700">{intro}</p>}
        </div>
      )}
      {children}
    </section>
  );
}

/**
 * A dashboard page's title (h1 named by `id`) with its intro, or with the page's actions
 * beside it (on the far side, wrapping under it on narrow screens).
 */
export function PanelHeader({ id, title, intro, actions }: { id?: string; title: string; intro?: string; actions?: ReactNode }) {
  const heading = (
    <h1 id={id} className="text-2xl font-bold tracking-tight">
      {title}
    </h1>
  );
  if (actions) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        {heading}
        <div className="ms-auto flex flex-wrap gap-2">{actions}</div>
      </div>
    );
  }
  return (
    <div>
      {heading}
      {intro && <p className="mt-1 max-w-prose text-slate-700">{intro}</p>}
    </div>
  );
}
