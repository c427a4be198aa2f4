import { defineConfig } from 'vitest/config'

// The benchmark harness's own unit tests (the project's vitest.config.ts looks only under src/
// and test/): `npx vitest run --config bench/vitest.config.ts`.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
})
