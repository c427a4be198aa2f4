import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Two projects. Unit tests are pure: no database, no process-wide state, so they share worker
// threads, which start far faster than forked processes. Integration tests open a fresh
// database per file (PGlite in memory by default, or a throwaway schema on DATABASE_URL when it
// is set) and run in forked processes; so do the two src tests that open a database or change
// the process's time zone.
const forks = Math.max(2, availableParallelism() - 1)
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
    // Vitest 3 sets isolation per pool for the whole run, not per project, so it is said here.
    //
    // The integration project's forks share their module graph too: a process and a module graph
    // per file cost each file about 2 s of CPU importing the whole application again (152 s of
    // the PostgreSQL run's 525 s was this collect time). Each file still opens its own database
    // and application; file-isolation.ts gives each file the process's environment back as it
    // found it. And two forks even on two cores (vitest's default is one fewer than the cores,
    // so one): a file's fork waits while the PostgreSQL server answers it, and the unit project's
    // thread is idle once its files are done. Ten files on PostgreSQL, on a loaded machine: 74 s
    // (31 s of CPU) one process a file, 62 s (18 s) sharing one fork, 41 s (16 s) sharing two.
    // minForks = maxForks: tinypool ends a fork above the minimum once it idles, and ending one
    // can fail the whole run with "Terminating worker thread" (vitest-dev/vitest#8564).
    poolOptions: {
      threads: { isolate: false },
      forks: { isolate: false, maxForks: forks, minForks: forks },
    },
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
          setupFiles: ['test/support/file-isolation.ts'],
        },
      },
    ],
  },
})
