// The audit checkpoints' signing key, kept outside the database: AUDIT_SIGNING_KEY (npm start fills it
// from DATA_DIR/audit-signing-key.pem, generating that file on the first start). A database
// superuser who can rewrite the log cannot sign a checkpoint for the rewritten one.
import "server-only";
import type { KeyObject } from "node:crypto";
import { createPublicKey } from "node:crypto";
import { keyIdOf, parsePrivateKey, publicKeyPem } from "./checkpoint";

export type AuditSigningKey =
  | { ok: true; privateKey: KeyObject; publicKey: KeyObject; keyId: string; publicKeyPem: string }
  | { ok: false; reason: string };

let cached: { source: string | undefined; key: AuditSigningKey } | undefined;

/** Read from the environment on each call (cheaply: parsed once per value), so a test can set its own. */
export function auditSigningKey(source = process.env.AUDIT_SIGNING_KEY): AuditSigningKey {
  if (cached && cached.source === source) return cached.key;
  const key = parse(source);
  cached = { source, key };
  return key;
}

function parse(source: string | undefined): AuditSigningKey {
  if (!source?.trim()) {
    return {
      ok: false,
      reason:
        "No audit signing key is configured (AUDIT_SIGNING_KEY is unset; npm start provides one from DATA_DIR/audit-signing-key.pem), so checkpoints can be neither signed nor verified.",
    };
  }
  const parsed = parsePrivateKey(source);
  if (!parsed.ok) return { ok: false, reason: `AUDIT_SIGNING_KEY cannot be used: ${parsed.reason}. Checkpoints can be neither signed nor verified.` };
  const publicKey = createPublicKey(parsed.key);
  return { ok: true, privateKey: parsed.key, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKeyPem(publicKey) };
}
