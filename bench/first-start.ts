/**
 * Benchmark: a newcomer's first `npm start`. Starts the server on a fresh, empty embedded database
 * (a throwaway HAVEN_DATA_DIR) with the full demo of 42,000 synthetic children, and times from
 * launch until the sign-in page answers 200, which is when the demo is loaded: the server listens
 * only after the first load finishes.
 *
 *   npx tsx bench/first-start.ts       results to bench/results/first-start.{json,md}
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const TARGET_SECONDS = 20
const PORT = 3917
const root = fileURLToPath(new URL('..', import.meta.url))

async function signInAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${PORT}/sign-in`)
    return response.status === 200
  } catch {
    return false
  }
}

async function firstStart(): Promise<{ seconds: number; loadLine: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-first-start-'))
  const started = performance.now()
  const server = spawn(process.execPath, [...process.execArgv, join(root, 'src', 'server.ts')], {
    cwd: root,
    env: { ...process.env, HAVEN_DATA_DIR: dataDir, PORT: String(PORT), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<never>((_, reject) =>
    server.on('exit', (code) => reject(new Error(`the server stopped (exit ${code}):\n${output}`))),
  )
  try {
    for (;;) {
      if (await Promise.race([signInAnswers(), exited])) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10
    const loadLine = /Loaded [^\n]*/.exec(output)?.[0] ?? ''
    return { seconds, loadLine }
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('close', resolve))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const { seconds, loadLine } = await firstStart()
  console.log(`first start: sign-in page after ${seconds} s (${loadLine})`)
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const date = new Date().toISOString()
  const resultsDir = join(root, 'bench', 'results')
  writeFileSync(
    join(resultsDir, 'first-start.json'),
    JSON.stringify({ date, machine, seconds, targetSeconds: TARGET_SECONDS, loadLine }, null, 2) + '\n',
  )
  const md = [
    '# First start benchmark',
    '',
    `${date}, ${machine}. Run with \`npx tsx bench/first-start.ts\`.`,
    '',
    'From launching the server on an empty embedded database (PGlite in a new data directory) to the',
    'sign-in page answering 200: migrations, the hand-made demo and the 42,000-child synthetic',
    'authority loaded, then the server listening.',
    '',
    '| Seconds | Target | Load |',
    '|---:|---|---|',
    `| ${seconds} | < ${TARGET_SECONDS} s | ${loadLine} |`,
    '',
  ].join('\n')
  writeFileSync(join(resultsDir, 'first-start.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
