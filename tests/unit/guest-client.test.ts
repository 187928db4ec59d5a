import { describe, expect, it } from "vitest";
import { decodeChat, encodeChat, MAX_CHAT_LENGTH } from "@/lib/client/chat-message";
import { linkify } from "@/lib/client/call/linkify";
import { cleanDisplayName } from "@/lib/client/call/prefs";
import { refreshDelayMs, retryDelayMs } from "@/lib/client/call/presence";
import { classifyQuality } from "@/lib/client/media/quality";

describe("chat messages (Loop format, ref §6)", () => {
  it("encodes {contentType: chat-text, message, sentTimestamp}", () => {
    const m = JSON.parse(encodeChat("hi", new Date("2026-01-02T03:04:05Z")));
    expect(m).toEqual({ contentType: "chat-text", message: "hi", sentTimestamp: "2026-01-02T03:04:05.000Z" });
  });

  it("decodes chat-text, ignores extra fields, other content types and garbage", () => {
    expect(decodeChat(JSON.stringify({ contentType: "chat-text", message: "yo", sentTimestamp: "x", name: "extra" }))).toEqual({
      contentType: "chat-text",
      message: "yo",
      sentTimestamp: "x",
    });
    expect(decodeChat(JSON.stringify({ contentType: "context-tile", message: "t" }))).toBeNull();
    expect(decodeChat(JSON.stringify({ contentType: "chat-text", message: 5 }))).toBeNull();
    expect(decodeChat(JSON.stringify({ contentType: "chat-text", message: "   " }))).toBeNull();
    expect(decodeChat("{not json")).toBeNull();
    expect(decodeChat(new ArrayBuffer(4))).toBeNull();
  });

  it("bounds message length both ways", () => {
    const long = "a".repeat(MAX_CHAT_LENGTH + 50);
    expect(JSON.parse(encodeChat(long)).message).toHaveLength(MAX_CHAT_LENGTH);
    expect(decodeChat(JSON.stringify({ contentType: "chat-text", message: long }))!.message).toHaveLength(MAX_CHAT_LENGTH);
  });
});

describe("linkify: links become links, nothing becomes HTML", () => {
  it("splits text and http(s) links, trimming trailing punctuation", () => {
    expect(linkify("see https://example.org/a?b=1, and www.mozilla.org.")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ", and " },
      { kind: "link", text: "www.mozilla.org", href: "https://www.mozilla.org" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps balanced parentheses inside a URL, drops an enclosing one", () => {
    expect(linkify("(https://en.wikipedia.org/wiki/Loop_(music))")[1]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.org/wiki/Loop_(music)",
      href: "https://en.wikipedia.org/wiki/Loop_(music)",
    });
  });

  it("never links other schemes and leaves markup as text", () => {
    const parts = linkify('<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,<b>');
    expect(parts).toEqual([{ kind: "text", text: '<img src=x onerror=alert(1)> javascript:alert(1) data:text/html,<b>' }]);
  });
});

describe("presence timing (ref §4.5)", () => {
  it("refreshes at 90 % of expires", () => {
    expect(refreshDelayMs(300)).toBe(270_000);
    expect(refreshDelayMs(0)).toBe(270_000); // a bad value falls back to the default 300 s
  });

  it("retries a failed refresh while the participation lives, then gives up", () => {
    expect(retryDelayMs(300, 270_000)).toBe(5000);
    expect(retryDelayMs(300, 297_000)).toBe(1000);
    expect(retryDelayMs(300, 300_000)).toBeNull();
  });
});

describe("connection quality hint", () => {
  it("good, fair, poor from packet loss and round-trip time", () => {
    const base = { packetsReceived: 1000, packetsLost: 0 };
    expect(classifyQuality(base, { packetsReceived: 2000, packetsLost: 0, roundTripTime: 0.05 })).toBe("good");
    expect(classifyQuality(base, { packetsReceived: 1950, packetsLost: 50, roundTripTime: 0.05 })).toBe("fair");
    expect(classifyQuality(base, { packetsReceived: 1800, packetsLost: 200 })).toBe("poor");
    expect(classifyQuality(base, { packetsReceived: 2000, packetsLost: 0, roundTripTime: 0.3 })).toBe("fair");
    expect(classifyQuality(base, { packetsReceived: 2000, packetsLost: 0, roundTripTime: 0.8 })).toBe("poor");
  });

  it("unknown without data; stalled media is poor", () => {
    expect(classifyQuality(undefined, { packetsReceived: 10, packetsLost: 0 })).toBe("unknown");
    expect(classifyQuality({ packetsReceived: 10, packetsLost: 0 }, { packetsReceived: 10, packetsLost: 0, roundTripTime: 0.01 })).toBe("poor");
  });
});

describe("display names", () => {
  it("are trimmed, single-spaced and bounded", () => {
    expect(cleanDisplayName("  Ada \n  Lovelace ")).toBe("Ada Lovelace");
    expect(cleanDisplayName("x".repeat(300))).toHaveLength(100);
    expect(cleanDisplayName("   ")).toBe("");
  });
});
