import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/next-auth";
import { nextAuthEnvelope, nextAuthRefusal, signInRefusal } from "@/lib/accounts/sign-in-http";

// next-auth's own endpoints (csrf, providers, callback/*, signout, session).
type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const form = req.method === "POST" ? await req.clone().text() : "";
  const refused = nextAuthRefusal(req, form);
  if (refused) return refused;
  const res = await NextAuth(authOptions())(req, ctx);
  // A throttled password sign-in answers 429 / 116 with Retry-After (contract §1 "Limits").
  return (await signInRefusal(req, form, res)) ?? nextAuthEnvelope(req, res);
}

/** HEAD: the GET's status and headers (next-auth itself refuses HEAD with an empty 400). */
async function head(req: Request, ctx: Ctx) {
  const res = await handler(new NextRequest(req.url, { method: "GET", headers: req.headers }), ctx);
  return new Response(null, { status: res.status, headers: res.headers });
}

export { handler as GET, handler as POST, head as HEAD };
