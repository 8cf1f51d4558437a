import type { Metadata } from "next";
import { RecordHistory } from "@/components/audit/record-history";
import { EditCapabilityForm } from "@/components/catalog/catalog-forms";
import { GrantReferences } from "@/components/catalog/catalog-references";
import { CapabilityClassBadge } from "@/components/domain-badges";
import { Badge } from "@/components/ui/badge";
import { Card, CardLink, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { Success } from "@/components/ui/form";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { getCapability } from "@/lib/data/catalog";
import { listGrants } from "@/lib/data/grants";
import { readPolicy } from "@/lib/data/policy";
import { orNotFound } from "@/lib/errors/or-not-found";
import { addressFromSegment } from "@/lib/validation/catalog.validation";
import { grantListQuerySchema } from "@/lib/validation/grants.validation";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: addressFromSegment((await params).key) };
}

export default async function CapabilityPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const key = addressFromSegment((await params).key);
  const capability = await orNotFound(getCapability(user, key));
  const grants = await listGrants(user, grantListQuerySchema.parse({ capability: key, pageSize: "50" }));
  const history = await listAuditEvents(user, { entity: "Capability", entityId: key, page: 1, pageSize: 20 });
  const { policy } = await readPolicy(user);
  const highImpact = policy.highImpactClasses.includes(capability.class);
  const canWrite = can(user.role, "catalog:write");
  const created = (await searchParams).created === "1";
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/catalog/capabilities", "Catalog"]], here: capability.key }}
        title={<code className="font-mono">{capability.key}</code>}
        badges={<CapabilityClassBadge value={capability.class} />}
        description={capability.description}
      />
      {created && (
        <Success className="mb-4" testId="catalog-created">
          Added {capability.key}.
        </Success>
      )}
      <Facts columns="md:grid-cols-3">
        <Fact label="Class" testId="capability-class">
          <CapabilityClassBadge value={capability.class} />
        </Fact>
        <Fact label="High impact under the policy">
          {highImpact ? <Badge tone="red">High impact</Badge> : "No"}
        </Fact>
        <Fact label="Grants including it">
          <span className="tabular-nums">{grants.total}</span>
        </Fact>
      </Facts>

      <div className={cn("mb-6 grid gap-6", canWrite && "xl:grid-cols-2")}>
        <Card
          title={`Grants including it (${grants.total})`}
          description="Every grant that lists this capability, newest first, whatever its status."
          actions={
            grants.total > 0 && (
              <span className="shrink-0 whitespace-nowrap">
                <CardLink href={`/grants?capability=${encodeURIComponent(capability.key)}&status=ALL`}>In the grant queue →</CardLink>
              </span>
            )
          }
        >
          <GrantReferences grants={grants.rows} total={grants.total} empty="No grant includes this capability yet" />
        </Card>
        {canWrite && (
          <Card title="Edit capability" description="A new class applies to every grant and finding that holds the capability at once.">
            <EditCapabilityForm capability={capability} />
          </Card>
        )}
      </div>
      <RecordHistory entity="Capability" entityId={capability.key} what="capability" events={history.rows} total={history.total} />
    </>
  );
}
