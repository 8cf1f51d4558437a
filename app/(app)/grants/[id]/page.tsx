import type { Metadata } from "next";
import { GrantDetail } from "@/components/grants/grant-detail";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/data/audit";
import { getGrantView } from "@/lib/data/grants";
import { orNotFound } from "@/lib/errors/or-not-found";

export const metadata: Metadata = { title: "Grant" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GrantPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const grant = await orNotFound(getGrantView(user, id));
  const history = await listAuditEvents(user, { entity: "Grant", entityId: id, page: 1, pageSize: 50 });
  const justRequested = (await searchParams).requested === "1";
  return <GrantDetail grant={grant} history={history.rows} canRevoke={can(user.role, "grant:revoke")} justRequested={justRequested} />;
}
