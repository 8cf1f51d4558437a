import type { Metadata } from "next";
import { ToolChanges } from "@/components/changes/tool-changes";
import { ToolDetailView } from "@/components/tools/tool-detail";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listChanges } from "@/lib/data/changes";
import { toolPolicyView } from "@/lib/data/findings";
import { getTool, listCatalog } from "@/lib/data/tools";
import { orNotFound } from "@/lib/errors/or-not-found";
import { changeListQuerySchema } from "@/lib/validation/changes.validation";

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
  const changes = await listChanges(user, changeListQuerySchema.parse({ tool: slug, pageSize: "10" }));
  return (
    <>
      <ToolDetailView tool={tool} policy={policy} catalog={catalog} canDeclare={can(user.role, "observation:write")} />
      <div className="mt-6">
        <ToolChanges slug={slug} changes={changes.rows} total={changes.total} />
      </div>
    </>
  );
}
