import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Fact, Facts } from "@/components/ui/facts";
import { TableHeader } from "@/components/ui/table-header";
import { Time } from "@/components/ui/time";
import type { DiscoveryRunDto } from "@/lib/dto/discovery";
import { RunChanges } from "./discovery-runs";

const place = (file: string, line: number) => (line > 0 ? `${file}:${line}` : file);

export function DiscoveryRunDetail({ run }: { run: DiscoveryRunDto }) {
  return (
    <>
      <PageHeader
        breadcrumbs={{ links: [["/discovery", "Discovery"]], here: run.scope }}
        title={`Discovery run of ${run.scope}`}
        description="What one scan posted. Its connectors' earlier rows in this scope were replaced; declarations, API syncs and other scopes were left as they were."
      />
      <div className="space-y-6">
        <Facts columns="sm:grid-cols-2 lg:grid-cols-4">
            <Fact label="When">
              <Time value={run.at} format="utc" />
            </Fact>
            <Fact label="By">{run.actor}</Fact>
            <Fact label="Files read">{run.filesRead}</Fact>
            <Fact label="Connectors">{run.connectors.join(", ")}</Fact>
            <Fact label="Observations written" testId="run-observations">
              {run.observationsWritten} (<RunChanges run={run} />)
            </Fact>
            <Fact label="Tools created PROPOSED">
              {run.toolsProposed.length === 0
                ? "none"
                : run.toolsProposed.map((slug, i) => (
                    <span key={slug}>
                      {i > 0 && ", "}
                      <Link href={`/tools/${slug}`} className="text-brand-700 hover:underline">
                        {slug}
                      </Link>
                    </span>
                  ))}
            </Fact>
            <Fact label="Not written (no owner team)">{run.toolsSkipped.join(", ") || "none"}</Fact>
          </Facts>
        <Card title={`Unknown (${run.unknown.length})`} description="Found, but no rule or config entry says what it is: map it in the config or a rule, or accept that it grants nothing.">
          {run.unknown.length === 0 ? (
            <EmptyState title="Nothing unknown">Every access the scan found mapped to a tool, an environment and capabilities.</EmptyState>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Unknown accesses">
              <table className="w-full text-sm" data-testid="run-unknown">
                <caption className="sr-only">Unknown accesses</caption>
                <TableHeader columns={["Where", "Kind", "Value", "What hangs on it"]} />
                <tbody className="divide-y divide-slate-100">
                  {run.unknown.map((u, i) => (
                    <tr key={i} className="align-top">
                      <td className="py-2 pr-3 font-mono text-xs">{place(u.file, u.line)}</td>
                      <td className="py-2 pr-3">{u.kind}</td>
                      <td className="py-2 pr-3 font-mono text-xs break-all">{u.value}</td>
                      <td className="py-2 text-xs text-slate-700">{u.detail ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={`Errors (${run.errors.length})`} description="Files that could not be read or parsed. Their connector's rows were kept as they were.">
          {run.errors.length === 0 ? (
            <EmptyState title="No errors">Every file was read and parsed.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="run-errors">
              {run.errors.map((e, i) => (
                <li key={i} className="py-2">
                  <span className="font-mono text-xs">{place(e.file, e.line)}</span> — {e.message}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
