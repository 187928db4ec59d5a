import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import "./globals.css";
import { t } from "@/lib/i18n";
import { dirOf } from "@/lib/i18n/locales";
import { getLocale } from "@/lib/i18n/server";
import { LocaleProvider } from "@/lib/i18n/client";
import { LanguageSwitcher } from "@/components/ui/language-switcher";

const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});

export async function generateMetadata(): Promise<Metadata> {
  await getLocale();
  return { title: { default: "Loop", template: "%s — Loop" }, description: t("meta.description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1f66c4" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry this request's CSP nonce (proxy.ts).
  await headers();
  const locale = await getLocale();
  return (
    <html lang={locale} dir={dirOf(locale)} className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <LocaleProvider initial={locale}>
          {children}
          <LanguageSwitcher />
        </LocaleProvider>
      </body>
    </html>
  );
}
