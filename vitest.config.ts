import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Tests run on the TypeScript sources directly; the alias keeps them independent of a build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@evplan\/core$/, replacement: fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)) },
      { find: /^@evplan\/core\/node$/, replacement: fileURLToPath(new URL("./packages/core/src/node/index.ts", import.meta.url)) },
      { find: /^@evplan\/core\/runtime$/, replacement: fileURLToPath(new URL("./packages/core/src/runtime.ts", import.meta.url)) },
      { find: /^@evplan\/core\/node\/(.*)$/, replacement: fileURLToPath(new URL("./packages/core/src/node/", import.meta.url)) + "$1.ts" },
      { find: /^@evplan\/server\/store$/, replacement: fileURLToPath(new URL("./packages/server/src/store.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.spec.ts", "packages/web/test/**/*.spec.ts", "test/**/*.spec.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
