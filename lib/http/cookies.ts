/**
 * The cookies of a `Cookie` header by name. The first of a repeated name wins, as in the
 * `cookie` package next-auth reads them with (browsers send the most specific path first). A
 * value is percent-decoded where it decodes and kept as sent where it does not: a cookie a
 * client made up must never turn a request into a 500.
 */
export function readCookies(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  if (!header) return jar;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (jar.has(name)) continue;
    let value = part.slice(i + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
    if (value.includes("%")) {
      try {
        value = decodeURIComponent(value);
      } catch {
        /* kept as sent */
      }
    }
    jar.set(name, value);
  }
  return jar;
}
