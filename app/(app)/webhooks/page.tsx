import type { Metadata } from "next";
import Link from "next/link";
import { WebhookStatus } from "@/components/webhooks/webhook-status";
import { CreateWebhookForm } from "@/components/webhooks/webhook-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { can, PERMISSIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/data/webhooks";

export const metadata: Metadata = { title: "Notifications" };

const header = (
  <PageHeader
    title="Notifications"
    description="Where the register tells people what happened without anyone asking: signed webhooks (Standard Webhooks) and Slack channels. Each event is written with the change that caused it and delivered at least once, retried for a day; receivers drop a repeat by its webhook-id."
  />
);

export default async function WebhooksPage() {
  const user = await requireUser();
  if (!can(user.role, "webhook:manage")) {
    return (
      <>
        {header}
        <Card>
          <p className="text-sm text-slate-700" data-testid="webhooks-forbidden">
            Managing notifications needs the {PERMISSIONS["webhook:manage"].map((role) => ROLE_LABELS[role]).join(" or ")} role; you are signed in as {ROLE_LABELS[user.role]}.
          </p>
        </Card>
      </>
    );
  }
  const subscriptions = await listWebhooks(user);
  return (
    <>
      {header}
      <div className="space-y-6">
        <Card title={`Subscriptions (${subscriptions.length})`} description="Open one for its settings, a test event and its delivery log.">
          {subscriptions.length === 0 ? (
            <EmptyState title="No subscriptions yet">Add an endpoint or a Slack incoming webhook below.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead>
                  <tr className="text-left text-xs font-medium uppercase tracking-wide text-slate-600">
                    <th scope="col" className="py-2 pr-4">Name</th>
                    <th scope="col" className="py-2 pr-4">Status</th>
                    <th scope="col" className="py-2 pr-4">Events</th>
                    <th scope="col" className="py-2 pr-4">Deliveries</th>
                    <th scope="col" className="py-2 pr-4">URL</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {subscriptions.map((subscription) => (
                    <tr key={subscription.id} className="align-top">
                      <td className="py-2 pr-4">
                        <Link href={`/webhooks/${subscription.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                          {subscription.name}
                        </Link>
                        <span className="block text-xs text-slate-600">{subscription.kind === "SLACK" ? "Slack" : "Webhook"}</span>
                      </td>
                      <td className="py-2 pr-4">
                        <WebhookStatus subscription={subscription} />
                      </td>
                      <td className="py-2 pr-4 text-slate-700">{subscription.eventTypes.length === 0 ? "All events" : subscription.eventTypes.join(", ")}</td>
                      <td className="whitespace-nowrap py-2 pr-4 text-slate-700">
                        {subscription.deliveries.delivered} delivered · {subscription.deliveries.pending} pending · {subscription.deliveries.failed} failed
                      </td>
                      <td className="max-w-xs truncate py-2 pr-4 font-mono text-xs text-slate-700" title={subscription.url}>
                        {subscription.url}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="Add a subscription" description="The signing secret is shown once, after adding: give it to the receiver, which verifies each request's webhook-signature with it.">
          <CreateWebhookForm />
        </Card>
      </div>
    </>
  );
}
