import { defineConfig } from 'vitest/config'

// Unit and integration tests. Integration tests open a fresh database per file:
// PGlite in memory by default, or a throwaway schema on DATABASE_URL when it is set.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'Europe/London' },
  },
})
