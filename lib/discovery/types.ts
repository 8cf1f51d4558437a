// Vocabulary of discovery: what a source reads (files), what it finds (accesses), and what a scan
// reports (observations, unknowns, errors). Everything here is plain data: no I/O anywhere in
// lib/discovery, so the CLI, the future sync API and the tests all run the same code.
import type { Autonomy } from "@/lib/policy/types";

export const CONNECTORS = ["github-actions", "agent-settings", "mcp-config", "k8s-rbac"] as const;
export type Connector = (typeof CONNECTORS)[number];

/** One file handed to a source: its path (posix, relative to the scanned directory) and text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The statement that grants an access: `line` is 1-based, of the key or value that says it. */
export interface Evidence {
  connector: Connector;
  file: string;
  line: number;
  detail: string;
}

/** What the config's environment matchers are tried against (`github-env:production`, …). */
export const ENVIRONMENT_KEY_KINDS = ["github-env", "host", "k8s-namespace"] as const;
export type EnvironmentKeyKind = (typeof ENVIRONMENT_KEY_KINDS)[number];

export interface EnvironmentKey {
  kind: EnvironmentKeyKind;
  value: string;
  line: number;
}

/**
 * An access found by a source, before the config maps it to the register: the product (or, for
 * RBAC, the annotated slug), the references the config's tool lists may name (most specific first),
 * and what the environment is known by. No `environmentKeys` means the file's path decides.
 */
export interface Access {
  connector: Connector;
  product: string;
  refs: string[];
  environmentKeys: EnvironmentKey[];
  file: string;
  /** Where the access is anchored (the agent step, the server, the service account). */
  line: number;
  autonomy: Autonomy;
  capabilities: string[];
  evidence: Evidence[];
}

/** Something a file grants that no rule or config entry maps: reported, never dropped. */
export interface UnknownEntry {
  kind: string;
  value: string;
  file: string;
  line: number;
  /** What hangs on it, in words (e.g. which tool and capabilities an unmapped environment holds). */
  detail?: string;
}

export interface ScanError {
  file: string;
  line: number;
  message: string;
}

export interface SourceResult {
  accesses: Access[];
  unknown: UnknownEntry[];
  errors: ScanError[];
}

/** An observation as the register takes it: tool × environment, with every statement behind it. */
export interface DiscoveredObservation {
  tool: string;
  environment: string;
  autonomy: Autonomy;
  capabilities: string[];
  evidence: Evidence[];
}

export interface ScanResult {
  observations: DiscoveredObservation[];
  unknown: UnknownEntry[];
  errors: ScanError[];
}

export const emptyResult = (): SourceResult => ({ accesses: [], unknown: [], errors: [] });
