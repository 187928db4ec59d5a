/**
 * What the vCard and CSV readers hand to the importer: candidates (not yet checked against the
 * address book) and entries that could not be read, each with a reason the UI words.
 */
export type SkipReason =
  /** the entry's structure is broken (unterminated vCard, unbalanced CSV quotes) */
  | "malformed"
  | "missing-email"
  | "invalid-email"
  | "name-too-long"
  /** the same address appears earlier in the same file */
  | "duplicate"
  /** the address is already in the address book */
  | "exists"
  /** the address book is full */
  | "limit";

/** `entry` is the 1-based position in the file (card number or data row number). */
export type Candidate = { entry: number; name: string; email: string };
export type Skipped = { entry: number; label: string; reason: SkipReason };
export type ParseResult = { candidates: Candidate[]; skipped: Skipped[] };
