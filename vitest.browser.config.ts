import { defineConfig } from 'vitest/config'

// Browser journeys in Debian's Chromium, driven by playwright-core, with axe on every page.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One migrated database with the demo authority per run, which each file's server copies.
    globalSetup: ['test/support/database-templates.ts'],
    poolOptions: { forks: { singleFork: true } },
    env: { TZ: 'Europe/London' },
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
})
