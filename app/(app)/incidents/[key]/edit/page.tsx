import type { Metadata } from "next";
import { IncidentForm } from "@/components/incidents/incident-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getIncident, incidentLinkOptions } from "@/lib/data/incidents";
import { orNotFound } from "@/lib/errors/or-not-found";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${decodeURIComponent((await params).key)}` };
}

export default async function EditIncidentPage({ params }: Props) {
  const user = await requireUser();
  const key = decodeURIComponent((await params).key);
  const incident = await orNotFound(getIncident(user, key));
  if (!can(user.role, "incident:write")) {
    return <EmptyState title="Incident managers edit incidents">Your role can read incidents but not change them.</EmptyState>;
  }
  const options = await incidentLinkOptions(user);
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/incidents", "Incidents"], [`/incidents/${incident.key}`, incident.key]], here: "edit" }}
        title={`Edit ${incident.key}`}
        description={incident.title}
      />
      <IncidentForm mode="edit" incident={incident} environments={options.environments} />
    </>
  );
}
