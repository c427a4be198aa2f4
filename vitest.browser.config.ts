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
    setupFiles: ['test/support/file-isolation.ts'],
    // Three files at a time: each has its own database copy, server (on a spare port), Chromium
    // and directories, so nothing is shared between them. A file mostly waits on its page (one at
    // a time, the suite once took 1,024 s in CI for about 430 s of CPU), so even on two cores a
    // third file fills the waits; the longest files are split so that none holds the run up. The
    // forks keep their module graph from file to file, as the integration project's do
    // (vitest.config.ts), rather than importing the whole application again for each.
    // minForks too: a fork ended when idle can fail the run (see vitest.config.ts).
    poolOptions: { forks: { maxForks: 3, minForks: 3, isolate: false } },
    env: { TZ: 'Europe/London' },
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
})
