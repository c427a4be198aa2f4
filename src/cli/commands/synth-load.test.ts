import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../platform/db/database.js'
import { CliError } from '../cli-error.js'
import { command, parseSynthLoadArgs } from './synth-load.js'

describe('haven synth arguments', () => {
  const today = new Date('2026-11-23T12:00:00Z')

  it('reads the size, the seed and the date the history runs up to (09:00 London time)', () => {
    expect(parseSynthLoadArgs(['--children', '300', '--seed', 's'], today)).toEqual({
      help: false,
      children: 300,
      seed: 's',
      asOf: undefined,
    })
    const winter = parseSynthLoadArgs(['--children', '1', '--seed', 's', '--as-of', '2026-01-15'], today)
    expect(winter.help === false && winter.asOf?.toISOString()).toBe('2026-01-15T09:00:00.000Z')
    const summer = parseSynthLoadArgs(['--children', '1', '--seed', 's', '--as-of', '2026-07-15'], today)
    expect(summer.help === false && summer.asOf?.toISOString()).toBe('2026-07-15T08:00:00.000Z')
  })

  it.each([
    [[], /--children and --seed are required/],
    [['--children', '10'], /--children and --seed are required/],
    [['--children', 'ten', '--seed', 's'], /whole number from 1 to 1,000,000, not "ten"/],
    [['--children', '0', '--seed', 's'], /whole number/],
    [['--children', '10', '--seed', ' '], /--seed must not be empty/],
    [['--children', '10', '--seed', 's', '--as-of', '2026-02-30'], /real date written YYYY-MM-DD/],
    [['--children', '10', '--seed', 's', '--as-of', '23/11/2026'], /real date/],
    [['--children', '10', '--seed', 's', '--as-of', '2027-01-01'], /must not be in the future/],
    [['--children', '10', '--seed', 's', '--add'], /Unknown option '--add'/],
  ])('refuses %j with one clear line and exit code 2', (args, message) => {
    try {
      parseSynthLoadArgs(args, today)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(CliError)
      expect((err as CliError).exitCode).toBe(2)
      expect((err as CliError).message.split('\n')[0]).toMatch(message)
    }
  })

  it('prints its help', () => {
    expect(parseSynthLoadArgs(['--help'], today)).toEqual({ help: true })
  })
})

describe('haven synth into an empty embedded database', () => {
  let dir: string
  let log: ReturnType<typeof vi.spyOn>
  const saved = { ...process.env }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'haven-synth-load-'))
    process.env.HAVEN_DATA_DIR = dir
    process.env.NODE_ENV = 'development'
    delete process.env.DATABASE_URL
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  })

  afterAll(() => {
    process.env = saved
    vi.restoreAllMocks()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds the demo accounts, loads the authority, says what it loaded, and refuses a second load', async () => {
    expect(await command.run(['--children', '40', '--seed', 'cli'])).toBe(0)
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n')
    expect(printed).toMatch(/added the demo accounts/)
    expect(printed).toMatch(/40 children, \d+ adults/)
    expect(printed).toMatch(/Took \d+\.\d s\./)
    await expect(command.run(['--children', '40', '--seed', 'cli'])).rejects.toThrow(
      /already holds a synthetic authority/,
    )
    const database = await openDatabase({ dataDir: dir })
    try {
      const people = await database.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('la_child_id', 'like', '883C%')
        .executeTakeFirstOrThrow()
      expect(Number(people.n)).toBe(40)
      const demo = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'social.worker')
        .execute()
      expect(demo).toHaveLength(1)
    } finally {
      await database.close()
    }
  }, 180_000)
})
