import { defineConfig } from 'vitest/config'

// Two projects. Unit tests are pure: no database, no process-wide state, so they share worker
// threads, which start far faster than forked processes. Integration tests open a fresh
// database per file (PGlite in memory by default, or a throwaway schema on DATABASE_URL when it
// is set) and keep a forked process each; so do the two src tests that open a database or
// change the process's time zone.
const inForks = ['src/cli/commands/synth-load.test.ts', 'src/platform/calendar/clocks.test.ts']

const shared = {
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { TZ: 'Europe/London' },
} as const

export default defineConfig({
  test: {
    // Pure tests need no fresh module graph per file: sharing one per thread saves re-importing
    // the returns rules and the synthetic generator for every file (35 s to 10 s on two cores).
    // Vitest 3 sets isolation per pool for the whole run, not per project, so it is said here:
    // the unit project's threads share, the integration project's forks stay one per file.
    poolOptions: { threads: { isolate: false }, forks: { isolate: true } },
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: inForks,
          pool: 'threads',
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts', ...inForks],
          pool: 'forks',
          // One migrated (and one seeded) database per run, which each file's database copies.
          globalSetup: ['test/support/database-templates.ts'],
        },
      },
    ],
  },
})
