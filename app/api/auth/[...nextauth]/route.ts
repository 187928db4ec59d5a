import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { signInRefusal } from "@/lib/accounts/sign-in-http";

// next-auth's own endpoints (csrf, providers, callback/*, signout, session).
type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const form = req.method === "POST" ? await req.clone().text() : "";
  const res = await NextAuth(authOptions())(req, ctx);
  // A throttled password sign-in answers 429 / 116 with Retry-After (contract §1 "Limits").
  return (await signInRefusal(req, form, res)) ?? res;
}

export { handler as GET, handler as POST };
