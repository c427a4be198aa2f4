import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { command } from '../../src/cli/commands/returns.js'
import { seedDemo } from '../../src/modules/demo/seed.js'
import { exportAnnexA } from '../../src/modules/returns/annex-a/service.js'
import { exportAnnexABook, sheetRows } from '../support/annex-a.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { openTestDatabase } from '../support/test-database.js'

const NOW = new Date('2026-12-05T09:00:00Z')
const PERIOD = { from: '2025-12-06', to: '2026-12-05' }
const AUDIT: AuditContext = { userId: null, username: 'annex-a-test', requestId: 'annex-a-test' }

let database: OpenDatabase
let book: ExcelJS.Workbook

const exportBook = (period = PERIOD, batch?: number) => exportAnnexABook(database.db, AUDIT, period, batch)

const column = (sheet: ExcelJS.Worksheet, name: string) => (sheetRows(sheet)[0] as unknown[]).indexOf(name)

beforeAll(async () => {
  database = await openTestDatabase()
  await seedDemo(database.db, NOW)
  // One child of known ethnicity, so the column is seen to carry the record's code.
  await sql`update person set ethnicity = 'BAFR' where la_child_id = 'DEMO1003'`.execute(database.db)
  book = await exportBook()
}, 120_000)
afterAll(async () => {
  await database.close()
})

