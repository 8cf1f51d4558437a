// Helpers for integration tests that call route handlers directly, as an HTTP client would.
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { expect } from "vitest";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/auth/permissions";
import { tokenFor as tokenIn } from "./route-client";

/** What the API answers when it refuses a request. */
export type ErrorBody = { error: { code: string; message: string; details: { field: string; message: string }[] | null } };

/** An exported CSV's rows by column (the file starts with a byte-order mark for spreadsheets). */
export function parseCsv(text: string) {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
}

type ExportRoute = (request: NextRequest, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

/** Downloads an export (a GET of /api/v1/export/….csv) as a client would, and reads it: a 200 CSV. */
export async function exportedCsv(route: ExportRoute, path: string, token: string) {
  const response = await route(apiRequest(path, { token }), params({}));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return parseCsv(await response.text());
}

// A token for a user of the shared integration database.
export function tokenFor(email: string): Promise<string> {
  return tokenIn(prisma(), email);
}

export async function tokenForRole(role: Role): Promise<string> {
  const user = await prisma().user.findFirstOrThrow({ where: { role, active: true }, orderBy: { email: "asc" } });
  return tokenFor(user.email);
}

export function apiRequest(path: string, options: { method?: string; token?: string; body?: unknown } = {}): NextRequest {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(new URL(path, "http://localhost"), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export function params<P extends Record<string, string>>(value: P): { params: Promise<P> } {
  return { params: Promise.resolve(value) };
}
