import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogs, getT, translate } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { formatClock, formatDuration, formatList, formatRelative } from "@/lib/i18n/format";
import { dirOf, LOCALES, localeFromCookieHeader, negotiateLocale } from "@/lib/i18n/locales";

/** Argument names a message uses, through plural / select branches. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if ("value" in el && (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time || el.type === TYPE.plural || el.type === TYPE.select))
        names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const opt of Object.values(el.options)) walk(opt.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

const sample = (names: string[]) => Object.fromEntries(names.map((n) => [n, n === "n" || n === "min" || n === "max" || n.endsWith("Count") ? 3 : `«${n}»`]));

const englishKeys = Object.keys(en).sort();

describe("catalogs cannot drift from English", () => {
  it("English messages are valid ICU and format without leftovers", () => {
    for (const [key, msg] of Object.entries(en)) {
      const out = translate("en", key as keyof typeof en, sample(argumentsOf(msg)));
      expect(out, key).not.toMatch(/[{}]/);
    }
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    describe(locale, () => {
      const catalog = catalogs[locale];

      it("has every English key and no other", () => {
        const keys = Object.keys(catalog);
        expect(englishKeys.filter((k) => !keys.includes(k)), `missing in ${locale}`).toEqual([]);
        expect(keys.filter((k) => !(k in en)), `not in English (${locale})`).toEqual([]);
      });

      it("uses the same placeholders as English in every message", () => {
        const differing = Object.entries(catalog)
          .filter(([k]) => k in en)
          .filter(([k, msg]) => argumentsOf(msg).join() !== argumentsOf((en as Record<string, string>)[k]).join())
          .map(([k]) => k);
        expect(differing).toEqual([]);
      });

      it("formats every message (no ICU syntax error, no stray braces, not left empty)", () => {
        for (const [key, msg] of Object.entries(catalog)) {
          const out = translate(locale, key as keyof typeof en, sample(argumentsOf(msg)));
          expect(out.trim(), key).not.toBe("");
          expect(out, key).not.toMatch(/[{}]/);
        }
      });

      it("is actually translated (few messages identical to English)", () => {
        const same = Object.entries(catalog).filter(([k, v]) => v === (en as Record<string, string>)[k] && /\p{L}{4,}/u.test(v));
        // Names and words that are the same in both languages ("Email" in German, "Chat") are fine; a copy is not.
        expect(same.length, same.map(([k]) => k).join(", ")).toBeLessThan(12);
      });
    });
  }

  it("the completeness check sees a missing key, an extra key and a changed placeholder", () => {
    const broken: Record<string, string> = { ...catalogs.fr };
    delete broken["landing.title"];
    broken["nope.extra"] = "x";
    broken["owner.rooms.joinNamed"] = "Rejoindre {nom}";
    expect(englishKeys.filter((k) => !(k in broken))).toEqual(["landing.title"]);
    expect(Object.keys(broken).filter((k) => !(k in en))).toEqual(["nope.extra"]);
    expect(argumentsOf(broken["owner.rooms.joinNamed"])).not.toEqual(argumentsOf(en["owner.rooms.joinNamed"]));
  });
});

describe("choosing the language", () => {
  it("Accept-Language: highest q wins, regions fall back to the language, unknown → English", () => {
    expect(negotiateLocale("fr-CH, fr;q=0.9, en;q=0.8")).toBe("fr");
    expect(negotiateLocale("ja, de-AT;q=0.7, en;q=0.5")).toBe("de");
    expect(negotiateLocale("en;q=0.2, es-MX;q=0.9")).toBe("es");
    expect(negotiateLocale("ar-EG")).toBe("ar");
    expect(negotiateLocale("zh-CN, ja")).toBe("en");
    expect(negotiateLocale("fr;q=0, de")).toBe("de");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("the cookie names a supported language or nothing", () => {
    expect(localeFromCookieHeader("a=1; loop_lang=ar; b=2")).toBe("ar");
    expect(localeFromCookieHeader("loop_lang=xx")).toBeNull();
    expect(localeFromCookieHeader(null)).toBeNull();
  });

  it("Arabic is right-to-left, the others left-to-right", () => {
    expect(LOCALES.map(dirOf)).toEqual(["ltr", "ltr", "ltr", "ltr", "rtl"]);
  });
});

describe("formatting through Intl and ICU", () => {
  it("plurals follow each language's rules", () => {
    expect(getT("en")("owner.create.people", { n: 1 })).toBe("1 person");
    expect(getT("en")("owner.create.people", { n: 4 })).toBe("4 people");
    expect(getT("fr")("owner.create.people", { n: 1 })).toMatch(/^1 personne$/);
    expect(getT("fr")("owner.create.people", { n: 4 })).toMatch(/^4 personnes$/);
    // Arabic has six plural categories: 2 is "dual", 11 is "many".
    expect(getT("ar")("owner.create.people", { n: 2 })).not.toBe(getT("ar")("owner.create.people", { n: 11 }));
  });

  it("lists, durations and relative times in the reader's language", () => {
    expect(formatList(["Anna", "Ben", "Chloé"], "fr")).toBe("Anna, Ben et Chloé");
    expect(formatList(["Anna", "Ben"], "de")).toBe("Anna und Ben");
    expect(formatDuration(125, "en")).toBe("2 minutes 5 seconds");
    expect(formatClock(3725, "en")).toBe("1:02:05");
    expect(formatRelative(Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 1), "fr")).toBe("demain");
    expect(formatRelative(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1, 3), "de")).toBe("vor 3 Stunden");
  });

  it("an explicit language wins over the ambient one (mail and SMS on the server)", () => {
    expect(translate("de", "auth.signIn.title")).not.toBe(translate("en", "auth.signIn.title"));
  });
});
