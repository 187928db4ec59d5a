import { linkify } from "@/lib/client/call/linkify";

/**
 * Chat text with web links made clickable. React escapes every text part, so a message is
 * never HTML; links open in a new tab without telling the target where they came from.
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((p, i) =>
        p.kind === "link" ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow" className="break-all underline underline-offset-2">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
