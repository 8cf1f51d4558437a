import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { WebhookStatus } from "@/components/webhooks/webhook-status";
import { DeleteWebhookButton, EditWebhookForm, SendTestEventButton } from "@/components/webhooks/webhook-forms";
import { Pagination } from "@/components/data-table/pagination";
import { Card, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getWebhook, listDeliveries } from "@/lib/data/webhooks";
import { orNotFound } from "@/lib/errors/or-not-found";
import { lenientQuery } from "@/lib/validation/paging";
import { deliveryListQuerySchema } from "@/lib/validation/webhooks.validation";

export const metadata: Metadata = { title: "Notification subscription" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebhookPage({ params, searchParams }: Props) {
  const user = await requireUser();
  // Subscriptions are an admin's: to anyone else this page does not exist.
  if (!can(user.role, "webhook:manage")) notFound();
  const { id } = await params;
  const subscription = await orNotFound(getWebhook(user, id));
  const query = lenientQuery(deliveryListQuerySchema, await searchParams, { pageSize: "25" });
  const deliveries = await listDeliveries(user, id, query);
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/webhooks", "Notifications"]], here: subscription.name }}
        title={subscription.name}
        badges={<WebhookStatus subscription={subscription} />}
        description={subscription.kind === "SLACK" ? "Slack messages to an incoming webhook." : "Signed JSON per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)."}
        actions={<SendTestEventButton id={subscription.id} />}
      />
      <div className="space-y-6">
        {!subscription.active && subscription.disabledAt && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="webhook-disabled">
            <p className="font-medium">
              The register switched this subscription off on <Time value={subscription.disabledAt} format="minute" />: {subscription.disabledReason}.
            </p>
            <p className="mt-1">Nothing is sent to it until an admin switches it on again below (a test event still goes, to check that the endpoint is back). Deliveries left pending resume then.</p>
          </div>
        )}
        <Card title="Delivery log" description="Newest first; each delivery is retried with growing waits for a day after its event, then marked failed.">
          <DeliveryLog subscriptionId={subscription.id} deliveries={deliveries.rows} />
          <Pagination data={deliveries} />
        </Card>
        <Card title="Settings">
          <Facts columns="sm:grid-cols-2 lg:grid-cols-4">
            <Fact label="Signing secret">
              <code className="font-mono text-xs">{subscription.secretHint}</code>
            </Fact>
            <Fact label="Created">
              <Time value={subscription.createdAt} /> by {subscription.createdBy}
            </Fact>
            <Fact label="Failures in a row">{subscription.consecutiveFailures}</Fact>
            <Fact label="Failing since">{subscription.failingSince ? <Time value={subscription.failingSince} format="minute" /> : "—"}</Fact>
          </Facts>
          <div className="mt-4 border-t border-slate-100 pt-4">
            <EditWebhookForm subscription={subscription} />
          </div>
          <div className="mt-6 border-t border-slate-100 pt-4">
            <DeleteWebhookButton id={subscription.id} name={subscription.name} />
          </div>
        </Card>
      </div>
    </>
  );
}
