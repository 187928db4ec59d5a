/**
 * Address book files before upload: vCard photos, logos, sounds and keys (base64, often most
 * of a file's size) are dropped here, since an import only keeps names and addresses, and the
 * API's request size stays small.
 */
const BULKY = /^(?:[^.:;]*\.)?(PHOTO|LOGO|SOUND|KEY)[;:]/i;

export function slimAddressBook(text: string): string {
  if (!/BEGIN:VCARD/i.test(text)) return text;
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (skipping && (line.startsWith(" ") || line.startsWith("\t"))) continue;
    skipping = BULKY.test(line);
    if (!skipping) out.push(line);
  }
  return out.join("\r\n");
}

/** Files larger than this after slimming are refused before upload (the API's body limit is 64 KB). */
export const MAX_IMPORT_BYTES = 60 * 1024;
