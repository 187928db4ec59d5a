import { OwnerShell } from "@/components/dashboard/owner-shell";
import { currentOwner } from "./current-owner";

// Per request: the page depends on who is signed in.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const boot = await currentOwner("/dashboard");
  return <OwnerShell boot={boot}>{children}</OwnerShell>;
}
