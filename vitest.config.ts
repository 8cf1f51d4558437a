import { defineConfig } from "vitest/config";
import path from "node:path";

export const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "lib/test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Every JSON answer is held to its operation's schema (lib/api/answer-check.ts).
    env: { API_CHECK_RESPONSES: "1" },
    include: ["lib/**/*.test.ts", "components/**/*.test.ts"],
    exclude: ["**/*.int.test.ts", "node_modules/**"],
  },
});
