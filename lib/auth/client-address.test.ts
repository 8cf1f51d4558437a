import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it.each<{ headers: Record<string, string>; address: string }>([
    { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, address: "203.0.113.7" },
    { headers: { "x-forwarded-for": " 2001:db8::1 " }, address: "2001:db8::1" },
    { headers: { "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.2" }, address: "203.0.113.7" },
    { headers: { "x-real-ip": "198.51.100.2" }, address: "198.51.100.2" },
    { headers: {}, address: "unknown" },
    { headers: { "x-forwarded-for": "not-an-address" }, address: "unknown" },
  ])("$headers → $address", ({ headers, address }) => {
    expect(clientAddress(new Headers(headers))).toBe(address);
  });
});
