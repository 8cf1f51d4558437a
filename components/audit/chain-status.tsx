import { CheckCircle2, ShieldAlert, ShieldX } from "lucide-react";
import type { ReactNode } from "react";
import type { AuditChainReport, CheckpointReport } from "@/lib/dto/audit";
import { formatUtc } from "@/components/ui/time";
import { cn } from "@/lib/cn";

const TONES = {
  good: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  bad: "border-red-200 bg-red-50 text-red-900",
} as const;

const FAILURE_TITLES = { TRUNCATED: "Events removed", REWRITTEN: "Log rewritten", BAD_SIGNATURE: "Checkpoint not trusted" } as const;

function chainSentence(report: AuditChainReport, checkpointFailed: boolean): ReactNode {
  if (checkpointFailed && !report.brokenAt) {
    return <>The {report.checked} events still in the log recompute from the first one, which is why only the signed checkpoint shows this.</>;
  }
  if (report.brokenAt) {
    return (
      <>
        <span className="font-medium">Chain broken at event #{report.brokenAt}:</span> {report.reason}. The {report.checked} events before it verify; the{" "}
        {report.total - report.checked} from it on cannot be trusted.
      </>
    );
  }
  return (
    <>
      <span className="font-medium">Chain valid.</span>{" "}
      {report.checked === 1 ? "The one event was recomputed" : `All ${report.checked} events were recomputed from the first one`}: none was altered or reordered.
    </>
  );
}

function checkpointSentence(checkpoint: CheckpointReport): ReactNode {
  const latest = checkpoint.latest;
  switch (checkpoint.status) {
    case "UNSIGNED":
      return (
        <>
          <span className="font-medium">Not checkpointed:</span> {checkpoint.reason} Removing the newest events would not show.
        </>
      );
    case "NONE":
      return <>{checkpoint.reason}</>;
    case "VALID":
      return (
        <>
          <span className="font-medium">{checkpoint.written ? "Signed checkpoint" : "Matches signed checkpoint"} #{checkpoint.checkpointId}</span> of{" "}
          {formatUtc(latest?.at)}, through event #{latest?.lastId}
          {checkpoint.eventsAfter > 0 ? ` (${checkpoint.eventsAfter} newer event${checkpoint.eventsAfter === 1 ? "" : "s"} since)` : ""}: nothing up to it was removed
          or rewritten.
        </>
      );
    default:
      return (
        <>
          <span className="font-medium">{FAILURE_TITLES[checkpoint.status]}:</span> {checkpoint.reason}
        </>
      );
  }
}

// The result of recomputing every hash of the log, from the first event on, and of comparing the
// log with its newest signed checkpoint (which catches the newest events removed).
export function ChainStatus({ report }: { report: AuditChainReport }) {
  const checkpointFailed = !["VALID", "NONE", "UNSIGNED"].includes(report.checkpoint.status);
  const tone = !report.valid ? "bad" : report.checkpoint.status === "VALID" ? "good" : "warn";
  const Icon = tone === "good" ? CheckCircle2 : tone === "warn" ? ShieldAlert : ShieldX;
  return (
    <div
      role="status"
      data-testid="chain-status"
      data-valid={String(report.valid)}
      data-checkpoint={report.checkpoint.status}
      className={cn("flex items-start gap-2 rounded-md border px-3 py-2 text-sm", TONES[tone])}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="space-y-1">
        {checkpointFailed ? <p data-testid="checkpoint-status">{checkpointSentence(report.checkpoint)}</p> : null}
        <p>{chainSentence(report, checkpointFailed)}</p>
        {checkpointFailed ? null : <p data-testid="checkpoint-status">{checkpointSentence(report.checkpoint)}</p>}
        <p>
          <a className="font-medium underline underline-offset-2" href="/api/v1/export/audit.json" download>
            Download the signed log
          </a>
          {report.checkpoint.status === "UNSIGNED" ? null : (
            <>
              {" "}
              and{" "}
              <a className="font-medium underline underline-offset-2" href="/api/v1/audit/public-key" download>
                its public key
              </a>
            </>
          )}{" "}
          to verify it offline (README, “Audit checkpoints”).
        </p>
      </div>
    </div>
  );
}
