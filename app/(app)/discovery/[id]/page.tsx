import type { Metadata } from "next";
import { DiscoveryRunDetail } from "@/components/discovery/discovery-run-detail";
import { requireUser } from "@/lib/auth/session";
import { getDiscoveryRun } from "@/lib/data/discovery";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Discovery run" };

export default async function DiscoveryRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  return <DiscoveryRunDetail run={await orNotFound(getDiscoveryRun(user, id))} />;
}
