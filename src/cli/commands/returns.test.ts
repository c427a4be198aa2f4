import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cinChild, cinHeader } from '../../modules/returns/cin/test-child.js'
import { cinXmlString } from '../../modules/returns/cin/xml-write.js'
import { CliError } from '../cli-error.js'
import { command } from './returns.js'

let dir: string
const path = (name: string) => join(dir, name)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'haven-returns-cli-'))
  writeFileSync(
    path('clean.xml'),
    cinXmlString(cinHeader(), [cinChild(), cinChild({ LAchildID: 'CHILD0002', UPN: 'N201251000002' })]),
  )
  // 1580: LA child ID with a non-alphanumeric character is an error.
  writeFileSync(path('errors.xml'), cinXmlString(cinHeader(), [cinChild({ LAchildID: 'CHILD-1' })]))
  // 1560Q: a badly formatted former UPN is a query only.
  writeFileSync(path('queries.xml'), cinXmlString(cinHeader(), [cinChild({ FormerUPN: 'NOT-A-UPN' })]))
  writeFileSync(path('garbage.xml'), 'PK\u0003\u0004 this is a zip file, not XML')
  const clean = cinXmlString(cinHeader(), [cinChild()])
  writeFileSync(path('no-header.xml'), clean.replace(/<Header>[\s\S]*<\/Header>/, ''))
  writeFileSync(path('no-children.xml'), clean.replace(/<Children>[\s\S]*<\/Children>/, ''))
  writeFileSync(
    path('dtd.xml'),
    clean
      .replace('<Message', '<!DOCTYPE Message [<!ENTITY lol "lol">]>\n<Message')
      .replace('CHILD0001', '&lol;'),
  )
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

const run = (...args: string[]) => command.run(['validate', ...args])

describe('haven returns validate --cin', () => {
  it('exits 0 for a clean file and writes a JSON report', async () => {
    expect(await run('--cin', path('clean.xml'), '--year', '2025/26', '--out', path('clean.json'))).toBe(0)
    const report = JSON.parse(readFileSync(path('clean.json'), 'utf8')) as {
      summary: Record<string, unknown>
    }
    expect(report.summary).toMatchObject({ children: 2, errors: 0, year: '2025/26' })
  })

  it('exits 1 when the file has errors, and the report names the rule and child', async () => {
    expect(await run('--cin', path('errors.xml'), '--year', '2025/26', '--out', path('errors.csv'))).toBe(1)
    const csv = readFileSync(path('errors.csv'), 'utf8')
    expect(csv).toMatch(/^CHILD-1,ChildIdentifiers,0,\d+,LAchildID,1580,error,/m)
  })

  it('exits 0 when there are only queries', async () => {
    expect(
      await run(
        '--cin',
        path('queries.xml'),
        '--year',
        '2025/26',
        '--format',
        'html',
        '--out',
        path('q.html'),
      ),
    ).toBe(0)
    expect(readFileSync(path('q.html'), 'utf8')).toContain('1560Q')
  })

  it.each([
    ['a missing file', ['--cin', 'no-such-file.xml', '--year', '2025/26'], /not found/],
    ['an unknown year', ['--cin', '@clean.xml', '--year', '2019/20'], /no CIN census rules for 2019\/20/],
    ['a badly written year', ['--cin', '@clean.xml', '--year', '2025'], /not a collection year/],
    ['no year', ['--cin', '@clean.xml'], /--year is required/],
    ['no input', ['--year', '2025/26'], /exactly one input/],
    [
      'an unknown format',
      ['--cin', '@clean.xml', '--year', '2025/26', '--format', 'pdf'],
      /unknown --format/,
    ],
    ['an unknown option', ['--cin', '@clean.xml', '--year', '2025/26', '--colour'], /Unknown option/],
    [
      'a Message with no Header',
      ['--cin', '@no-header.xml', '--year', '2025/26'],
      /no Header before its Children/,
    ],
    ['a Message with no Children', ['--cin', '@no-children.xml', '--year', '2025/26'], /no Children element/],
    ['a DTD with entities', ['--cin', '@dtd.xml', '--year', '2025/26'], /DTDs and entities are not accepted/],
    [
      'garbage input',
      ['--cin', '@garbage.xml', '--year', '2025/26'],
      /cannot read the CIN census: .*not well-formed XML/,
    ],
  ])('exits 2 with a clear message for %s', async (_, args, message) => {
    const resolved = args.map((a) => (a.startsWith('@') ? path(a.slice(1)) : a))
    const failure = run(...resolved)
    await expect(failure).rejects.toThrow(CliError)
    await expect(run(...resolved)).rejects.toThrow(message)
    await expect(run(...resolved)).rejects.toMatchObject({ exitCode: 2 })
  })

  it('leaves no partial report when the input cannot be read', async () => {
    await expect(
      run('--cin', path('garbage.xml'), '--year', '2025/26', '--out', path('g.json')),
    ).rejects.toThrow()
    expect(existsSync(path('g.json'))).toBe(false)
  })

  it('runs as the haven command, with its exit codes', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
    const haven = join(process.cwd(), 'src', 'cli', 'haven.ts')
    const exec = promisify(execFile)
    const validate = (file: string) =>
      exec(tsx, [haven, 'returns', 'validate', '--cin', path(file), '--year', '2025/26'])
    // Three processes at once: each spends most of a second starting tsx, not validating.
    await Promise.all([
      expect(validate('clean.xml')).resolves.toMatchObject({
        stderr: expect.stringContaining('CIN census 2025/26: 2 children, 0 errors, '),
      }),
      expect(validate('errors.xml')).rejects.toMatchObject({ code: 1 }),
      expect(validate('garbage.xml')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('haven: cannot read the CIN census'),
      }),
    ])
  }, 60_000)
})
