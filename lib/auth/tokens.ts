import { createHash, randomBytes } from "node:crypto";

// API tokens are high-entropy secrets, so a fast hash is enough to make the stored value useless.
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(): string {
  return `grr_${randomBytes(24).toString("base64url")}`;
}
