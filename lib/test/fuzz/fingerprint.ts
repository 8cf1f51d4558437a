// A cheap fingerprint of the whole database, taken between the fuzz suite's requests: a refused
// request must leave it as it was. Per table, the row count and a hash over every row (the audit
// log, append-only, by its count and newest id). The row hashes are summed rather than sorted and
// concatenated: the order does not matter, and it is several times cheaper after every request.
import pg from "pg";

export type Fingerprint = Map<string, string>;

export interface Fingerprinter {
  /** What it can see, for the report. */
  describes: string;
  take(): Promise<Fingerprint>;
  close(): Promise<void>;
}

/** Columns that change on requests the API does not refuse for: when a token was last used (once a minute). */
const VOLATILE_COLUMNS = new Set(["ApiToken.lastUsedAt"]);
const APPEND_ONLY_TABLES = new Set(["AuditEvent"]);
/**
 * What the findings evaluator keeps, written in the background from the audit log and the clock (a
 * rebuild, a grant expiring): those tables move between requests by design, and a refused request
 * could move them only by writing an audit event, which the log's fingerprint shows.
 */
export const DERIVED_TABLES = new Set(["FindingRecord", "FindingTransition", "FindingPair", "FindingTool", "FindingDaily", "FindingWork", "FindingAuditCursor", "FindingRebuild"]);

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export async function databaseFingerprinter(url: string): Promise<Fingerprinter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return fingerprinterOn(client);
}

/** On a connection of the caller's; closing the fingerprinter closes it. */
export async function fingerprinterOn(client: pg.Client): Promise<Fingerprinter> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const row of rows) {
    if (VOLATILE_COLUMNS.has(`${row.table_name}.${row.column_name}`) || DERIVED_TABLES.has(row.table_name)) continue;
    columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  }
  const sql = [...columns]
    .map(([table, names]) => {
      if (APPEND_ONLY_TABLES.has(table)) return `SELECT '${table}' AS t, count(*) || ':' || coalesce(max(id)::text, '') AS f FROM ${quote(table)}`;
      const row = `ROW(${names.map(quote).join(", ")})::text`;
      return `SELECT '${table}' AS t, count(*) || ':' || coalesce(sum(hashtextextended(${row}, 0)::numeric), 0) AS f FROM ${quote(table)}`;
    })
    .join("\nUNION ALL\n");
  return {
    describes: `${columns.size} tables (row count and a hash of every row)`,
    async take() {
      const result = await client.query<{ t: string; f: string }>(sql);
      return new Map(result.rows.map((r) => [r.t, r.f]));
    },
    close: () => client.end(),
  };
}

/**
 * Without a connection of its own (the embedded database serves one, the app's), the audit log's size
 * as the API reports it: every mutation writes an audit event in its transaction.
 */
export function auditCountFingerprinter(base: string, token: string): Fingerprinter {
  return {
    describes: "the audit log's size through GET /api/v1/audit (no database connection of its own)",
    async take() {
      const response = await fetch(`${base}/api/v1/audit?pageSize=1`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { total?: number };
      return new Map([["AuditEvent", String(body.total)]]);
    },
    close: async () => {},
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const tables = new Set([...before.keys(), ...after.keys()]);
  return [...tables].filter((table) => before.get(table) !== after.get(table)).sort();
}
