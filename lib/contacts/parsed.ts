/**
 * What the vCard and CSV readers hand to the importer: candidates (not yet checked against the
 * address book) and entries that could not be read, each with a reason the UI words.
 */
export type SkipReason =
  /** the entry's structure is broken (unterminated vCard, unbalanced CSV quotes) */
  | "malformed"
  /** no e-mail address and no phone number that can be normalised to E.164 */
  | "missing-email"
  | "invalid-email"
  | "name-too-long"
  /** the same address appears earlier in the same file */
  | "duplicate"
  /** the address is already in the address book (kept for older clients; no longer produced) */
  | "exists"
  /** the address book is full */
  | "limit";

/**
 * `entry` is the 1-based position in the file (card number or data row number). `uid` is the
 * vCard UID when the card has one: the key a re-import or a sync matches the contact by.
 */
export type Candidate = { entry: number; name: string; email: string | null; phoneNumbers: string[]; uid?: string };
export type Skipped = { entry: number; label: string; reason: SkipReason };
export type ParseResult = { candidates: Candidate[]; skipped: Skipped[] };
export type Parsed = Candidate | Skipped;

export function isSkipped(p: Parsed): p is Skipped {
  return "reason" in p;
}

/** Collects a reader's entries into the two lists. */
export function collect(entries: Iterable<Parsed>): ParseResult {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  for (const e of entries) {
    if (isSkipped(e)) skipped.push(e);
    else candidates.push(e);
  }
  return { candidates, skipped };
}
