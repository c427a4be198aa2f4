/**
 * `haven returns import --ssda903`: an authority's existing return loaded into Haven's care
 * records. A synthetic authority's 2025/26 return (exported from one database) is imported into
 * another that holds the same children's people records and the same social workers' accounts
 * only; that database's export then gives the same tables back, row for row, SWEpisodes too (the
 * children's allocated workers). Its 2026/27 return, the first with DoLo, likewise into a third.
 * A second run writes nothing; a child not in Haven, a child whose date of birth differs and a
 * child whose episodes or orders break care's rules are reported and nothing of theirs is
 * written; social worker episodes Haven cannot map (no account, an allocation already held) are
 * reported and not written, the child's care imported. Runs on PGlite and on PostgreSQL.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { command } from '../../src/cli/commands/returns.js'
import { parseCollectionYear, previousYear } from '../../src/modules/returns/collection-year.js'
import { exportSsda903 } from '../../src/modules/returns/ssda903-export/service.js'
import { importSsda903, type Ssda903Imported } from '../../src/modules/returns/ssda903-import/service.js'
import { IMPORTED, IMPORTED_FROM_LAST_YEAR } from '../../src/modules/returns/ssda903-import/model.js'
import type { Ssda903Return, Ssda903Tables } from '../../src/modules/returns/ssda903/model.js'
import { writeSsda903Csv } from '../../src/modules/returns/ssda903/read.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { openTestDatabase } from '../support/test-database.js'

const YEAR = parseCollectionYear('2025/26')
const DOLO_YEAR = parseCollectionYear('2026/27')
const AUDIT: AuditContext = { userId: null, username: 'ssda903-import-test', requestId: null }
const NOW = new Date('2026-06-02T09:00:00Z')

let source: OpenDatabase
let target: OpenDatabase
let dir: string
let original: Ssda903Tables
let by: number
let first: Ssda903Imported

async function exportedBoth(db: OpenDatabase, year = YEAR): Promise<Ssda903Return> {
  const build = await exportSsda903(db.db, 'command_line', AUDIT, {
    year,
    previous: previousYear(year),
  })
  return (await build()).model
}
const exported = async (db: OpenDatabase, year = YEAR) => (await exportedBoth(db, year)).current

/** A table's rows as text, for the children given, sorted: what a file comparison would see. */
function rowsText(
  tables: Ssda903Tables,
  table: (typeof IMPORTED)[number],
  children: ReadonlySet<string>,
): string[] {
  return (tables[table] ?? [])
    .filter((r) => children.has(r.text.CHILD))
    .map((r) => {
      const text = { ...r.text } as Record<string, string>
      // Motherhood comes from people's records (the baby), which the return does not carry.
      delete text.MOTHER
      delete text.MC_DOB
      return JSON.stringify(text)
    })
    .sort()
}

/** The children with episodes in the return, or a care leaver's OC3: those the import reads. */
const inCare = (tables: Ssda903Tables) =>
  new Set([...(tables.Episodes ?? []), ...(tables.OC3 ?? [])].map((e) => e.text.CHILD))

/**
 * The synthetic authority of this size has few adoptions: decisions to place for adoption on two
 * open periods (one reversed in the year), and one period that ended in the year made an adoption
 * (E12) with the decision and the match, so PlacedAdoption and AD1 have rows to give back.
 */
async function adoptionsIn(db: OpenDatabase) {
  const user = sql`(select min(id) from app_user)`
  await sql`
    insert into care_adoption (period_id, child_id, decided_on, decision_maker, reversed_on, reversal_reason,
                               recorded_by, recorded_at, updated_by, updated_at)
    select p.id, p.child_id, greatest(p.start_date, date '2025-04-15'), 'Agency decision maker',
           case when p.n = 2 then date '2026-02-01' end, case when p.n = 2 then 'RD1' end,
           ${user}, now(), ${user}, now()
      from (select id, child_id, start_date, row_number() over (order by id) as n
              from care_period
             where end_date is null and start_date <= '2026-01-01'
               and id not in (select period_id from care_adoption)
             order by id limit 2) p`.execute(db.db)
  const { rows } = await sql<{ id: number; end_date: string; reason_ceased: string }>`
    select id, end_date, reason_ceased from care_period
     where end_date between '2025-04-01' and '2026-03-31' and reason_ceased <> 'E12'
       and id not in (select period_id from care_adoption)
     order by id limit 1`.execute(db.db)
  const ended = rows[0]
  if (ended === undefined) throw new Error('no period ended in the year to make an adoption of')
  await sql`update care_period set reason_ceased = 'E12' where id = ${ended.id}`.execute(db.db)
  await sql`update care_episode set rec = 'E12' where period_id = ${ended.id} and end_date = ${ended.end_date}
              and rec = ${ended.reason_ceased}`.execute(db.db)
  await sql`
    insert into care_adoption (period_id, child_id, decided_on, decision_maker, matched_on, adopters, adopter_sexes,
                               adopter_legal_status, by_foster_carers, recorded_by, recorded_at, updated_by, updated_at)
    select id, child_id, greatest(start_date, date '2025-04-01'), 'Agency decision maker',
           greatest(start_date, date '2025-04-01'), 2, 'MF', 'L11', false, ${user}, now(), ${user}, now()
      from care_period where id = ${ended.id}`.execute(db.db)
}

