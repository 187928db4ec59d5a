/**
 * Does the client prefer an HTML page to JSON (a browser opening an API link, contract §3)?
 * text/html must be listed, and before application/json when both are.
 */
export function prefersHtml(req: Request) {
  const accept = (req.headers.get("accept") ?? "").toLowerCase();
  const html = accept.indexOf("text/html");
  if (html < 0) return false;
  const jsonAt = accept.indexOf("application/json");
  return jsonAt < 0 || html < jsonAt;
}
