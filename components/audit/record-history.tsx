import type { AuditEventDto } from "@/lib/dto/audit";
import { Card, CardLink } from "@/components/ui/card";
import { AuditEventList } from "./event-list";

// A catalog record's history: its audit events, newest first, as the tool page shows a tool's.
export function RecordHistory({ entity, entityId, what, events, total }: { entity: string; entityId: string; what: string; events: AuditEventDto[]; total: number }) {
  return (
    <Card
      title={`History (${total})`}
      description={`Every recorded change to this ${what}: who, what, before and after.`}
      actions={
        <span className="shrink-0 whitespace-nowrap">
          <CardLink href={`/audit?entity=${entity}&entityId=${encodeURIComponent(entityId)}`}>In the audit log →</CardLink>
        </span>
      }
    >
      <AuditEventList events={events} empty={`No recorded changes to this ${what} yet`} />
      {total > events.length && <p className="mt-2 text-xs text-slate-500">Showing the latest {events.length} of {total}.</p>}
    </Card>
  );
}
