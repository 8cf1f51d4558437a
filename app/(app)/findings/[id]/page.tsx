import type { Metadata } from "next";
import { FindingDetail } from "@/components/findings/finding-detail";
import { requireUser } from "@/lib/auth/session";
import { findingDetail } from "@/lib/data/findings";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Finding" };

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const finding = await orNotFound(findingDetail(user, id));
  return <FindingDetail finding={finding} now={new Date()} />;
}
