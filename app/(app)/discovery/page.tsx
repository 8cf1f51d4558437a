import type { Metadata } from "next";
import { DiscoveryRuns } from "@/components/discovery/discovery-runs";
import { ScopeFilter } from "@/components/discovery/scope-filter";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { discoveryScopes, listDiscoveryRuns } from "@/lib/data/discovery";
import { discoveryRunQuerySchema } from "@/lib/validation/discovery.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Discovery" };

export default async function DiscoveryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(discoveryRunQuerySchema, await searchParams, { pageSize: "25" });
  const runs = await listDiscoveryRuns(user, query);
  const scopes = await discoveryScopes(user);
  return (
    <>
      <PageHeader
        title="Discovery"
        description="What AI tools can really do, read from the configuration that grants it: CI workflows, agent settings, MCP configs and Kubernetes RBAC. Each run replaces what its connectors found before in its scope; where sources disagree, the register judges the riskier."
      />
      <Card
        title="Runs"
        description="Newest first. Open a run for what it could not map or read."
        actions={scopes.length > 1 && <ScopeFilter scopes={scopes} value={query.scope ?? ""} />}
      >
        <DiscoveryRuns data={runs} />
      </Card>
    </>
  );
}
