import type { Metadata } from "next";
import { ToolChanges } from "@/components/changes/tool-changes";
import { ToolHistory } from "@/components/audit/tool-history";
import { GrantRequestForm } from "@/components/grants/grant-request-form";
import { ToolDetailView } from "@/components/tools/tool-detail";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listChanges } from "@/lib/data/changes";
import { toolHistory } from "@/lib/data/audit";
import { toolPolicyView } from "@/lib/data/findings";
import { readPolicy } from "@/lib/data/policy";
import { getTool, listCatalog } from "@/lib/data/tools";
import { orNotFound } from "@/lib/errors/or-not-found";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";
import { expiryBounds } from "@/lib/validation/grants.validation";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ToolPage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const tool = await orNotFound(getTool(user, slug));
  const policy = await toolPolicyView(user, slug);
  const catalog = await listCatalog(user);
  const history = await toolHistory(user, slug);
  const changes = await listChanges(user, changeListQuerySchema.parse({ tool: slug, pageSize: "10" }));
  const rules = await readPolicy(user);
  return (
    <>
      <ToolDetailView
        tool={tool}
        policy={policy}
        catalog={catalog}
        canDeclare={can(user.role, "observation:write")}
        grantRequest={
          can(user.role, "grant:request") && (
            <GrantRequestForm
              tool={{ slug: tool.slug, modes: tool.modes }}
              environments={catalog.environments.map(({ name, tier, dataSensitivity, criticalPath }) => ({ name, tier, dataSensitivity, criticalPath }))}
              capabilities={catalog.capabilities}
              policy={rules.policy}
              {...expiryBounds()}
            />
          )
        }
      />
      <div className="mt-6">
        <ToolChanges slug={slug} changes={changes.rows} total={changes.total} />
      </div>
      <div className="mt-6">
        <ToolHistory slug={slug} events={history.events} total={history.total} />
      </div>
    </>
  );
}
