import type { Metadata } from "next";
import { RiskForm } from "@/components/risks/risk-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getRisk, riskFormOptions } from "@/lib/data/risks";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Edit risk" };

export default async function EditRiskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const risk = await orNotFound(getRisk(user, (await params).id));
  if (!can(user.role, "risk:write")) {
    return <EmptyState title="Platform leads and security reviewers edit risks">Your role can read the risk register but not change it.</EmptyState>;
  }
  const options = await riskFormOptions(user);
  return (
    <>
      <PageHeader breadcrumbs={{ links: [["/risks", "Risks"], [`/risks/${risk.id}`, risk.toolName]], here: "edit" }} title="Edit risk" description={risk.statement} />
      <RiskForm options={options} risk={risk} />
    </>
  );
}
