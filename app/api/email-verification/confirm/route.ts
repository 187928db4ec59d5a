import { consumeVerificationLink } from "@/lib/identity/email";

// The verification page's button: a plain form POST (works without JavaScript). The token in
// the form is the credential; the answer is a 303 to the page that says what happened. A GET
// never verifies (mail scanners follow links): only the page at /verify-email/<token> answers GET.
export async function POST(req: Request) {
  let token = "";
  if (Number(req.headers.get("content-length") ?? "0") <= 4096) {
    try {
      const form = await req.formData();
      token = String(form.get("token") ?? "");
    } catch {
      /* not a form */
    }
  }
  const result = await consumeVerificationLink(token);
  return new Response(null, { status: 303, headers: { Location: `/verify-email/done?result=${result}` } });
}
