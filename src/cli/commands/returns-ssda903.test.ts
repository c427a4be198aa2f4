import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeRow } from '../../modules/returns/ssda903/model.js'
import { writeSsda903Csv } from '../../modules/returns/ssda903/read.js'
import { testReturn } from '../../modules/returns/ssda903/test-return.js'
import { parseCollectionYear } from '../../modules/returns/collection-year.js'
import { syntheticSsda903 } from '../../modules/synth/ssda903-check.js'
import { CliError } from '../cli-error.js'
import { command } from './returns.js'

let dir: string
const path = (...parts: string[]) => join(dir, ...parts)
const run = (...args: string[]) => command.run(['validate', ...args])

interface Report {
  summary: Record<string, unknown>
  notRun: { code: string; reason: string }[]
  readProblems: { message: string }[]
}
const report = (file: string) => JSON.parse(readFileSync(path(file), 'utf8')) as Report

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'haven-ssda903-cli-'))
  // A clean return: synthetic children that pass every rule (src/modules/synth/ssda903-rules.test.ts).
  const clean = syntheticSsda903({ seed: 'cli', year: parseCollectionYear('2026/27'), ssda903Children: 40 })
  await writeSsda903Csv(path('clean'), clean.ret)
  // 102: a child with no date of birth is an error.
  const broken = testReturn()
  broken.Header![0] = makeRow(
    'Header',
    { CHILD: 'HV1001', SEX: 'F', DOB: '' },
    { file: 'header.csv', row: 0 },
  )
  await writeSsda903Csv(path('errors'), broken)
  mkdirSync(path('empty'))
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

describe('haven returns validate --ssda903', () => {
  it('exits 0 for a clean return (a directory, with last year’s) and writes a JSON report', async () => {
    const args = ['--ssda903', path('clean'), '--previous', path('clean', 'previous')]
    expect(await run(...args, '--year', '2026/27', '--no-database', '--out', path('clean.json'))).toBe(0)
    const { summary, notRun } = report('clean.json')
    expect(summary).toMatchObject({ return: 'SSDA903', year: '2026/27', errors: 0 })
    // Without the database there is no postcode reference or provider list: the rules that need
    // them are listed as not run, not passed.
    expect(notRun.length).toBeGreaterThan(0)
    for (const r of notRun) expect(r.reason).toMatch(/a postcode reference|the Ofsted provider list/)
  })

  it('exits 1 when the return has errors, and the CSV names the rule, table and child', async () => {
    const args = ['--ssda903', path('errors'), '--year', '2025/26', '--no-database', '--out', path('e.csv')]
    expect(await run(...args)).toBe(1)
    expect(readFileSync(path('e.csv'), 'utf8')).toMatch(/^HV1001,Header,0,2,DOB,102,error,/m)
  })

  it('takes files one by one, after --ssda903 or as further words', async () => {
    // Care leavers are in Header but not in Episodes: OC3 says why (else EPI asks for episodes).
    const files = ['header.csv', 'episodes.csv', 'reviews.csv', 'oc3.csv'].map((f) => path('clean', f))
    const out = path('files.html')
    expect(await run('--ssda903', ...files, '--year', '2026/27', '--no-database', '--out', out)).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('SSDA903 2026/27: validation report')
  })

  it.each([
    [
      'a directory with no return in it',
      ['--ssda903', '@empty', '--year', '2025/26', '--no-database'],
      /no SSDA903 table could be read for this year \(.*no SSDA903 files/,
    ],
    ['a missing directory', ['--ssda903', 'no-such-dir', '--year', '2025/26'], /not found: no-such-dir/],
    ['an unknown year', ['--ssda903', '@clean', '--year', '2019/20'], /no SSDA903 rules for 2019\/20/],
    ['no year', ['--ssda903', '@clean'], /--year is required/],
    ['a bad LA code', ['--ssda903', '@clean', '--year', '2025/26', '--la', '883'], /ONS code/],
    ['two inputs', ['--ssda903', '@clean', '--cin', 'x.xml', '--year', '2025/26'], /exactly one input/],
    ['words after --cin', ['--cin', 'a.xml', 'b.xml', '--year', '2025/26'], /unexpected argument "b.xml"/],
  ])('exits 2 with a clear message for %s', async (_, args, message) => {
    const resolved = args.map((a) => (a.startsWith('@') ? path(a.slice(1)) : a))
    await expect(run(...resolved)).rejects.toThrow(CliError)
    await expect(run(...resolved)).rejects.toThrow(message)
    await expect(run(...resolved)).rejects.toMatchObject({ exitCode: 2 })
  })
})
