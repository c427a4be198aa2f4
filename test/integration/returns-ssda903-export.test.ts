/**
 * The SSDA903 from Haven's own records: a synthetic authority loaded into the database (its
 * periods of care, placements and episodes written as the care module records them) gives a
 * 2025/26 return with every child looked after in the year, each episode as recorded, and no
 * error under the year's rules; reviews come from the care module's records; a performance
 * officer may export it and others may not (both audited); and the command writes the tables and
 * their findings. Runs on PGlite and on PostgreSQL.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { command } from '../../src/cli/commands/returns.js'
import { parseCollectionYear, previousYear } from '../../src/modules/returns/collection-year.js'
import { exportSsda903, type Ssda903Exported } from '../../src/modules/returns/ssda903-export/service.js'
import type { Ssda903Read } from '../../src/modules/returns/ssda903/read.js'
import { validateSsda903 } from '../../src/modules/returns/ssda903/validate.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { openTestDatabase } from '../support/test-database.js'

const YEAR = parseCollectionYear('2025/26')
const AUDIT: AuditContext = {
  userId: null,
  username: 'ssda903-export-test',
  requestId: 'ssda903-export-test',
}

let database: OpenDatabase
let exported: Ssda903Exported

async function exportReturn(batch?: number): Promise<Ssda903Exported> {
  const build = await exportSsda903(database.db, { role: 'performance_officer' }, AUDIT, {
    year: YEAR,
    previous: previousYear(YEAR),
    ...(batch ? { batch } : {}),
  })
  return build()
}

const read = (e: Ssda903Exported): Ssda903Read => ({
  model: e.model,
  problems: [],
  sources: { current: {}, previous: {} },
})

beforeAll(async () => {
  database = await openTestDatabase()
  await syncClockDefinitions(database.db)
  // A year of history to 1 June 2026, so the whole of 2025/26 is recorded.
  await loadAuthority(database.db, {
    seed: 'ssda903-export',
    children: 900,
    asOf: new Date('2026-06-01T09:00:00Z'),
  })
  exported = await exportReturn()
}, 300_000)
afterAll(async () => database?.close())

describe('the SSDA903 from Haven’s records', () => {
  it('has every child looked after during the year and each of their episodes, with no errors', async () => {
    const { rows } = await sql<{ children: number; episodes: number }>`
      select count(distinct e.child_id)::int as children, count(*)::int as episodes
        from care_episode_v e
       where e.decom <= '2026-03-31' and (e.dec is null or e.dec >= '2025-04-01')`.execute(database.db)
    expect(exported.children).toBe(rows[0]?.children)
    expect(exported.children).toBeGreaterThan(5)
    expect(exported.model.current.Header).toHaveLength(exported.children)
    expect(exported.model.current.Episodes).toHaveLength(rows[0]?.episodes ?? -1)
    const result = await validateSsda903(read(exported), YEAR.label)
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
    // The tables no module holds yet are not written, and their rules say so rather than pass.
    expect(exported.model.current.OC2).toBeUndefined()
    expect(result.notRun.some((r) => /OC2/.test(r.reason))).toBe(true)
  })

  it('writes each episode as care recorded it, a placement without a URN as XXXXXXX', async () => {
    const { rows } = await sql<{ la_child_id: string; decom: string; place: string; urn: string | null }>`
      select coalesce(p.la_child_id, p.id::text) as la_child_id, e.decom::text as decom, e.place, e.urn
        from care_episode_v e join person p on p.id = e.child_id
       where e.decom <= '2026-03-31' and (e.dec is null or e.dec >= '2025-04-01')
       order by e.child_id, e.decom`.execute(database.db)
    const written = (exported.model.current.Episodes ?? []).map((e) => ({
      la_child_id: e.CHILD,
      decom: e.DECOM,
      place: e.PLACE,
      urn: e.text.URN,
    }))
    expect(written).toEqual(rows.map((r) => ({ ...r, urn: r.urn ?? 'XXXXXXX' })))
    for (const [child, id] of exported.personByChild) {
      const person = await database.db
        .selectFrom('person')
        .select((eb) => eb.fn.coalesce('la_child_id', sql<string>`id::text`).as('child'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(person.child).toBe(child)
    }
  })

  it('has the care module’s reviews of the year, and last year’s in last year’s table', async () => {
    const episode = await database.db
      .selectFrom('care_episode_v')
      .select(['child_id', 'period_id', 'decom'])
      .where('decom', '<', '2025-01-01')
      .where((eb) => eb.or([eb('dec', 'is', null), eb('dec', '>', '2025-06-30')]))
      .orderBy('episode_id')
      .executeTakeFirstOrThrow()
    const by = (await database.db.selectFrom('app_user').select('id').orderBy('id').executeTakeFirstOrThrow())
      .id
    const review = (held_on: string, participation: string) => ({
      period_id: episode.period_id,
      child_id: episode.child_id,
      held_on,
      participation,
      chair_user_id: by,
      report_shared_on: held_on,
      recorded_by: by,
      recorded_at: new Date(`${held_on}T15:00:00Z`),
    })
    await database.db
      .insertInto('lac_review')
      .values([review('2025-02-10', 'PN1'), review('2025-06-30', 'PN3')])
      .execute()
    const again = await exportReturn()
    const child = [...again.personByChild].find(([, id]) => id === episode.child_id)?.[0]
    expect(
      again.model.current.Reviews?.filter((r) => r.CHILD === child).map((r) => [r.REVIEW, r.REVIEW_CODE]),
    ).toEqual([['2025-06-30', 'PN3']])
    expect(
      again.model.previous.Reviews?.filter((r) => r.CHILD === child).map((r) => [r.REVIEW, r.REVIEW_CODE]),
    ).toEqual([['2025-02-10', 'PN1']])
    const result = await validateSsda903(read(again), YEAR.label)
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
  })

  it('gives the same return in batches of any size', async () => {
    const small = await exportReturn(3)
    expect(small.model).toEqual((await exportReturn()).model)
  })

  it('is for performance officers: a social worker is refused, and both are audited', async () => {
    await expect(
      exportSsda903(database.db, { role: 'social_worker' }, AUDIT, {
        year: YEAR,
        previous: previousYear(YEAR),
      }),
    ).rejects.toBeInstanceOf(NotAllowedError)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'ssda903.export')
      .orderBy('id')
      .execute()
    expect(audit.map((r) => r.outcome).at(-1)).toBe('denied')
    expect(audit.filter((r) => r.outcome === 'allowed').length).toBeGreaterThanOrEqual(3)
    expect(audit[0]?.detail).toEqual({ year: '2025/26' })
  })
})

describe('haven returns export --ssda903', () => {
  it.each([
    [['export', '--ssda903', '--out', 'x'], /--year is required/],
    [['export', '--ssda903', '--year', '2025/26'], /--out is required: the directory/],
    [['export', '--ssda903', '--year', '2019/20', '--out', 'x'], /no SSDA903 rules for 2019\/20/],
    [['export', '--ssda903', '--cin', '--year', '2025/26', '--out', 'x'], /say which return to export/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const err = await command.run(args).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CliError)
    expect((err as CliError).exitCode).toBe(2)
    expect((err as CliError).message).toMatch(message)
  })

  it('writes the demo authority’s tables and their findings into the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-ssda903-export-'))
    const saved = { ...process.env }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      process.env.HAVEN_DATA_DIR = join(dir, 'data')
      delete process.env.DATABASE_URL
      const out = join(dir, 'exports')
      // The demo's child in care (Ellie Marsh) came into care three weeks ago: this year's return.
      const year = parseCollectionYear(
        (() => {
          const now = new Date()
          const first = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1
          return `${first}/${String((first + 1) % 100).padStart(2, '0')}`
        })(),
      )
      expect(await command.run(['export', '--ssda903', '--year', year.label, '--out', out])).toBe(0)
      const name = `ssda903-${year.label.replace('/', '-')}`
      const header = readFileSync(join(out, name, 'header.csv'), 'utf8').split('\r\n')
      expect(header[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB')
      expect(header.length).toBeGreaterThan(2)
      expect(existsSync(join(out, name, 'episodes.csv'))).toBe(true)
      expect(existsSync(join(out, name, 'oc2.csv'))).toBe(false)
      expect(readFileSync(join(out, `${name}-findings.csv`), 'utf8').split('\n')[0]).toMatch(
        /^child,table,row,line,fields,rule,type/,
      )
      const printed = errors.mock.calls.map((c) => String(c[0])).join('\n')
      expect(printed).toMatch(/SSDA903 \d{4}\/\d\d from Haven’s records: \d+ child(ren)?, 0 errors/)
      expect(printed).toMatch(/not run: UASC .* not held in Haven yet/)
      expect(printed).toMatch(/has not ended: the return is as Haven’s records stand on/)
    } finally {
      process.env = saved
      errors.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
