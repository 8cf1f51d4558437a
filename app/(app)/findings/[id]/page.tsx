import type { Metadata } from "next";
import { FindingDetail } from "@/components/findings/finding-detail";
import { FindingExceptions } from "@/components/findings/finding-exceptions";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { acceptFormOptions, findingExceptions } from "@/lib/data/exceptions";
import { findingDetail } from "@/lib/data/findings";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Finding" };

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const finding = await orNotFound(findingDetail(user, id));
  const exceptions = await findingExceptions(user, finding.id);
  const options = await acceptFormOptions(user);
  return (
    <>
      <FindingDetail finding={finding} now={now()} />
      <div className="mt-6">
        <FindingExceptions finding={finding} exceptions={exceptions} reviewer={{ email: user.email, canAccept: can(user.role, "finding:accept") }} options={options} />
      </div>
    </>
  );
}
