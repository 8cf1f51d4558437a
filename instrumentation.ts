// Next's start-up hook: in the Node.js server, sign the audit chain's head every ten minutes when it moved
// (lib/data/audit-chain.ts), so that checkpoints accrue even when nobody opens the Audit page.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { scheduleAuditCheckpoints } = await import("@/lib/data/audit-chain");
  if (!scheduleAuditCheckpoints()) console.warn("Audit checkpoints are off: no AUDIT_SIGNING_KEY (npm start provides one).");
}
