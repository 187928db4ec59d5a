import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-3xl font-bold tracking-tight">This page does not exist</h1>
      <p className="text-slate-700">Check the link you were given, or start from the home page.</p>
      <Link href="/" className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700">
        Go to Loop
      </Link>
    </main>
  );
}
