// Next's start-up hook: in the Node.js server, sign the audit chain's head every ten minutes when it moved
// (lib/data/audit-chain.ts), so that checkpoints accrue even when nobody opens the Audit page; and keep
// the finding records current with other processes' writes, time and rebuilds (lib/data/finding-evaluator.ts);
// deliver the notification outbox to webhooks and Slack (lib/data/webhook-dispatcher.ts); and answer the
// decision point on DECISION_PORT (lib/api/decision-listener.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { scheduleFindingEvaluation } = await import("@/lib/data/finding-evaluator");
  scheduleFindingEvaluation();
  const { scheduleWebhookDispatch } = await import("@/lib/data/webhook-dispatcher");
  scheduleWebhookDispatch();
  const decisionPort = Number(process.env.DECISION_PORT);
  if (decisionPort > 0) {
    const { startDecisionListener } = await import("@/lib/api/decision-listener");
    await startDecisionListener(decisionPort).catch((error: unknown) => console.error(`The decision point is not on port ${decisionPort}:`, error));
  }
  const { scheduleAuditCheckpoints } = await import("@/lib/data/audit-chain");
  if (!scheduleAuditCheckpoints()) console.warn("Audit checkpoints are off: no AUDIT_SIGNING_KEY (npm start provides one).");
}