/**
 * Deprivation of liberty orders in force in 2026/27 on two open periods whose placements rule 710
 * allows: one made and ended in the year, one still in force, so DoLo has rows of both kinds.
 */
async function dolosIn(db: OpenDatabase) {
  const user = sql`(select min(id) from app_user)`
  await sql`
    insert into care_dolo (period_id, child_id, start_date, end_date, recorded_by, recorded_at, updated_by, updated_at)
    select p.id, p.child_id, date '2026-04-10', case when p.n = 1 then date '2026-05-01' end,
           ${user}, now(), ${user}, now()
      from (select id, child_id, row_number() over (order by id) as n
              from care_period p
             where end_date is null and start_date <= '2026-03-01'
               and not exists (select 1 from care_dolo d where d.child_id = p.child_id)
               and not exists (select 1 from care_episode e join care_placement pl on pl.id = e.placement_id
                                where e.period_id = p.id and pl.place in ('K1', 'P1', 'R5', 'K3')
                                  and (e.end_date is null or e.end_date >= '2026-04-10'))
             order by id limit 2) p`.execute(db.db)
}

/**
 * Every allocated worker of the source given a Social Work England registration (the synthetic
 * authority's unqualified workers have none, so the export would name them XX and an account
 * number, which no other system's return could), and the same workers' accounts in a target, as
 * a migration loads its staff before its children.
 */
async function registered(db: OpenDatabase) {
  await sql`update app_user set sw_registration = 'SW7' || lpad(id::text, 6, '0')
             where sw_registration is null
               and id in (select user_id from child_access where basis = 'allocated_worker')`.execute(db.db)
}
async function staffFor(db: OpenDatabase, tables: Ssda903Tables) {
  const ids = [...new Set((tables.SWEpisodes ?? []).map((w) => w.text.SW_ID))]
  for (const id of ids)
    await sql`insert into app_user (username, display_name, role, sw_registration)
              values (${`sw-${id.toLowerCase()}`}, ${`Worker ${id}`}, 'social_worker', ${id})`.execute(db.db)
}

/** People's records of the return's children, copied from the source as a migration loads them. */
async function peopleFor(db: OpenDatabase, tables: Ssda903Tables) {
  const children = (tables.Header ?? []).map((h) => h.text.CHILD)
  const { rows: people } = await sql<Record<string, unknown>>`
    select la_child_id, given_name, family_name, date_of_birth, sex, ethnicity, upn, upn_unknown_reason
      from person where la_child_id = any(${children}::text[])`.execute(source.db)
  for (const p of people)
    await sql`
      insert into person (kind, la_child_id, given_name, family_name, date_of_birth, sex, ethnicity, upn,
                          upn_unknown_reason, created_at)
      values ('child', ${p.la_child_id}, ${p.given_name}, ${p.family_name}, ${p.date_of_birth}, ${p.sex},
              ${p.ethnicity}, ${p.upn}, ${p.upn_unknown_reason}, now())`.execute(db.db)
  await staffFor(db, tables)
}

/** Rows of every table the import writes, and the case events and tasks it starts. */
const recordsIn = async (db: OpenDatabase) =>
  (
    await sql<Record<string, string>>`
      select (select count(*) from care_period) as periods, (select count(*) from care_episode) as episodes,
             (select count(*) from lac_review) as reviews, (select count(*) from care_outcome) as outcomes,
             (select count(*) from care_health_check) as checks,
             (select count(*) from care_health_assessment) as assessments,
             (select count(*) from care_adoption) as adoptions, (select count(*) from care_leaver_contact) as leavers,
             (select count(*) from care_dolo) as dolo, (select count(*) from child_access) as grants,
             (select count(*) from frontdoor_allocation_reason) as reasons,
             (select count(*) from case_event) as events, (select count(*) from task) as tasks`.execute(db.db)
  ).rows[0]

