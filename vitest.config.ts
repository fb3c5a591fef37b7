import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  // A test (the README's blocks, say) imports the package by name and gets this checkout's sources, not dist/.
  resolve: {
    alias: [
      { find: /^tapegrad$/, replacement: source("./src/index.ts") },
      { find: /^tapegrad\/node$/, replacement: source("./src/node.ts") },
      { find: /^tapegrad\/testing$/, replacement: source("./src/testing/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/setup.ts"],
  },
});
