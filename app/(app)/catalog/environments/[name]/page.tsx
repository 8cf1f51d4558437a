import type { Metadata } from "next";
import { RecordHistory } from "@/components/audit/record-history";
import { EditEnvironmentForm } from "@/components/catalog/catalog-forms";
import { GrantReferences } from "@/components/catalog/catalog-references";
import { DataSensitivityBadge, TierBadge } from "@/components/domain-badges";
import { RequiredApprovalsSummary } from "@/components/grants/required-approvals";
import { Badge } from "@/components/ui/badge";
import { Card, CardLink, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { Success } from "@/components/ui/form";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { getEnvironment } from "@/lib/data/catalog";
import { listGrants } from "@/lib/data/grants";
import { readPolicy } from "@/lib/data/policy";
import { orNotFound } from "@/lib/errors/or-not-found";
import { requiredApprovals } from "@/lib/policy/approvals";
import { addressFromSegment } from "@/lib/validation/catalog.validation";
import { grantListQuerySchema } from "@/lib/validation/grants.validation";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: addressFromSegment((await params).name) };
}

export default async function EnvironmentPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const name = addressFromSegment((await params).name);
  const environment = await orNotFound(getEnvironment(user, name));
  const grants = await listGrants(user, grantListQuerySchema.parse({ environment: name, pageSize: "50" }));
  const history = await listAuditEvents(user, { entity: "Environment", entityId: name, page: 1, pageSize: 20 });
  const { policy } = await readPolicy(user);
  // The least a grant here can ask for: what the environment alone makes the matrix require.
  const least = requiredApprovals({ environment, maxAutonomy: "SUGGEST", capabilityClasses: [] }, policy);
  const canWrite = can(user.role, "catalog:write");
  const created = (await searchParams).created === "1";
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/catalog/environments", "Catalog"]], here: environment.name }}
        title={environment.name}
        badges={<TierBadge value={environment.tier} />}
        description={environment.description}
      />
      {created && (
        <Success className="mb-4" testId="catalog-created">
          Added {environment.name}.
        </Success>
      )}
      <Facts columns="md:grid-cols-4">
        <Fact label="Tier" testId="environment-tier">
          <TierBadge value={environment.tier} />
        </Fact>
        <Fact label="Data sensitivity">
          <DataSensitivityBadge value={environment.dataSensitivity} />
        </Fact>
        <Fact label="Critical business path">{environment.criticalPath ? <Badge tone="red">Critical path</Badge> : "No"}</Fact>
        <Fact label="Grants here">
          <span className="tabular-nums">{grants.total}</span>
        </Fact>
      </Facts>

      <div className={cn("mb-6 grid gap-6", canWrite && "xl:grid-cols-2")}>
        <Card title="What the policy asks here" description="From the policy in force, for the least a grant here can ask: suggestions only, no capabilities.">
          <RequiredApprovalsSummary required={least} />
          <p className="mt-3 text-sm text-slate-700" data-testid="review-period">
            An approved grant here is reviewed every {policy.reviews.periodDays[environment.tier]} days.
          </p>
        </Card>
        {canWrite && (
          <Card title="Edit environment" description="A new tier, data sensitivity or critical path applies to every grant and finding here at once.">
            <EditEnvironmentForm environment={environment} />
          </Card>
        )}
      </div>

      <Card
        title={`Grants in this environment (${grants.total})`}
        description="Every grant requested here, newest first, whatever its status."
        actions={
          grants.total > 0 && (
            <span className="shrink-0 whitespace-nowrap">
              <CardLink href={`/grants?environment=${encodeURIComponent(environment.name)}&status=ALL`}>In the grant queue →</CardLink>
            </span>
          )
        }
        className="mb-6"
      >
        <GrantReferences grants={grants.rows} total={grants.total} empty="No grant has been requested here yet" />
      </Card>
      <RecordHistory entity="Environment" entityId={environment.name} what="environment" events={history.rows} total={history.total} />
    </>
  );
}
