import Link from "next/link";
import { t } from "@/lib/i18n";

const SIZES = {
  sm: "size-8 rounded-xl",
  md: "size-9 rounded-xl text-lg font-bold",
  lg: "size-11 rounded-2xl text-xl font-bold",
} as const;

/** The Loop mark: decorative, so hidden from screen readers (the name beside it is read). */
export function LogoMark({ size = "sm" }: { size?: keyof typeof SIZES }) {
  return (
    <span aria-hidden className={`grid place-items-center bg-brand-600 text-white ${SIZES[size]}`}>
      ∞
    </span>
  );
}

/** The home link at the top of the guest pages. */
export function GuestBrandLink() {
  return (
    <Link href="/" className="mb-2 inline-flex w-fit items-center gap-2 font-semibold text-brand-700" aria-label={t("guest.brand")}>
      <LogoMark />
      <span aria-hidden>Loop</span>
    </Link>
  );
}
