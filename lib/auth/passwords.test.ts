import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords";

describe("dummyPasswordHash", () => {
  it("has the cost of a real password hash, so comparing against it takes as long", async () => {
    const dummy = await dummyPasswordHash();
    expect(bcrypt.getRounds(dummy)).toBe(bcrypt.getRounds(await hashPassword("demo-password-2026")));
  });

  it("is one hash per process, and no obvious password matches it", async () => {
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
    for (const guess of ["", "password", "demo-password-2026"]) expect(await verifyPassword(guess, await dummyPasswordHash())).toBe(false);
  });
});
