/**
 * The CIN census from Haven's own records: a synthetic authority loaded into the database (its
 * referrals, assessments, section 47 enquiries, conferences and CP plans written as the modules
 * record them) gives a 2025/26 census that the year's rules find no error in; what goes into it
 * follows the records; a performance officer may export it and others may not (both audited);
 * and the command writes the census and its findings. Runs on PGlite and on PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { command } from '../../src/cli/commands/returns.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { exportCinCensus, type CinExported } from '../../src/modules/returns/cin-export/service.js'
import { validateCin } from '../../src/modules/returns/cin/validate.js'
import { readCinString } from '../../src/modules/returns/cin/xml-read.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { openTestDatabase } from '../support/test-database.js'

const YEAR = parseCollectionYear('2025/26')
const AUDIT: AuditContext = { userId: null, username: 'cin-export-test', requestId: 'cin-export-test' }

let database: OpenDatabase
let exported: CinExported
let xml = ''

async function exportCensus(batch?: number): Promise<{ exported: CinExported; xml: string }> {
  const write = await exportCinCensus(database.db, { role: 'performance_officer' }, AUDIT, {
    year: YEAR,
    laNumber: '883',
    calendar: englandAndWales,
    ...(batch ? { batch } : {}),
  })
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const done = await write(out)
  out.end()
  return { exported: done, xml: Buffer.concat(chunks).toString('utf8') }
}

beforeAll(async () => {
  database = await openTestDatabase()
  await syncClockDefinitions(database.db)
  // A year of history to 1 June 2026, so the whole of 2025/26's last months are recorded.
  await loadAuthority(database.db, {
    seed: 'cin-export',
    children: 600,
    asOf: new Date('2026-06-01T09:00:00Z'),
  })
  ;({ exported, xml } = await exportCensus())
}, 300_000)
afterAll(async () => database?.close())

describe('the CIN census from Haven’s records', () => {
  it('has every child in need during the year, and no errors under the year’s rules', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(distinct r.child_id)::int as n
        from referral r
       where r.referral_date <= '2026-03-31'
         and (r.closed_at is null or r.closed_at >= '2025-04-01')`.execute(database.db)
    expect(exported.children).toBe(rows[0]?.n)
    expect(exported.children).toBeGreaterThan(20)
    const result = await validateCin(readCinString(xml), YEAR.label)
    expect(result.children).toBe(exported.children)
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
    expect(result.readProblems).toEqual([])
  })

  it('writes each assessment, enquiry and plan on the referral it followed, as recorded', async () => {
    const { rows } = await sql<{
      la_child_id: string
      referral_date: string
      started_on: string
      authorised_on: string
      factors: string[]
    }>`
      select p.la_child_id, r.referral_date, a.started_on, a.authorised_on, a.factors
        from assessment a
        join referral r on r.id = a.referral_id
        join person p on p.id = a.child_id
       where a.authorised_on between '2025-04-01' and '2026-03-31'
       order by a.id
       limit 1`.execute(database.db)
    const a = rows[0]
    expect(a).toBeDefined()
    const child = xml.slice(xml.indexOf(`<LAchildID>${a!.la_child_id}</LAchildID>`))
    const episode = child.slice(child.indexOf(`<CINreferralDate>${a!.referral_date}</CINreferralDate>`))
    expect(episode.slice(0, episode.indexOf('</CINdetails>'))).toContain(
      `<AssessmentActualStartDate>${a!.started_on}</AssessmentActualStartDate>\n` +
        `          <AssessmentAuthorisationDate>${a!.authorised_on}</AssessmentAuthorisationDate>`,
    )
    // Every CP plan open in the year is in the census with its start and categories.
    const plans = await sql<{ n: number }>`
      select count(*)::int as n from cp_plan
       where start_date <= '2026-03-31' and (end_date is null or end_date >= '2025-04-01')`.execute(
      database.db,
    )
    expect(xml.match(/<CPPstartDate>/g)?.length ?? 0).toBe(plans.rows[0]?.n)
    expect(plans.rows[0]?.n).toBeGreaterThan(0)
    // And every CIN plan (the synthetic authority's are records of their own, as the module keeps them).
    const cinPlans = await sql<{ n: number }>`
      select count(*)::int as n from cin_plan
       where start_date <= '2026-03-31' and (end_date is null or end_date >= '2025-04-01')`.execute(
      database.db,
    )
    expect(xml.match(/<CINPlanStartDate>/g)?.length ?? 0).toBe(cinPlans.rows[0]?.n)
    expect(cinPlans.rows[0]?.n).toBeGreaterThan(0)
  })

  it('leaves out what happened after the year, and gives the same file in batches of any size', async () => {
    expect(xml).not.toMatch(
      /<(CINreferralDate|AssessmentAuthorisationDate|CPPstartDate|CPPendDate)>2026-0[4-9]/,
    )
    const small = await exportCensus(7)
    expect(small.xml).toBe(xml)
  })

  it('is for performance officers: a social worker is refused, and both are audited', async () => {
    await expect(
      exportCinCensus(database.db, { role: 'social_worker' }, AUDIT, {
        year: YEAR,
        laNumber: '883',
        calendar: englandAndWales,
      }),
    ).rejects.toBeInstanceOf(NotAllowedError)
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'cin_census.export')
      .orderBy('id')
      .execute()
    expect(audit.map((r) => r.outcome)).toEqual(['allowed', 'allowed', 'denied'])
    expect(audit[0]?.detail).toEqual({ year: '2025/26' })
  })
})

describe('haven returns export --cin', () => {
  it.each([
    [['export', '--cin', '--out', 'x'], /--year is required/],
    [['export', '--cin', '--year', '2025/26'], /--out is required: the directory/],
    [['export', '--cin', '--year', '2019/20', '--out', 'x'], /no CIN census rules for 2019\/20/],
    [['export', '--cin', '--annex-a', '--year', '2025/26', '--out', 'x'], /say which return to export/],
    [
      ['export', '--cin', '--year', '2025/26', '--from', '2025-04-01', '--out', 'x'],
      /--from and --to are for Annex A/,
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    const err = await command.run(args).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CliError)
    expect((err as CliError).exitCode).toBe(2)
    expect((err as CliError).message).toMatch(message)
  })

  it('writes the census and its findings into the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-cin-export-'))
    const saved = { ...process.env }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      process.env.HAVEN_DATA_DIR = join(dir, 'data')
      delete process.env.DATABASE_URL
      const out = join(dir, 'exports')
      expect(await command.run(['export', '--cin', '--year', '2025/26', '--out', out])).toBe(0)
      expect(readFileSync(join(out, 'cin-census-2025-26.xml'), 'utf8')).toMatch(
        /^<\?xml[\s\S]*<LEA>883<\/LEA>/,
      )
      expect(readFileSync(join(out, 'cin-census-2025-26-findings.csv'), 'utf8').split('\n')[0]).toMatch(
        /^child,table,row,line,fields,rule,type/,
      )
      const printed = errors.mock.calls.map((c) => String(c[0])).join('\n')
      expect(printed).toMatch(/CIN census 2025\/26 from Haven’s records: \d+ child(ren)?, 0 errors/)
    } finally {
      process.env = saved
      errors.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
