import type { Metadata } from "next";
import { RiskForm } from "@/components/risks/risk-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { riskFormOptions } from "@/lib/data/risks";

export const metadata: Metadata = { title: "New risk" };

export default async function NewRiskPage({ searchParams }: { searchParams: Promise<{ tool?: string }> }) {
  const user = await requireUser();
  if (!can(user.role, "risk:write")) {
    return <EmptyState title="Platform leads and security reviewers add risks">Your role can read the risk register but not change it.</EmptyState>;
  }
  const options = await riskFormOptions(user);
  const { tool } = await searchParams;
  return (
    <>
      <PageHeader breadcrumbs={{ links: [["/risks", "Risks"]], here: "new" }} title="New risk" />
      <RiskForm options={options} tool={typeof tool === "string" ? tool : undefined} />
    </>
  );
}
