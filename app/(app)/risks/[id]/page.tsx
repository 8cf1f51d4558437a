import type { Metadata } from "next";
import { RiskDetailView } from "@/components/risks/risk-detail";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listMitigations, mitigationFormOptions } from "@/lib/data/mitigations";
import { getRisk } from "@/lib/data/risks";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Risk" };

export default async function RiskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const risk = await orNotFound(getRisk(user, (await params).id));
  const mitigations = await listMitigations(user, { riskId: risk.id });
  const options = await mitigationFormOptions(user, [risk.tool]);
  return <RiskDetailView risk={risk} mitigations={mitigations} options={options} canWriteRisk={can(user.role, "risk:write")} canWriteMitigation={can(user.role, "mitigation:write")} />;
}
