import { Badge } from "@/components/ui/badge";
import type { WebhookDto } from "@/lib/dto/webhooks";

export function WebhookStatus({ subscription }: { subscription: Pick<WebhookDto, "active" | "disabledAt" | "consecutiveFailures"> }) {
  if (!subscription.active) return <Badge tone={subscription.disabledAt ? "red" : "neutral"}>{subscription.disabledAt ? "Switched off: failing" : "Off"}</Badge>;
  if (subscription.consecutiveFailures > 0) return <Badge tone="yellow">Failing ({subscription.consecutiveFailures} in a row)</Badge>;
  return <Badge tone="green">Active</Badge>;
}