describe('the Annex A workbook from the demo authority', () => {
  it('has one sheet per list in Ofsted’s order, with Ofsted’s headers (golden)', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'List 1',
      'List 2',
      'List 3',
      'List 4',
      'List 5',
      'List 6',
      'List 7',
    ])
    const headers = Object.fromEntries(book.worksheets.map((w) => [w.name, sheetRows(w)[0]]))
    const golden = JSON.parse(
      readFileSync(new URL('./golden/annex-a-headers.json', import.meta.url), 'utf8'),
    ) as unknown
    expect(headers).toEqual(golden)
  })

  it('lists every early help assessment open in the period: as many rows as the records hold', async () => {
    const rows = sheetRows(book.getWorksheet('List 2') as ExcelJS.Worksheet).slice(1)
    const counted = await sql<{ n: number | string }>`
      select count(*) as n
        from earlyhelp_episode_v e
        join person p on p.id = e.child_id
       where p.deleted_at is null
         and e.assessment_started_on <= '2026-12-05'
         and (e.assessment_completed_on is null or e.assessment_completed_on >= '2025-12-06')
         and (e.assessment_completed_on is not null or e.ended_on is null or e.ended_on >= '2025-12-06')`.execute(
      database.db,
    )
    expect(rows.length).toBe(Number(counted.rows[0]?.n))
    expect(rows.length).toBeGreaterThan(0)
  })

  it('lists every child on a contact in the period: as many rows as the records hold', async () => {
    const rows = sheetRows(book.getWorksheet('List 1') as ExcelJS.Worksheet).slice(1)
    const counted = await sql<{ n: number | string }>`
      select count(*) as n
        from contact_child cc
        join contact c on c.id = cc.contact_id
        join person p on p.id = cc.child_id
       where (c.received_at at time zone 'Europe/London')::date between '2025-12-06' and '2026-12-05'
         and c.deleted_at is null and cc.status <> 'withdrawn' and p.deleted_at is null`.execute(database.db)
    expect(rows.length).toBeGreaterThan(30)
    expect(rows.length).toBe(Number(counted.rows[0]?.n))
  })

  it('gives a child as many contact rows as the child has contacts, with their dates and sources', async () => {
    const sheet = book.getWorksheet('List 1') as ExcelJS.Worksheet
    const rows = sheetRows(sheet).slice(1)
    const ids = rows.map((r) => String(r[0]))
    const most = [...new Set(ids)].sort(
      (a, b) => ids.filter((i) => i === b).length - ids.filter((i) => i === a).length,
    )[0] as string
    const theirs = await sql<{ on: string; source: string }>`
      select to_char((c.received_at at time zone 'Europe/London')::date, 'DD/MM/YYYY') as on, c.referral_source as source
        from contact_child cc
        join contact c on c.id = cc.contact_id
        join person p on p.id = cc.child_id
       where p.la_child_id = ${most} and c.deleted_at is null and cc.status <> 'withdrawn'
         and c.received_at >= '2025-12-06T00:00:00Z'
       order by 1, 2`.execute(database.db)
    expect(theirs.rows.length).toBeGreaterThan(1)
    const dateAt = column(sheet, 'Date of Contact')
    const sourceAt = column(sheet, 'Contact Source')
    const listed = rows
      .filter((r) => r[0] === most)
      .map((r) => ({
        on: (r[dateAt] as Date).toISOString().slice(0, 10).split('-').reverse().join('/'),
        source: r[sourceAt],
      }))
      .sort((a, b) => `${a.on}${String(a.source)}`.localeCompare(`${b.on}${String(b.source)}`))
    expect(listed).toEqual(theirs.rows)
  })

  it('writes dates as Excel dates shown dd/mm/yyyy, and the categories with their letters', () => {
    const sheet = book.getWorksheet('List 1') as ExcelJS.Worksheet
    const cell = sheet.getRow(2).getCell(column(sheet, 'Date of Contact') + 1)
    expect(cell.value).toBeInstanceOf(Date)
    expect(cell.numFmt).toBe('dd/mm/yyyy')
    expect(sheet.getRow(2).getCell(column(sheet, 'Date of Birth') + 1).numFmt).toBe('dd/mm/yyyy')
    const rows = sheetRows(sheet).slice(1)
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['a) Male', 'b) Female']))
    expect(rows.find((r) => r[0] === 'DEMO1003')?.[2]).toBe('BAFR')
    expect(rows.find((r) => r[0] === 'DEMO1004')?.[2]).toBe('NOBT')
  })

  it('lists the referrals in the period with NFA, the count in 12 months and the allocation', async () => {
    const sheet = book.getWorksheet('List 3') as ExcelJS.Worksheet
    const rows = sheetRows(sheet).slice(1)
    const referrals = await sql<{
      id: string
      n: number | string
      team: string | null
      worker: string | null
    }>`
      select p.la_child_id as id, count(*) as n, max(t.name) as team, max(u.display_name) as worker
        from referral r
        join person p on p.id = r.child_id
        left join team t on t.id = r.team_id
        left join app_user u on u.id = r.worker_id
       where r.referral_date between '2025-12-06' and '2026-12-05'
       group by p.la_child_id`.execute(database.db)
    expect(rows.length).toBe(referrals.rows.reduce((n, r) => n + Number(r.n), 0))
    expect(rows.length).toBeGreaterThan(25)
    const nfa = column(sheet, 'Referral NFA?')
    expect(rows.every((r) => ['a) Yes', 'b) No'].includes(String(r[nfa])))).toBe(true)
    const count = column(sheet, 'Number of Referrals in Last 12 Months')
    expect(rows.every((r) => typeof r[count] === 'number' && (r[count] as number) >= 1)).toBe(true)
    const allocated = referrals.rows.find((r) => r.worker !== null)
    expect(allocated).toBeDefined()
    const row = rows.find((r) => r[0] === allocated?.id) as unknown[]
    expect([row[column(sheet, 'Allocated Team')], row[column(sheet, 'Allocated Worker')]]).toEqual([
      allocated?.team,
      allocated?.worker,
    ])
  })

  it('counts a child’s earlier referrals within 12 months, including those before the period', async () => {
    const child = await sql<{ id: number; la: string }>`
      select r.child_id as id, p.la_child_id as la from referral r join person p on p.id = r.child_id
       where r.referral_date between '2025-12-06' and '2026-12-05' order by r.id limit 1`.execute(database.db)
    const { id, la } = child.rows[0] as { id: number; la: string }
    const [later] = (
      await sql<{
        d: string
      }>`select max(referral_date)::text as d from referral where child_id = ${id}`.execute(database.db)
    ).rows as [{ d: string }]
    // An earlier referral, 11 months before: inside the 12 months, outside the period.
    await sql`insert into referral (child_id, referral_date, referral_source, re_referral, status, closed_at)
              values (${id}, (${later.d}::date - interval '11 months')::date, '2A', false, 'closed', now())`.execute(
      database.db,
    )
    try {
      const again = await exportBook({ from: later.d, to: later.d })
      const sheet = again.getWorksheet('List 3') as ExcelJS.Worksheet
      const row = sheetRows(sheet).find((r) => r[0] === la) as unknown[]
      const before = sheetRows(book.getWorksheet('List 3') as ExcelJS.Worksheet).filter((r) => r[0] === la)
      expect(row[column(sheet, 'Number of Referrals in Last 12 Months')]).toBe(
        Math.max(...before.map((r) => r[column(sheet, 'Number of Referrals in Last 12 Months')] as number)) +
          1,
      )
    } finally {
      await sql`delete from referral where child_id = ${id} and referral_source = '2A' and closed_at is not null
                  and referral_date < (${later.d}::date - interval '10 months')::date`.execute(database.db)
    }
  })

  it('lists restricted children too (Ofsted’s lists are of every child), by identifier only', async () => {
    const restricted = await sql<{ la: string }>`
      select distinct p.la_child_id as la
        from person p join contact_child cc on cc.child_id = p.id join contact c on c.id = cc.contact_id
       where p.restricted and c.received_at >= '2025-12-06T00:00:00Z' and c.deleted_at is null`.execute(
      database.db,
    )
    expect(restricted.rows.length).toBeGreaterThan(0)
    const ids = new Set(sheetRows(book.getWorksheet('List 1') as ExcelJS.Worksheet).map((r) => r[0]))
    for (const r of restricted.rows) expect(ids.has(r.la)).toBe(true)
    // No names anywhere in the workbook.
    const names = await sql<{ n: string }>`select family_name as n from person where restricted`.execute(
      database.db,
    )
    const text = JSON.stringify(book.worksheets.map((w) => sheetRows(w)))
    for (const n of names.rows) expect(text).not.toContain(n.n)
  })

  it('leaves out a deleted contact', async () => {
    const one = await sql<{ id: number; la: string }>`
      select c.id, p.la_child_id as la from contact c join contact_child cc on cc.contact_id = c.id
        join person p on p.id = cc.child_id
       where c.received_at >= '2025-12-06T00:00:00Z' and cc.status <> 'withdrawn'
       order by c.id limit 1`.execute(database.db)
    const { id } = one.rows[0] as { id: number }
    const before = sheetRows((await exportBook()).getWorksheet('List 1') as ExcelJS.Worksheet).length
    await sql`update contact set deleted_at = now(), deleted_reason = 'Recorded twice' where id = ${id}`.execute(
      database.db,
    )
    try {
      const after = sheetRows((await exportBook()).getWorksheet('List 1') as ExcelJS.Worksheet).length
      const children = await sql<{ n: number | string }>`
        select count(*) as n from contact_child where contact_id = ${id} and child_id is not null and status <> 'withdrawn'`.execute(
        database.db,
      )
      expect(after).toBe(before - Number(children.rows[0]?.n))
    } finally {
      await sql`update contact set deleted_at = null, deleted_reason = null where id = ${id}`.execute(
        database.db,
      )
    }
  })

  it('reads in batches without losing or repeating a row', async () => {
    const small = await exportBook(PERIOD, 7)
    for (const name of ['List 1', 'List 3'])
      expect(sheetRows(small.getWorksheet(name) as ExcelJS.Worksheet)).toEqual(
        sheetRows(book.getWorksheet(name) as ExcelJS.Worksheet),
      )
  })

  it('audits each export with its period and lists; refuses a role without returns.validate', async () => {
    const audits = await sql<{ outcome: string; username: string; detail: unknown }>`
      select outcome, username, detail from audit_event where action = 'annex_a.export' order by id`.execute(
      database.db,
    )
    expect(audits.rows[0]).toMatchObject({
      outcome: 'allowed',
      username: 'annex-a-test',
      detail: { from: '2025-12-06', to: '2026-12-05', lists: [1, 2, 3, 4, 5, 6, 7] },
    })
    const before = audits.rows.length
    await expect(exportAnnexA(database.db, { role: 'social_worker' }, AUDIT, PERIOD)).rejects.toThrow(
      NotAllowedError,
    )
    const after = await sql<{ outcome: string }>`
      select outcome from audit_event where action = 'annex_a.export' order by id`.execute(database.db)
    expect(after.rows.length).toBe(before + 1)
    expect(after.rows.at(-1)?.outcome).toBe('denied')
  })
})

