import { FoldedForm } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { incidentLinkOptions } from "@/lib/data/incidents";
import { LinkToolForm } from "./link-tool-form";

// The tool page's side of a link: incident managers link this tool to an incident from here.
// Fetches its own choices so the tool page needs no new props.
export async function ToolIncidentLink({ slug, linked }: { slug: string; linked: string[] }) {
  const user = await requireUser();
  if (!can(user.role, "incident:write")) return null;
  const { incidents } = await incidentLinkOptions(user);
  return (
    <FoldedForm summary="Link to incident">
      <LinkToolForm tool={slug} incidents={incidents.filter((i) => !linked.includes(i.key))} />
    </FoldedForm>
  );
}
