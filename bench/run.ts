/**
 * `npm run bench`: every benchmark, each in its own process, results written under
 * bench/results/. Pass a benchmark's name to run one (e.g. `npm run bench -- returns-cin`).
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BENCHMARKS = [
  'returns-cin',
  'returns-cin-findings',
  'returns-ssda903',
  'returns-cin-export',
  'returns-ssda903-export',
  'frontdoor',
  'casework',
  'chronology',
  'first-start',
  'digest',
] as const

const only = process.argv[2]
if (only && !(BENCHMARKS as readonly string[]).includes(only)) {
  console.error(`Unknown benchmark "${only}". Benchmarks: ${BENCHMARKS.join(', ')}`)
  process.exit(2)
}
for (const name of only ? [only] : BENCHMARKS) {
  console.log(`\n== ${name}`)
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL(`${name}.ts`, import.meta.url))],
    {
      stdio: 'inherit',
    },
  )
}