describe('haven returns export', () => {
  it.each([
    [['export'], /--annex-a/],
    [['export', '--annex-a'], /--out is required/],
    [['export', '--annex-a', '--out', 'a.xlsx', '--to', '31/03/2026'], /end of the period must be a date/],
    [
      ['export', '--annex-a', '--out', 'a.xlsx', '--from', '2026-04-01', '--to', '2026-03-31'],
      /starts .* after it ends/,
    ],
    [['export', '--annex-a', '--out', 'a.xlsx', '--year', '2025/26'], /--year is for the DfE returns/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const err = await command.run(args).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CliError)
    expect((err as CliError).exitCode).toBe(2)
    expect((err as CliError).message).toMatch(message)
  })

  it('writes the workbook for a period and says which lists are not held yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-annex-a-'))
    const saved = { ...process.env }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      process.env.HAVEN_DATA_DIR = join(dir, 'data')
      delete process.env.DATABASE_URL
      const out = join(dir, 'annex-a.xlsx')
      expect(
        await command.run([
          'export',
          '--annex-a',
          '--from',
          '2025-04-01',
          '--to',
          '2026-12-31',
          '--out',
          out,
        ]),
      ).toBe(0)
      const read = new ExcelJS.Workbook()
      await read.xlsx.readFile(out)
      expect(read.worksheets.map((w) => w.name)).toHaveLength(7)
      expect(sheetRows(read.getWorksheet('List 1') as ExcelJS.Worksheet).length).toBeGreaterThan(30)
      const printed = errors.mock.calls.map((c) => String(c[0])).join('\n')
      expect(printed).toMatch(/Ofsted Annex A, 1 April 2025 to 31 December 2026/)
      expect(printed).toMatch(/List 1 Contacts: \d+ rows/)
      expect(printed).toMatch(/List 3 Referrals: \d+ rows/)
      expect(printed).toMatch(/List 5 Section 47 enquiries and ICPCs: \d+ rows?/)
      expect(printed).toMatch(/List 6 Children in need: \d+ rows?/)
      expect(printed).toMatch(/List 2 Early help: \d+ rows?/)
    } finally {
      process.env = saved
      errors.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
