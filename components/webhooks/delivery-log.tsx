import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { DeliveryDto } from "@/lib/dto/webhooks";
import { RedeliverButton } from "./webhook-forms";

const STATUS_TONE: Record<DeliveryDto["status"], Tone> = { DELIVERED: "green", PENDING: "yellow", FAILED: "red" };
const STATUS_LABEL: Record<DeliveryDto["status"], string> = { DELIVERED: "Delivered", PENDING: "Pending", FAILED: "Failed" };

function AttemptOutcome({ attempt }: { attempt: DeliveryDto["attemptLog"][number] }) {
  return (
    <span className="font-mono text-xs">
      {attempt.statusCode ?? "no answer"} · {attempt.latencyMs} ms
    </span>
  );
}

export function DeliveryLog({ subscriptionId, deliveries }: { subscriptionId: string; deliveries: DeliveryDto[] }) {
  if (deliveries.length === 0) return <EmptyState title="Nothing sent yet">Send a test event to check the endpoint; events it subscribes to show here as they happen.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="delivery-log">
      {deliveries.map((delivery) => {
        const last = delivery.attemptLog[0];
        return (
          <li key={delivery.id} className="py-3" data-testid="delivery">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={STATUS_TONE[delivery.status]}>{STATUS_LABEL[delivery.status]}</Badge>
                  <code className="font-mono text-xs text-slate-900">{delivery.eventType}</code>
                  <span className="text-xs text-slate-600">
                    <Time value={delivery.createdAt} format="second" /> · {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                    {delivery.nextAttemptAt && (
                      <>
                        {" "}
                        · next <Time value={delivery.nextAttemptAt} format="second" />
                      </>
                    )}
                  </span>
                </p>
                <p className="mt-1 break-words text-sm text-slate-800">{delivery.summary}</p>
                <p className="mt-0.5 break-all font-mono text-xs text-slate-600">webhook-id {delivery.eventId}</p>
              </div>
              <div className="flex items-center gap-3">
                {last && <AttemptOutcome attempt={last} />}
                <RedeliverButton id={subscriptionId} deliveryId={delivery.id} eventId={delivery.eventId} />
              </div>
            </div>
            {delivery.attemptLog.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs font-medium text-brand-700">Attempts ({delivery.attemptLog.length} latest)</summary>
                <table className="mt-2 min-w-full text-xs">
                  <thead>
                    <tr className="text-left text-slate-600">
                      <th scope="col" className="py-1 pr-3 font-medium">At (UTC)</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Latency</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {delivery.attemptLog.map((attempt, index) => (
                      <tr key={index} className="align-top" data-testid="attempt">
                        <td className="whitespace-nowrap py-1 pr-3">
                          <Time value={attempt.at} format="second" />
                        </td>
                        <td className="py-1 pr-3 font-mono">{attempt.statusCode ?? "—"}</td>
                        <td className="whitespace-nowrap py-1 pr-3">{attempt.latencyMs} ms</td>
                        <td className="max-w-md break-all py-1 pr-3 font-mono text-slate-700">{attempt.error ?? (attempt.response || "(empty)")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
