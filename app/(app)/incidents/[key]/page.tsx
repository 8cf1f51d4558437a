import type { Metadata } from "next";
import { IncidentDetailView } from "@/components/incidents/incident-detail";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { incidentLinkOptions, incidentPageData } from "@/lib/data/incidents";
import { listMitigations, mitigationFormOptions } from "@/lib/data/mitigations";
import { orNotFound } from "@/lib/errors/or-not-found";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).key) };
}

export default async function IncidentPage({ params }: Props) {
  const user = await requireUser();
  const key = decodeURIComponent((await params).key);
  const data = await orNotFound(incidentPageData(user, key));
  const mitigations = await listMitigations(user, { incident: key });
  const mitigationOptions = await mitigationFormOptions(user, data.tools.map((t) => t.slug));
  const options = await incidentLinkOptions(user);
  return (
    <IncidentDetailView
      data={data}
      mitigations={mitigations}
      mitigationOptions={mitigationOptions}
      tools={options.tools}
      canWriteIncident={can(user.role, "incident:write")}
      canWriteMitigation={can(user.role, "mitigation:write")}
      now={new Date()}
    />
  );
}
