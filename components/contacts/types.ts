/** A contact as the /contacts API returns it; `source` is where a synced contact comes from (null: made by hand). */
export type Contact = {
  id: string;
  name: string;
  /** null: known only by phone number */
  email: string | null;
  /** E.164 */
  phoneNumbers: string[];
  createdAt: number;
  source: { id: string; kind: "carddav" | "file"; name: string } | null;
};
