import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

// Integration tests share one freshly created database; files run one after another.
export default defineConfig({
  resolve: { alias },
  test: {
    // Every JSON answer is held to its operation's schema (lib/api/answer-check.ts).
    env: { API_CHECK_RESPONSES: "1" },
    include: ["lib/**/*.int.test.ts"],
    globalSetup: ["lib/test/global-setup.ts"],
    setupFiles: ["lib/test/setup-env.ts"],
    fileParallelism: false,
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
