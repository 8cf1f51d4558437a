import type { AuditEventDto } from "@/lib/dto/audit";
import { Card, CardLink } from "@/components/ui/card";
import { AuditEventList } from "./event-list";

// The tool page's history: audit events about the tool and about its grants, newest first.
export function ToolHistory({ slug, events, total }: { slug: string; events: AuditEventDto[]; total: number }) {
  return (
    <Card
      title={`History (${total})`}
      description="Every recorded change to this tool and its grants: who, what, before and after."
      actions={<CardLink href={`/audit?entity=AiTool&entityId=${encodeURIComponent(slug)}`}>Tool events in the audit log →</CardLink>}
    >
      <AuditEventList events={events} empty="No recorded changes to this tool yet" />
      {total > events.length && <p className="mt-2 text-xs text-slate-500">Showing the latest {events.length} of {total}.</p>}
    </Card>
  );
}
