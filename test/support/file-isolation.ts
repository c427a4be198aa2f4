/**
 * Set-up run before each test file of the projects whose files share a forked process
 * (`isolate: false` in vitest.config.ts and vitest.browser.config.ts): what a file does to the
 * process's environment is undone when it ends, as a process of its own would have undone it.
 *
 * A file may set variables or replace `process.env` with a plain copy (`process.env = saved`),
 * which no longer reaches the time zone (TZ) or child processes: the next file in the process
 * gets the process's own environment object back, holding what it held before the file began.
 */
import { afterAll } from 'vitest'

const shared = globalThis as { havenProcessEnv?: NodeJS.ProcessEnv }
const own = (shared.havenProcessEnv ??= process.env)
process.env = own
const before = { ...own }

afterAll(() => {
  process.env = own
  for (const name of Object.keys(own)) if (!(name in before)) delete own[name]
  for (const [name, value] of Object.entries(before)) if (own[name] !== value) own[name] = value
})
