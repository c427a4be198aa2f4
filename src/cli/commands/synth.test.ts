import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../cli-error.js'
import { command } from './synth.js'

let dir: string
let log: ReturnType<typeof vi.spyOn>

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'haven-synth-cli-'))
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

describe('haven synth returns', () => {
  it('writes the returns and says what it wrote and how long it took', async () => {
    const out = join(dir, 'small')
    expect(
      await command.run(['returns', '--children', '12', '--seed', 's', '--year', '2025/26', '--out', out]),
    ).toBe(0)
    expect(existsSync(join(out, 'cin-census.xml'))).toBe(true)
    expect(existsSync(join(out, 'ssda903', 'episodes.csv'))).toBe(true)
    expect(existsSync(join(out, 'ssda903-xml', 'ssda903.xml'))).toBe(true)
    const printed = String(log.mock.calls.at(-1)?.[0])
    expect(printed).toMatch(/CIN census: 12 children/)
    expect(printed).toMatch(/Took \d+\.\d s\./)
  })

  it.each([[[]], [['people']], [['--children', '5']]])('prints usage and exits 2 for %j', async (args) => {
    expect(await command.run(args)).toBe(2)
  })

  it.each([
    [['returns', '--seed', 's', '--year', '2025/26', '--out', 'x'], /required/],
    [['returns', '--children', 'ten', '--seed', 's', '--year', '2025/26', '--out', 'x'], /whole number/],
    [['returns', '--children', '5', '--seed', 's', '--year', '2025/27', '--out', 'x'], /collection year/],
    [
      ['returns', '--children', '5', '--seed', 's', '--year', '2025/26', '--defects', '1.5', '--out', 'x'],
      /fraction/,
    ],
    [
      ['returns', '--children', '5', '--seed', 's', '--year', '2025/26', '--out', 'x', '--colour', 'red'],
      /colour/,
    ],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const run = command.run(args)
    await expect(run).rejects.toThrow(CliError)
    await expect(run).rejects.toThrow(message)
    await expect(run).rejects.toMatchObject({ exitCode: 2 })
  })
})
