import { describe, expect, it } from "vitest";
import { readCookies } from "@/lib/http/cookies";
import { localeFromCookieHeader } from "@/lib/i18n/locales";
import { sessionCookieValue } from "@/lib/auth/web-session";

describe("readCookies (one reader for the session, language and next-auth cookies)", () => {
  it("decodes what decodes, keeps what does not, first of a name wins, quotes come off", () => {
    const jar = readCookies('a=1; b=%C3%A9t%C3%A9; bad=%zz; a=2; q="x y"; noval; =nameless; e=');
    expect(jar.get("a")).toBe("1");
    expect(jar.get("b")).toBe("été");
    expect(jar.get("bad")).toBe("%zz");
    expect(jar.get("q")).toBe("x y");
    expect(jar.get("e")).toBe("");
    expect(jar.has("noval")).toBe(false);
    expect(readCookies(null).size).toBe(0);
  });

  it("a language cookie that does not decode is no language, not an exception", () => {
    expect(localeFromCookieHeader("loop_lang=%zz")).toBeNull();
    expect(localeFromCookieHeader("x=1; loop_lang=fr")).toBe("fr");
    expect(localeFromCookieHeader("loop_lang=xx")).toBeNull();
  });

  it("the session token is read whole or from next-auth's chunks", () => {
    expect(sessionCookieValue("next-auth.session-token=abc.def")).toBe("abc.def");
    expect(sessionCookieValue("next-auth.session-token.0=ab; next-auth.session-token.1=cd")).toBe("abcd");
    expect(sessionCookieValue("other=1")).toBeNull();
  });
});
