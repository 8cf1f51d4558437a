// The capability keys discovery speaks: the demo catalog's (prisma/seed-data.ts). A config may
// rename them to a register's own keys (`capabilities` in the config file).
//
// `reach` is what the autonomy rules read: READ reaches data, PROPOSE only offers a change that a
// person applies (a pull request), CHANGE alters something by itself.
export const CAPABILITY_REACH = {
  "repo:read": "READ",
  "repo:write": "CHANGE",
  "pr:create": "PROPOSE",
  "ci:run": "CHANGE",
  "deploy:run": "CHANGE",
  "config:write": "CHANGE",
  "infra:apply": "CHANGE",
  "db:migrate": "CHANGE",
  "db:read-pii": "READ",
  "env:delete": "CHANGE",
  "data:delete": "CHANGE",
  "iam:admin": "CHANGE",
  "secrets:read": "READ",
  "logs:read": "READ",
} as const;

export type CapabilityKey = keyof typeof CAPABILITY_REACH;

/** In catalog order, which is also the order discovery lists them in. */
export const CAPABILITY_KEYS = Object.keys(CAPABILITY_REACH) as CapabilityKey[];

/** True when the capabilities change something by themselves (more than reading or proposing). */
export function changesSomething(capabilities: readonly string[]): boolean {
  return capabilities.some((key) => CAPABILITY_REACH[key as CapabilityKey] === "CHANGE");
}

export function sortCapabilities(capabilities: Iterable<string>): string[] {
  const rank = (key: string) => {
    const index = CAPABILITY_KEYS.indexOf(key as CapabilityKey);
    return index === -1 ? CAPABILITY_KEYS.length : index;
  };
  return [...new Set(capabilities)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
