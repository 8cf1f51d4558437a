import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import type { AuditEventDto } from "@/lib/dto/audit";
import { Time } from "@/components/ui/time";
import { EventChanges } from "./event-changes";

// A short history (a tool's, a grant's): newest first, each event with who, what and the change.
export function AuditEventList({ events, empty = "No recorded changes yet" }: { events: AuditEventDto[]; empty?: string }) {
  if (events.length === 0) return <EmptyState title={empty} />;
  return (
    <ol className="divide-y divide-slate-100" data-testid="audit-history">
      {events.map((event) => (
        <li key={event.id} className="py-2" data-testid="audit-history-event" data-action={event.action}>
          <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="font-medium text-slate-900">{event.action}</span>
            <span className="text-xs text-slate-500">
              {event.entity === "Grant" ? (
                <Link href={`/grants/${event.entityId}`} className="text-brand-700 underline">
                  grant
                </Link>
              ) : (
                event.entity
              )}{" "}
              · {event.actor}
            </span>
            <Time value={event.at} format="minute" className="ml-auto text-xs text-slate-500" />
          </div>
          <div className="mt-1">
            <EventChanges before={event.before} after={event.after} />
          </div>
        </li>
      ))}
    </ol>
  );
}
