import type { Metadata } from "next";
import { IncidentForm } from "@/components/incidents/incident-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { incidentLinkOptions, suggestIncidentKey } from "@/lib/data/incidents";

export const metadata: Metadata = { title: "New incident" };

export default async function NewIncidentPage() {
  const user = await requireUser();
  if (!can(user.role, "incident:write")) {
    return <EmptyState title="Incident managers record incidents">Your role can read incidents but not record them.</EmptyState>;
  }
  const options = await incidentLinkOptions(user);
  const suggestedKey = await suggestIncidentKey(user);
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/incidents", "Incidents"]], here: "new" }}
        title="New incident"
        description="Record what happened, when, how far it reached, and whether GenAI played a part. Link tools and mitigations on the next page."
      />
      <IncidentForm mode="create" suggestedKey={suggestedKey} environments={options.environments} />
    </>
  );
}
