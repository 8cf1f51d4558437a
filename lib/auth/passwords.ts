import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// What a sign-in compares against when there is no hash to check (unknown email, inactive user, no
// password), so that it costs one bcrypt comparison of the same cost as a real one. Hashed once per
// process, in the background from start-up, of a secret nobody knows.
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64"));
  return dummy;
}
void dummyPasswordHash();