beforeAll(async () => {
  source = await openTestDatabase()
  await syncClockDefinitions(source.db)
  await loadAuthority(source.db, {
    seed: 'ssda903-import',
    children: 500,
    asOf: new Date('2026-06-01T09:00:00Z'),
  })
  await adoptionsIn(source)
  await dolosIn(source)
  await registered(source)
  original = await exported(source)
  dir = mkdtempSync(join(tmpdir(), 'haven-903-import-'))
  await writeSsda903Csv(join(dir, 'return'), original)

  // The target holds the same children's people records and the same social workers' accounts,
  // as a migration would load them first.
  target = await openTestDatabase({ seeded: true })
  await peopleFor(target, original)
  by = Number(
    (await sql<{ id: number }>`select id from app_user where username = 'team.manager'`.execute(target.db))
      .rows[0]?.id,
  )
  // Read in three shares of its children (a return this small would be one): the export after it
  // and the import again in one share show the shares change nothing.
  first = await importSsda903(target.db, AUDIT, {
    files: [join(dir, 'return')],
    year: YEAR.label,
    by,
    now: () => NOW,
    parts: 3,
  })
}, 300_000)

afterAll(async () => {
  await source?.close()
  await target?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('importing an SSDA903 return into Haven’s care records', () => {
  it('imports every child of the return', () => {
    expect(first.notImported).toEqual([])
    expect(first.rowsNotImported).toEqual([])
    // Every child with episodes, and every care leaver with OC3 alone; every table Haven writes.
    expect(first.children).toBe(inCare(original).size)
    expect(first.tablesNotImported).toEqual({})
    expect(first.imported).toBe(first.children)
    expect(first.children).toBeGreaterThan(5)
  })

  it('allocates each social worker episode’s worker, audited, the open ones still allocated', async () => {
    const { rows } = await sql<{ grants: string; open: string; reasons: string; audits: string }>`
      select count(*) as grants, count(*) filter (where c.revoked_at is null) as open,
             count(r.grant_id) as reasons,
             (select count(*) from audit_event where action = 'child_access.allocate'
                 and detail->>'importId' = ${String(first.importId)}) as audits
        from child_access c
        join person p on p.id = c.child_id
        left join frontdoor_allocation_reason r on r.grant_id = c.id
       where c.basis = 'allocated_worker' and p.la_child_id = any(${[...inCare(original)]}::text[])`.execute(
      target.db,
    )
    const episodes = original.SWEpisodes ?? []
    const r = rows[0]
    expect(episodes.length).toBeGreaterThan(0)
    expect(Number(r?.grants)).toBe(episodes.length)
    expect(Number(r?.open)).toBe(episodes.filter((w) => w.text.SW_DEC === '').length)
    expect(Number(r?.audits)).toBe(episodes.length)
    // A reason is kept only where the view would not give it: a change of worker, not a first one.
    expect(Number(r?.reasons)).toBeLessThan(episodes.length)
  })

  it('gives the same return back when exported', async () => {
    const again = await exported(target)
    const children = inCare(original)
    for (const table of IMPORTED) {
      const before = rowsText(original, table, children)
      expect(rowsText(again, table, children), table).toEqual(before)
    }
    // Every imported table had rows to compare (DoLo, from 2026/27, below).
    for (const table of ['Reviews', 'Missing', 'OC2', 'OC3', 'PlacedAdoption', 'AD1', 'SWEpisodes'] as const)
      expect(original[table]?.length ?? 0, table).toBeGreaterThan(0)
  })

  it('names the run on the periods and reviews, with an event and an audit row for each child', async () => {
    const { rows } = await sql<{
      periods: string
      unnamed: string
      reviews: string
      events: string
      audits: string
    }>`
      select (select count(*) from care_period where import_id = ${first.importId}) as periods,
             (select count(*) from care_period where admission = 'imported' and import_id is null) as unnamed,
             (select count(*) from lac_review where import_id = ${first.importId} and chair_user_id is null) as reviews,
             (select count(*) from case_event where type = 'care.imported') as events,
             (select count(distinct child_id) from audit_event where action = 'care.import') as audits`.execute(
      target.db,
    )
    const r = rows[0]
    // A care leaver with OC3 alone has no period.
    expect(Number(r?.periods)).toBeGreaterThanOrEqual(
      new Set(original.Episodes?.map((e) => e.text.CHILD)).size,
    )
    expect(Number(r?.unnamed)).toBe(0)
    expect(Number(r?.reviews)).toBe((original.Reviews ?? []).length)
    expect(Number(r?.events)).toBe(Number(r?.periods))
    expect(Number(r?.audits)).toBe(first.imported)
    // Each period still open has its next review and a visit due; an ended one has neither, and
    // no other clock starts.
    const { rows: due } = await sql<{ clock: string; n: string }>`
      select coalesce(t.clock_code, 'open period') as clock, count(*) as n
        from (select t.clock_code from task t
                join care_import_child c on c.child_id = t.child_id and c.import_id = ${first.importId}
               where t.stopped_at is null
              union all
              select null from care_period where import_id = ${first.importId} and end_date is null) t
       group by t.clock_code`.execute(target.db)
    const count = Object.fromEntries(due.map((d) => [d.clock, Number(d.n)]))
    const open = count['open period'] ?? 0
    expect(open).toBeGreaterThan(0)
    expect(
      (count['lac-review-20wd'] ?? 0) + (count['lac-review-3m'] ?? 0) + (count['lac-review-6m'] ?? 0),
    ).toBe(open)
    expect(count['lac-visit-1w']).toBe(open)
    const allowed = ['open period', 'lac-review-20wd', 'lac-review-3m', 'lac-review-6m', 'lac-visit-1w']
    expect(Object.keys(count).filter((k) => !allowed.includes(k))).toEqual([])
  })

  it('writes nothing when the same return is imported again', async () => {
    const before = await recordsIn(target)
    const second = await importSsda903(target.db, AUDIT, {
      files: [join(dir, 'return')],
      year: YEAR.label,
      by,
      now: () => NOW,
    })
    expect(second).toMatchObject({ imported: 0, unchanged: first.imported, notImported: [] })
    expect(await recordsIn(target)).toEqual(before)
  })

  it('reports the children it could not import, writing nothing of theirs', async () => {
    // Three children of the target with no care: one the return gives another birthday, one whose
    // episodes leave a gap after X1, and one Haven does not hold at all.
    const { rows } = await sql<{ id: number; la_child_id: string; date_of_birth: string }>`
      insert into person (kind, la_child_id, given_name, family_name, date_of_birth, sex, created_at)
      values ('child', 'IMP-DOB', 'Ada', 'Test', '2012-03-04', 'F', now()),
             ('child', 'IMP-GAP', 'Ben', 'Test', '2013-05-06', 'M', now())
      returning id, la_child_id, date_of_birth`.execute(target.db)
    const bad = join(dir, 'bad')
    mkdirSync(bad)
    writeFileSync(
      join(bad, 'header.csv'),
      'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n' +
        'IMP-DOB,2,05/03/2012,WBRI,UN1,,\r\nIMP-GAP,1,06/05/2013,WBRI,UN1,,\r\nIMP-NONE,1,01/01/2014,WBRI,UN1,,\r\n',
    )
    writeFileSync(
      join(bad, 'episodes.csv'),
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' +
        'IMP-DOB,01/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
        'IMP-GAP,01/06/2025,S,V2,N1,U1,PR1,01/07/2025,X1,CARPL,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
        'IMP-GAP,03/07/2025,P,V2,N1,U3,PR1,,,,RM17 6SL,SS17 0AB,XXXXXXX\r\n' +
        'IMP-NONE,01/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n',
    )
    const result = await importSsda903(target.db, AUDIT, {
      files: [bad],
      year: YEAR.label,
      by,
      now: () => NOW,
    })
    expect(result.imported).toBe(0)
    expect(Object.fromEntries(result.notImported.map((c) => [c.child, c.reason]))).toEqual({
      'IMP-DOB': expect.stringMatching(/date of birth 05\/03\/2012 is not Haven’s/),
      'IMP-GAP': expect.stringMatching(/episode starting 03\/07\/2025 does not continue/),
      'IMP-NONE': 'no child in Haven has this LA child ID',
    })
    const ids = rows.map((r) => r.id)
    const { rows: written } = await sql<{ n: string }>`
      select count(*) as n from care_period where child_id = any(${`{${ids.join(',')}}`}::bigint[])`.execute(
      target.db,
    )
    expect(Number(written[0]?.n)).toBe(0)
  })
})

describe('importing this year’s return with last year’s', () => {
  it('takes in last year’s care as history: both years’ tables come back when exported', async () => {
    const both = await exportedBoth(source)
    const lastYear = both.previous ?? {}
    const lookedAfterLastYear = inCare({ Episodes: lastYear.Episodes ?? [] })
    // Some of last year's episodes ended before this year: history this year's return lacks.
    expect(
      (lastYear.Episodes ?? []).filter((e) => e.DEC !== null && e.DEC < YEAR.start).length,
    ).toBeGreaterThan(0)
    // One child left out of this year's files, as if they had left care last year: in last year's
    // return alone, they are imported from it.
    const gone = [...lookedAfterLastYear][0] as string
    const thisYear = Object.fromEntries(
      Object.entries(both.current).map(([t, rows]) => [t, rows.filter((r) => r.text.CHILD !== gone)]),
    ) as Ssda903Tables
    const at = join(dir, 'both-years')
    await writeSsda903Csv(at, { current: thisYear, previous: lastYear })
    const children = new Set([...inCare(thisYear), ...lookedAfterLastYear])
    const withHistory = await openTestDatabase({ seeded: true })
    await peopleFor(withHistory, {
      Header: [...(thisYear.Header ?? []), ...(lastYear.Header ?? [])],
      SWEpisodes: [...(thisYear.SWEpisodes ?? []), ...(lastYear.SWEpisodes ?? [])],
    })
    try {
      const result = await importSsda903(withHistory.db, AUDIT, {
        files: [at],
        previous: [join(at, 'previous')],
        year: YEAR.label,
        by,
        now: () => NOW,
      })
      expect(result.notImported).toEqual([])
      expect(result.rowsNotImported).toEqual([])
      expect(result.imported).toBe(children.size)
      // Last year's other tables are counted, not imported.
      for (const [table, rows] of Object.entries(lastYear))
        expect(result.lastYearTablesNotImported[table as 'OC2'], table).toBe(
          IMPORTED_FROM_LAST_YEAR.includes(table as 'OC2') || rows.length === 0 ? undefined : rows.length,
        )

      const again = await exportedBoth(withHistory)
      for (const table of IMPORTED)
        expect(rowsText(again.current, table, inCare(thisYear)), table).toEqual(
          rowsText(thisYear, table, inCare(thisYear)),
        )
      for (const table of IMPORTED_FROM_LAST_YEAR)
        expect(rowsText(again.previous ?? {}, table, lookedAfterLastYear), `last year's ${table}`).toEqual(
          rowsText(lastYear, table, lookedAfterLastYear),
        )
      expect(rowsText(again.previous ?? {}, 'Episodes', new Set([gone])).length).toBeGreaterThan(0)
    } finally {
      await withHistory.close()
    }
  }, 300_000)
})

/** Children of the target with no care yet, and a return for them in `dir/name`. */
async function craftedReturn(
  name: string,
  people: [string, string][],
  files: Record<string, string>,
  before?: (ids: Map<string, number>) => Promise<void>,
): Promise<{ ids: Map<string, number>; result: Ssda903Imported }> {
  const ids = new Map<string, number>()
  for (const [child, dob] of people) {
    const { rows } = await sql<{ id: number }>`
      insert into person (kind, la_child_id, given_name, family_name, date_of_birth, sex, created_at)
      values ('child', ${child}, 'Test', ${child}, ${dob}, 'F', now()) returning id`.execute(target.db)
    ids.set(child, Number(rows[0]?.id))
  }
  const at = join(dir, name)
  mkdirSync(at)
  const header =
    'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n' +
    people.map(([c, d]) => `${c},2,${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)},WBRI,UN1,0,\r\n`).join('')
  writeFileSync(join(at, 'header.csv'), header)
  for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text)
  await before?.(ids)
  const result = await importSsda903(target.db, AUDIT, { files: [at], year: YEAR.label, by, now: () => NOW })
  return { ids, result }
}

const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n'

describe('the clocks of a period still open after the import', () => {
  it('owes the next review from the last imported (or care’s start) and a visit in the current placement', async () => {
    const { ids, result } = await craftedReturn(
      'clocks',
      [
        ['CLK-NONE', '2012-01-10'],
        ['CLK-ONE', '2012-01-10'],
        ['CLK-TWO', '2012-01-10'],
        ['CLK-ENDED', '2012-01-10'],
      ],
      {
        'episodes.csv':
          EPISODES +
          'CLK-NONE,02/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
          'CLK-ONE,01/05/2025,S,C2,N1,U1,PR1,03/11/2025,X1,CARPL,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
          'CLK-ONE,03/11/2025,P,C2,N1,U3,PR1,,,,RM17 6SL,SS17 0AB,XXXXXXX\r\n' +
          'CLK-TWO,01/04/2025,S,C2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
          'CLK-ENDED,01/05/2025,S,V2,N1,U1,PR1,01/08/2025,E4A,,RM17 6SL,SS17 0AA,XXXXXXX\r\n',
        'reviews.csv':
          'CHILD,DOB,REVIEW,REVIEW_CODE\r\n' +
          'CLK-ONE,10/01/2012,15/09/2025,PN1\r\n' +
          'CLK-TWO,10/01/2012,20/05/2025,PN1\r\n' +
          'CLK-TWO,10/01/2012,12/01/2026,PN1\r\n' +
          'CLK-ENDED,10/01/2012,20/05/2025,PN1\r\n',
      },
    )
    expect(result).toMatchObject({ imported: 4, notImported: [] })
    const tasks = async (child: string) =>
      (
        await sql<{ clock_code: string; due_at: Date }>`
          select clock_code, due_at from task where child_id = ${ids.get(child)} and stopped_at is null
           order by clock_code`.execute(target.db)
      ).rows.map((t) => [t.clock_code, t.due_at.toISOString()])
    // The first review 20 working days from care's start; the first visit a week from the placement's.
    expect(await tasks('CLK-NONE')).toEqual([
      ['lac-review-20wd', '2025-06-30T22:59:59.999Z'],
      ['lac-visit-1w', '2025-06-09T22:59:59.999Z'],
    ])
    // One review: the second within 3 months of it; the visit from the move.
    expect(await tasks('CLK-ONE')).toEqual([
      ['lac-review-3m', '2025-12-15T23:59:59.999Z'],
      ['lac-visit-1w', '2025-11-10T23:59:59.999Z'],
    ])
    // Two: the next within 6 months of the later.
    expect(await tasks('CLK-TWO')).toEqual([
      ['lac-review-6m', '2026-07-12T22:59:59.999Z'],
      ['lac-visit-1w', '2025-04-08T22:59:59.999Z'],
    ])
    expect(await tasks('CLK-ENDED')).toEqual([])
  })
})

describe('rows the import cannot give back', () => {
  it('refuses the child, naming the row and why, and writes nothing of theirs', async () => {
    const { ids, result } = await craftedReturn(
      'rows',
      [
        ['ROW-OC2', '2012-01-10'],
        ['ROW-AD1', '2022-01-10'],
        ['ROW-OC3', '2008-01-10'],
      ],
      {
        'episodes.csv':
          EPISODES +
          'ROW-OC2,02/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n' +
          'ROW-AD1,01/04/2025,S,E1,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n',
        'oc2.csv':
          'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,' +
          'SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\r\n' +
          'ROW-OC2,10/01/2012,12,,0,,1,1,1,0,,\r\n',
        'ad1.csv':
          'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\r\n' +
          'ROW-AD1,10/01/2022,01/05/2025,01/06/2025,0,2,MF,L11\r\n',
        'oc3.csv': 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n' + 'ROW-OC3,10/01/2008,YES,0,0\r\n',
      },
    )
    expect(result.imported).toBe(0)
    expect(Object.fromEntries(result.notImported.map((c) => [c.child, c.reason]))).toEqual({
      'ROW-OC2': expect.stringMatching(/^OC2: the child was not looked after for the 12 months to 31 March/),
      'ROW-AD1': expect.stringMatching(
        /^AD1: the period of care from 01\/04\/2025 did not end with an adoption order/,
      ),
      'ROW-OC3': 'OC3: ACTIV 0 is not a valid code',
    })
    const list = `{${[...ids.values()].join(',')}}`
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from care_period where child_id = any(${list}::bigint[]))
           + (select count(*) from care_leaver_contact where child_id = any(${list}::bigint[]))
           + (select count(*) from task where child_id = any(${list}::bigint[])) as n`.execute(target.db)
    expect(Number(rows[0]?.n)).toBe(0)
  })
})

describe('DoLo, collected from 2026/27', () => {
  let doloTarget: OpenDatabase
  let returned: Ssda903Tables
  let result: Ssda903Imported

  beforeAll(async () => {
    returned = await exported(source, DOLO_YEAR)
    await writeSsda903Csv(join(dir, 'return-2026'), returned)
    doloTarget = await openTestDatabase({ seeded: true })
    await peopleFor(doloTarget, returned)
    const as = Number(
      (
        await sql<{ id: number }>`select id from app_user where username = 'team.manager'`.execute(
          doloTarget.db,
        )
      ).rows[0]?.id,
    )
    result = await importSsda903(doloTarget.db, AUDIT, {
      files: [join(dir, 'return-2026')],
      year: DOLO_YEAR.label,
      by: as,
      now: () => NOW,
    })
  }, 300_000)

  afterAll(async () => {
    await doloTarget?.close()
  })

  it('imports the orders, and the export gives the 2026/27 return back with them', async () => {
    expect(result.notImported).toEqual([])
    expect(result.rowsNotImported).toEqual([])
    const orders = returned.DoLo ?? []
    expect(orders.some((d) => d.text.DOLO_END === '')).toBe(true)
    expect(orders.some((d) => d.text.DOLO_END !== '')).toBe(true)
    const { rows } = await sql<{ n: string }>`select count(*) as n from care_dolo`.execute(doloTarget.db)
    expect(Number(rows[0]?.n)).toBe(orders.length)
    const again = await exported(doloTarget, DOLO_YEAR)
    const children = inCare(returned)
    for (const table of IMPORTED)
      expect(rowsText(again, table, children), table).toEqual(rowsText(returned, table, children))
  })
})

describe('social worker episodes and orders the import cannot give back', () => {
  it('reports episodes with no account or overlapping an allocation, imports the care, writes no grant', async () => {
    const known = (original.SWEpisodes ?? [])[0]?.text.SW_ID as string
    const other = (
      await sql<{ id: number }>`select id from app_user where username = 'team.manager'`.execute(target.db)
    ).rows[0]?.id
    const { ids, result } = await craftedReturn(
      'workers',
      [
        ['SWK-OK', '2012-01-10'],
        ['SWK-NONE', '2012-01-10'],
        ['SWK-XX', '2012-01-10'],
        ['SWK-HELD', '2012-01-10'],
      ],
      {
        'episodes.csv':
          EPISODES +
          ['SWK-OK', 'SWK-NONE', 'SWK-XX', 'SWK-HELD']
            .map((c) => `${c},02/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n`)
            .join(''),
        'sw_episodes.csv':
          'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\r\n' +
          `SWK-OK,10/01/2012,${known},02/06/2025,,FCONTA\r\n` +
          `SWK-NONE,10/01/2012,${known},02/06/2025,01/09/2025,FCONTA\r\n` +
          'SWK-NONE,10/01/2012,SW0000001,01/09/2025,,MANAGE\r\n' +
          'SWK-XX,10/01/2012,XX123,02/06/2025,,FCONTA\r\n' +
          `SWK-HELD,10/01/2012,${known},02/06/2025,,FCONTA\r\n`,
      },
      // Haven allocated SWK-HELD a worker before the migration.
      async (children) => {
        await sql`insert into child_access (child_id, user_id, basis, granted_by, granted_at)
                  values (${children.get('SWK-HELD')}, ${other}, 'allocated_worker', ${other},
                          '2025-08-01T09:00:00Z')`.execute(target.db)
      },
    )
    expect(result).toMatchObject({ imported: 4, notImported: [] })
    expect(Object.fromEntries(result.rowsNotImported.map((r) => [r.child, [r.table, r.reason]]))).toEqual({
      'SWK-NONE': ['SWEpisodes', expect.stringMatching(/no Haven account has the registration SW0000001/)],
      'SWK-XX': [
        'SWEpisodes',
        expect.stringMatching(/SW_ID XX123 .* is not a Social Work England registration/),
      ],
      'SWK-HELD': ['SWEpisodes', expect.stringMatching(/already allocates the child to a social worker/)],
    })
    const { rows } = await sql<{ la_child_id: string; grants: string; periods: string }>`
      select p.la_child_id,
             (select count(*) from child_access c where c.child_id = p.id and c.basis = 'allocated_worker') as grants,
             (select count(*) from care_period c where c.child_id = p.id) as periods
        from person p where p.id = any(${[...ids.values()]}::bigint[]) order by p.la_child_id`.execute(
      target.db,
    )
    expect(rows.map((r) => [r.la_child_id, Number(r.grants), Number(r.periods)])).toEqual([
      ['SWK-HELD', 1, 1],
      ['SWK-NONE', 0, 1],
      ['SWK-OK', 1, 1],
      ['SWK-XX', 0, 1],
    ])
  })

  it('writes no grant for a child whose care Haven holds differently', async () => {
    const header = (original.Header ?? []).find((h) =>
      (original.SWEpisodes ?? []).some((w) => w.text.CHILD === h.text.CHILD),
    )
    const child = header?.text.CHILD as string
    const known = (original.SWEpisodes ?? [])[0]?.text.SW_ID as string
    const grants = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from child_access c join person p on p.id = c.child_id
                                    where p.la_child_id = ${child}`.execute(target.db)
        ).rows[0]?.n,
      )
    const before = await grants()
    const at = join(dir, 'differs')
    mkdirSync(at)
    writeFileSync(
      join(at, 'header.csv'),
      `CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n${child},1,${header?.text.DOB},WBRI,UN1,,\r\n`,
    )
    writeFileSync(
      join(at, 'episodes.csv'),
      EPISODES + `${child},02/06/2025,S,V2,N1,U1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n`,
    )
    writeFileSync(
      join(at, 'sw_episodes.csv'),
      `CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\r\n${child},${header?.text.DOB},${known},01/01/2020,01/02/2020,FCONTA\r\n`,
    )
    const result = await importSsda903(target.db, AUDIT, {
      files: [at],
      year: YEAR.label,
      by,
      now: () => NOW,
    })
    expect(result.notImported).toEqual([
      { child, reason: expect.stringMatching(/already holds care records/) },
    ])
    expect(result.rowsNotImported).toEqual([])
    expect(await grants()).toBe(before)
  })

  it('refuses a child whose order rule 710 forbids, writing nothing of theirs', async () => {
    const { ids, result } = await craftedReturn('orders', [['DOLO-P1', '2010-01-10']], {
      'episodes.csv': EPISODES + 'DOLO-P1,02/06/2025,S,V2,N1,P1,PR1,,,,RM17 6SL,SS17 0AA,XXXXXXX\r\n',
      'dolo.csv': 'CHILD,DOB,DOLO_START,DOLO_END\r\n' + 'DOLO-P1,10/01/2010,01/07/2025,\r\n',
    })
    expect(result.imported).toBe(0)
    expect(result.notImported).toEqual([
      {
        child: 'DOLO-P1',
        reason: expect.stringMatching(
          /^DoLo: the order made 01\/07\/2025: a child with a deprivation of liberty order cannot be placed with their parents/,
        ),
      },
    ])
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from care_period where child_id = ${ids.get('DOLO-P1')})
           + (select count(*) from care_dolo where child_id = ${ids.get('DOLO-P1')}) as n`.execute(target.db)
    expect(Number(rows[0]?.n)).toBe(0)
  })
})

describe('haven returns import --ssda903', () => {
  it.each([
    [['import', '--year', '2025/26', '--as', 'x'], /say which return to import/],
    [['import', '--ssda903', 'no-such-dir', '--year', '2025/26', '--as', 'x'], /not found: no-such-dir/],
    [['import', '--ssda903', '.', '--year', '2025/26'], /--as is required/],
    [['import', '--ssda903', '.', '--as', 'x'], /--year is required/],
    [['import', '--ssda903', '.', '--as', 'x', '--year', '2025'], /2025/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const err = await command.run(args).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CliError)
    expect((err as CliError).exitCode).toBe(2)
    expect((err as CliError).message).toMatch(message)
  })

  it('imports into the demo authority, naming each child not imported in the report, exit 1', async () => {
    const data = mkdtempSync(join(tmpdir(), 'haven-903-import-cli-'))
    const saved = { ...process.env }
    const said: string[] = []
    const errors = vi
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void said.push(a.join(' ')))
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      process.env.HAVEN_DATA_DIR = join(data, 'data')
      delete process.env.DATABASE_URL
      const report = join(data, 'not-imported.csv')
      const args = ['import', '--ssda903', join(dir, 'bad'), '--year', '2025/26', '--as', 'team.manager']
      expect(await command.run([...args, '--report', report])).toBe(1)
      expect(said.join('\n')).toMatch(/3 children, 0 imported, 0 already held, 3 not imported/)
      const lines = readFileSync(report, 'utf8').trim().split('\r\n')
      expect(lines[0]).toBe('CHILD,reason')
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual(['IMP-DOB', 'IMP-GAP', 'IMP-NONE'])
      const err = await command
        .run(['import', '--ssda903', join(dir, 'bad'), '--year', '2025/26', '--as', 'nobody'])
        .catch((e: unknown) => e)
      expect((err as CliError).message).toMatch(/no Haven account is called nobody/)
    } finally {
      process.env = saved
      errors.mockRestore()
      progress.mockRestore()
      rmSync(data, { recursive: true, force: true })
    }
  }, 120_000)
})
