/**
 * The England-sized benchmark's copied authority (bench/replicate-authority.ts) is read by the
 * CIN census export exactly as a loaded one: a base of children in need copied three times
 * exports three times the children, each copy's children as the base's (other identifiers, the
 * same episodes) with the same findings child by child, and every key between the copies holds.
 */
import { PassThrough } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replicateAuthority } from '../../bench/replicate-authority.js'
import type { Finding } from '../../src/modules/returns/engine.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { exportCinCensus } from '../../src/modules/returns/cin-export/service.js'
import { validateCin } from '../../src/modules/returns/cin/validate.js'
import { readCinString } from '../../src/modules/returns/cin/xml-read.js'
import { isValidUpn } from '../../src/modules/people/identifiers.js'
import { loadAuthority } from '../../src/modules/synth/load.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { loadTestReferenceData } from '../support/demo-database.js'
import { openTestDatabase } from '../support/test-database.js'

const YEAR = parseCollectionYear('2025/26')
const BASE = 300
const TIMES = 3

let database: OpenDatabase

async function exportCensus(): Promise<{ children: number; xml: string; findings: Finding[] }> {
  const write = await exportCinCensus(
    database.db,
    'command_line',
    { userId: null, username: 'replicate-test', requestId: null },
    { year: YEAR, laNumber: '883', calendar: englandAndWales },
  )
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const { children } = await write(out)
  out.end()
  const xml = Buffer.concat(chunks).toString('utf8')
  const result = await validateCin(readCinString(xml), YEAR.label)
  expect(result.readProblems).toEqual([])
  return { children, xml, findings: result.findings }
}

/** Each child's block of the file, in order, with its identifiers taken out. */
function childBlocks(xml: string): { id: string; upn: string | null; body: string }[] {
  return [...xml.matchAll(/<Child>[\s\S]*?<\/Child>/g)].map(([block]) => ({
    id: /<LAchildID>([^<]*)</.exec(block)?.[1] as string,
    upn: /<UPN>([^<]*)</.exec(block)?.[1] ?? null,
    body: block.replace(/<LAchildID>[^<]*</, '<LAchildID><').replace(/<UPN>[^<]*</, '<UPN><'),
  }))
}

/**
 * Findings by the child's place in the file (copy k's child i is at k × base + i), without
 * identifiers or row numbers (which number the whole file's rows).
 */
function findingsByPlace(findings: Finding[], order: string[], copies = 1): string[] {
  const place = new Map(order.map((id, i) => [id, i]))
  const out: string[] = []
  for (let k = 0; k < copies; k++)
    for (const f of findings) {
      if (f.childId === null) {
        if (k === 0) out.push(`return ${f.code} ${f.type} ${f.table}`)
        continue
      }
      out.push(`${k * order.length + (place.get(f.childId) as number)} ${f.code} ${f.type} ${f.table}`)
    }
  return out.sort()
}

let base: Awaited<ReturnType<typeof exportCensus>>
let copied: Awaited<ReturnType<typeof exportCensus>>

beforeAll(async () => {
  database = await openTestDatabase()
  // The reference data every opened Haven database holds (as openHavenDatabase loads it), so a
  // table of it the copy does not know fails here rather than in the England-sized benchmark.
  await loadTestReferenceData(database.db)
  await loadAuthority(database.db, {
    seed: 'replicate',
    children: BASE,
    inNeedOnly: true,
    asOf: new Date('2026-04-01T12:00:00Z'),
  })
  base = await exportCensus()
  await replicateAuthority(database.db, { times: TIMES, checkKeys: true })
  copied = await exportCensus()
}, 600_000)
afterAll(async () => database?.close())

describe('a synthetic authority copied for the England-sized benchmark', () => {
  it('exports each copy’s children as the base’s, with other identifiers', () => {
    expect(base.children).toBeGreaterThan(BASE / 2)
    expect(copied.children).toBe(TIMES * base.children)
    const one = childBlocks(base.xml)
    const all = childBlocks(copied.xml)
    expect(all.length).toBe(TIMES * one.length)
    for (let k = 0; k < TIMES; k++)
      expect(all.slice(k * one.length, (k + 1) * one.length).map((c) => c.body)).toEqual(
        one.map((c) => c.body),
      )
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length)
    const upns = all.flatMap((c) => (c.upn === null ? [] : [c.upn]))
    expect(new Set(upns).size).toBe(upns.length)
    expect(upns.every(isValidUpn)).toBe(true)
    expect(upns.length).toBe(TIMES * one.filter((c) => c.upn !== null).length)
  })

  it('gives each copy the base’s findings, child by child', () => {
    expect(base.findings.length).toBeGreaterThan(0)
    const one = childBlocks(base.xml).map((c) => c.id)
    const all = childBlocks(copied.xml).map((c) => c.id)
    expect(findingsByPlace(copied.findings, all)).toEqual(findingsByPlace(base.findings, one, TIMES))
  })

  it('copies every table the loader writes, with the sequences after the copies', async () => {
    const { rows } = await sql<{ people: number; events: number; tasks: number; next: string }>`
      select (select count(*)::int from person) as people, (select count(*)::int from case_event) as events,
             (select count(*)::int from task) as tasks,
             (select nextval(pg_get_serial_sequence('case_event', 'id')) - max(id) from case_event)::text as next`.execute(
      database.db,
    )
    const r = rows[0]!
    expect(r.people % TIMES).toBe(0)
    expect(r.events % TIMES).toBe(0)
    expect(r.tasks % TIMES).toBe(0)
    expect(r.next).toBe('1')
  })
})
