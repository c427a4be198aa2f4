/**
 * Merging a duplicate record into the record kept, and reversing the merge: every row that
 * belonged to the duplicate moves and is listed; reversing puts back exactly those rows, so the
 * tables are as they were before (compared as full snapshots). On PGlite and, with DATABASE_URL,
 * on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MergeMoved } from '../../src/modules/people/merge-service.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
let admin: Browser
let keptId: number
let dupId: number
let adminId: number
beforeAll(async () => {
  t = await openTestApp()
  admin = new Browser(t.app)
  await admin.signIn('admin')
  adminId = (
    await db().selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
  ).id
  keptId = await person('Keira', 'Marlowe', { nhs_number: '9434765919', la_child_id: 'MERGE-KEEP' })
  dupId = await person('Kiera', 'Marlow', { nhs_number: '4010232137', la_child_id: 'MERGE-DUP' })
  await fill(keptId, 'kept')
  await fill(dupId, 'dup')
  // A relationship between the two (it cannot survive the merge as it stands).
  await db()
    .insertInto('person_relationship')
    .values({ person_id: dupId, related_person_id: keptId, relationship_type: 'sibling' })
    .execute()
})
afterAll(async () => t.close())

const db = () => t.database.db

async function person(given: string, family: string, extra: Record<string, unknown> = {}) {
  const { id } = await db()
    .insertInto('person')
    .values({
      kind: 'child',
      given_name: given,
      family_name: family,
      date_of_birth: '2016-05-04',
      sex: 'F',
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One row of everything a record can hold, so a merge has something in each table to move. */
async function fill(id: number, tag: string) {
  const worker = await db()
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', 'social.worker')
    .executeTakeFirstOrThrow()
  const adult = await person(`Parent-${tag}`, 'Marlowe', { kind: 'adult', date_of_birth: '1988-01-01' })
  const sibling = await person(`Sibling-${tag}`, 'Marlowe')
  await db()
    .insertInto('person_name')
    .values({ person_id: id, kind: 'alias', given_name: `Alias-${tag}`, family_name: 'Marlowe' })
    .execute()
  await db()
    .insertInto('person_address')
    .values([
      { person_id: id, line_1: `1 Old ${tag} Road`, from_date: '2016-05-04', to_date: '2020-01-01' },
      { person_id: id, line_1: `2 New ${tag} Road`, postcode: 'RM17 6SL', from_date: '2020-01-02' },
    ])
    .execute()
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: adult, related_person_id: id, relationship_type: 'mother', household_member: true },
      { person_id: id, related_person_id: sibling, relationship_type: 'sibling' },
    ])
    .execute()
  await db()
    .insertInto('person_alert')
    .values({ person_id: id, kind: 'medical', summary: `Epipen ${tag}`, from_date: '2024-01-01' })
    .execute()
  await db()
    .insertInto('case_event')
    .values({
      child_id: id,
      subject_type: 'note',
      subject_id: tag,
      type: 'note.recorded',
      occurred_at: new Date('2025-02-03T10:00:00Z'),
      summary: `Confidential case note ${tag}`,
    })
    .execute()
  await db()
    .insertInto('task')
    .values({
      instance_key: `merge-test-${tag}`,
      clock_code: 'test',
      child_id: id,
      subject_type: 'note',
      subject_id: tag,
      title: `Task ${tag}`,
      started_at: new Date('2025-02-03T10:00:00Z'),
      due_at: new Date('2025-02-10T10:00:00Z'),
      due_soon_at: new Date('2025-02-07T10:00:00Z'),
    })
    .execute()
  await db()
    .insertInto('child_access')
    .values({ child_id: id, user_id: worker.id, basis: 'allocated_worker' })
    .execute()
  const { id: contactId } = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2025-02-01T09:00:00Z'),
      channel: 'phone',
      referral_source: '2A',
      reason: `School worried ${tag}`,
      consent: 'given',
      recorded_by: adminId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { id: ccId } = await db()
    .insertInto('contact_child')
    .values({ contact_id: contactId, child_id: id, status: 'in_triage' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('referral')
    .values({
      child_id: id,
      contact_child_id: ccId,
      referral_date: '2025-02-02',
      referral_source: '2A',
      re_referral: false,
      status: 'allocated',
      team_id: worker.team_id,
      worker_id: worker.id,
    })
    .execute()
}

const TABLES = [
  'person',
  'person_name',
  'person_address',
  'person_relationship',
  'person_alert',
  'case_event',
  'task',
  'child_access',
  'contact_child',
  'referral',
] as const

type Snapshot = Record<string, Map<number, string>>

async function snapshot(): Promise<Snapshot> {
  const out: Snapshot = {}
  for (const table of TABLES) {
    const rows = (await db().selectFrom(table).selectAll().orderBy('id').execute()) as { id: number }[]
    out[table] = new Map(rows.map((r) => [Number(r.id), JSON.stringify(r)]))
  }
  return out
}

const rowsOf = async (table: (typeof TABLES)[number], column: string, id: number) =>
  (
    await db()
      .selectFrom(table)
      .select('id')
      .where(column as never, '=', id as never)
      .execute()
  ).length

describe('merging a duplicate and reversing it', () => {
  it('shows identity details only, side by side, and asks to confirm different NHS numbers', async () => {
    const search = await admin.get('/admin/people/merge?name=Keira+Marlowe')
    expect(search.statusCode).toBe(200)
    expect(search.body).toContain('MERGE-KEEP')
    expect(search.body).toContain('MERGE-DUP') // Kiera Marlow sounds the same
    const compare = await admin.get(`/admin/people/merge/compare?keep=${keptId}&duplicate=${dupId}`)
    expect(compare.statusCode).toBe(200)
    expect(compare.body).toContain('9434765919')
    expect(compare.body).toContain('4010232137')
    expect(compare.body).toContain('different NHS numbers')
    expect(compare.body).toContain('name="confirmConflict"')
    // Identity only: no case notes, alerts or contact reasons.
    expect(compare.body).not.toContain('Confidential case note')
    expect(compare.body).not.toContain('Epipen')
    expect(compare.body).not.toContain('School worried')
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('action', 'in', ['people.search', 'people.compare'])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['people.search', 'people.compare'])
  })

  it('refuses merging a record into itself, and different NHS numbers not confirmed', async () => {
    const self = await admin.get(`/admin/people/merge/compare?keep=${keptId}&duplicate=${keptId}`)
    expect(self.statusCode).toBe(400)
    expect(self.body).toContain('Enter a different record')
    const unconfirmed = await admin.post(
      '/admin/people/merge',
      { keep: String(keptId), duplicate: String(dupId), reason: 'Same child: checked with the school' },
      `/admin/people/merge/compare?keep=${keptId}&duplicate=${dupId}`,
    )
    expect(unconfirmed.statusCode).toBe(409)
    expect(unconfirmed.body).toContain('href="#confirmConflict"')
    expect(unconfirmed.body).toContain('Same child: checked with the school')
    const still = await db()
      .selectFrom('person')
      .select('deleted_at')
      .where('id', '=', dupId)
      .executeTakeFirstOrThrow()
    expect(still.deleted_at).toBeNull()
    const noReason = await admin.post(
      '/admin/people/merge',
      { keep: String(keptId), duplicate: String(dupId), reason: '', confirmConflict: 'yes' },
      `/admin/people/merge/compare?keep=${keptId}&duplicate=${dupId}`,
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('href="#reason"')
  })

  it('refuses a record that does not exist, back on the page for choosing records', async () => {
    const res = await admin.post(
      '/admin/people/merge',
      { keep: String(keptId), duplicate: '987654', reason: 'Typed the wrong number', confirmConflict: 'yes' },
      '/admin/people/merge',
    )
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('There is no record 987654')
    expect(res.body).toContain('href="#duplicate"')
  })

  it('refuses people without people.merge', async () => {
    const sw = new Browser(t.app)
    await sw.signIn('team.manager')
    expect((await sw.get('/admin/people/merge')).statusCode).toBe(403)
    expect((await sw.get('/admin/people/merges')).statusCode).toBe(403)
  })

  it('moves every row, lists them, soft-deletes the duplicate; reversing restores every row exactly', async () => {
    const before = await snapshot()
    const dupRows = {
      person_name: await rowsOf('person_name', 'person_id', dupId),
      case_event: await rowsOf('case_event', 'child_id', dupId),
      task: await rowsOf('task', 'child_id', dupId),
      child_access: await rowsOf('child_access', 'child_id', dupId),
      contact_child: await rowsOf('contact_child', 'child_id', dupId),
      referral: await rowsOf('referral', 'child_id', dupId),
    }
    expect(Object.values(dupRows).every((n) => n > 0)).toBe(true)

    const merged = await admin.post(
      '/admin/people/merge',
      {
        keep: String(keptId),
        duplicate: String(dupId),
        reason: 'Same child: checked with the school',
        confirmConflict: 'yes',
      },
      `/admin/people/merge/compare?keep=${keptId}&duplicate=${dupId}`,
    )
    expect(merged.statusCode).toBe(303)
    expect(merged.headers.location).toBe('/admin/people/merges')

    // Nothing is left on the duplicate but what cannot move: the relationship between the two.
    for (const [table, column] of [
      ['person_name', 'person_id'],
      ['person_address', 'person_id'],
      ['person_alert', 'person_id'],
      ['case_event', 'child_id'],
      ['task', 'child_id'],
      ['child_access', 'child_id'],
      ['contact_child', 'child_id'],
      ['referral', 'child_id'],
    ] as const)
      expect(await rowsOf(table, column, dupId), table).toBe(0)
    const dup = await db().selectFrom('person').selectAll().where('id', '=', dupId).executeTakeFirstOrThrow()
    expect(dup.deleted_at).not.toBeNull()
    expect(dup.merged_into_id).toBe(keptId)
    expect(dup.deleted_reason).toMatch(new RegExp(`^Merged into record ${keptId}`))
    const merge = await db().selectFrom('person_merge').selectAll().executeTakeFirstOrThrow()
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as MergeMoved
    expect(moved.rows['case_event.child_id']?.length).toBe(dupRows.case_event)
    expect(moved.rows['referral.child_id']?.length).toBe(1)
    expect(moved.rows['person_relationship.person_id']?.length).toBe(1) // dup is sibling of another
    expect(moved.rows['person_relationship.related_person_id']?.length).toBe(1) // mother of dup
    expect(moved.endedAddresses).toHaveLength(1)
    expect(moved.droppedRelationships).toHaveLength(1)
    // One current address on the record kept.
    expect(
      (
        await db()
          .selectFrom('person_address')
          .select('id')
          .where('person_id', '=', keptId)
          .where('to_date', 'is', null)
          .where('deleted_at', 'is', null)
          .execute()
      ).length,
    ).toBe(1)
    const audit = await db()
      .selectFrom('audit_event')
      .select(['child_id', 'record_id', 'detail'])
      .where('action', '=', 'people.merge')
      .executeTakeFirstOrThrow()
    expect(audit.child_id).toBe(keptId)
    expect(audit.record_id).toBe(String(merge.id))
    expect((audit.detail as { conflictConfirmed: boolean }).conflictConfirmed).toBe(true)

    // The duplicate's page sends an allocated worker to the record kept.
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const old = await sw.get(`/children/${dupId}`)
    expect(old.statusCode).toBe(303)
    expect(old.headers.location).toBe(`/children/${keptId}?merged=${dupId}`)
    const keptPage = await sw.get(old.headers.location as string)
    expect(keptPage.statusCode).toBe(200)
    expect(keptPage.body).toContain('Confidential case note dup')
    expect(keptPage.body).toContain(`Record ${dupId} was a duplicate`)

    // Someone who may not open the record kept is not told where it went.
    const stranger = new Browser(t.app)
    await stranger.signIn('social.worker2')
    expect((await stranger.get(`/children/${dupId}`)).statusCode).toBe(403)

    // A merged record cannot be merged again.
    const again = await admin.get(`/admin/people/merge/compare?keep=${keptId}&duplicate=${dupId}`)
    expect(again.body).toContain('already merged')
    expect(again.body).not.toContain('data-testid="merge-form"')

    const listed = await admin.get('/admin/people/merges')
    expect(listed.body).toContain('Same child: checked with the school')
    const noReason = await admin.post(`/admin/people/merges/${merge.id}/reverse`, { reason: '' })
    expect(noReason.statusCode).toBe(400)
    const reversed = await admin.post(`/admin/people/merges/${merge.id}/reverse`, {
      reason: 'Twins: the school confirmed two children',
    })
    expect(reversed.statusCode).toBe(303)

    const after = await snapshot()
    for (const table of TABLES) {
      const was = before[table] as Map<number, string>
      const now = after[table] as Map<number, string>
      for (const [id, row] of was) expect(now.get(id), `${table} ${id}`).toBe(row)
      // The only rows added are the chronology entries saying what happened.
      const added = [...now.keys()].filter((id) => !was.has(id))
      if (table === 'case_event') {
        const types = await db()
          .selectFrom('case_event')
          .select(['type', 'child_id'])
          .where('id', 'in', added)
          .orderBy('id')
          .execute()
        expect(types).toEqual([
          { type: 'person.merged', child_id: keptId },
          { type: 'person.merge_reversed', child_id: keptId },
          { type: 'person.merge_reversed', child_id: dupId },
        ])
      } else expect(added, table).toEqual([])
    }
    const row = await db()
      .selectFrom('person_merge')
      .selectAll()
      .where('id', '=', merge.id)
      .executeTakeFirstOrThrow()
    expect(row.reversed_reason).toBe('Twins: the school confirmed two children')
    expect(row.reversed_by).toBe(adminId)
    expect(row.reversed_at).not.toBeNull()
    expect(
      await db()
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'people.merge_reverse')
        .execute(),
    ).toHaveLength(1)

    // Reversed once only.
    const twice = await admin.post(
      `/admin/people/merges/${merge.id}/reverse`,
      { reason: 'Again' },
      '/admin/people/merges',
    )
    expect(twice.statusCode).toBe(409)
    expect((await sw.get(`/children/${dupId}`)).statusCode).toBe(200)
  })

  it('asks to confirm merging two records allocated to different workers, and the child page then shows both', async () => {
    const workers = await db()
      .selectFrom('app_user')
      .select(['id', 'display_name', 'username'])
      .where('username', 'in', ['social.worker', 'team.manager'])
      .orderBy('username')
      .execute()
    const [first, second] = [
      workers.find((w) => w.username === 'social.worker')!,
      workers.find((w) => w.username === 'team.manager')!,
    ]
    const kept = await person('Rowan', 'Ashby', { la_child_id: 'ALLOC-KEEP' })
    const dup = await person('Rowen', 'Ashby', { la_child_id: 'ALLOC-DUP' })
    await db()
      .insertInto('child_access')
      .values([
        { child_id: kept, user_id: first.id, basis: 'allocated_worker' },
        { child_id: dup, user_id: second.id, basis: 'allocated_worker' },
      ])
      .execute()
    const comparePath = `/admin/people/merge/compare?keep=${kept}&duplicate=${dup}`
    const compare = await admin.get(comparePath)
    expect(compare.body).toContain('Both records are allocated')
    const unconfirmed = await admin.post(
      '/admin/people/merge',
      { keep: String(kept), duplicate: String(dup), reason: 'One child, two records from two contacts' },
      comparePath,
    )
    expect(unconfirmed.statusCode).toBe(409)
    const merged = await admin.post(
      '/admin/people/merge',
      {
        keep: String(kept),
        duplicate: String(dup),
        reason: 'One child, two records from two contacts',
        confirmConflict: 'yes',
      },
      comparePath,
    )
    expect(merged.statusCode).toBe(303)
    const manager = new Browser(t.app)
    await manager.signIn('service.manager')
    const page = await manager.get(`/children/${kept}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('data-testid="two-workers"')
    const row = /Allocated workers[\s\S]*?<dd[^>]*>\s*([^<]*?)\s*<\/dd>/.exec(page.body)?.[1] ?? ''
    expect(row.split(' and ').sort()).toEqual([first.display_name, second.display_name].sort())
  })

  it('refuses merging a restricted record, whose identity an administrator does not see', async () => {
    const restricted = await person('Hidden', 'Marlowe', {
      restricted: true,
      restriction_category: 'high_risk',
    })
    const compare = await admin.get(`/admin/people/merge/compare?keep=${keptId}&duplicate=${restricted}`)
    expect(compare.body).toContain('restricted')
    expect(compare.body).not.toContain('data-testid="merge-form"')
    const forced = await admin.post(
      '/admin/people/merge',
      { keep: String(keptId), duplicate: String(restricted), reason: 'Forced', confirmConflict: 'yes' },
      '/admin/people/merges',
    )
    expect(forced.statusCode).toBe(409)
    const still = await db()
      .selectFrom('person')
      .select('deleted_at')
      .where('id', '=', restricted)
      .executeTakeFirstOrThrow()
    expect(still.deleted_at).toBeNull()
  })
})
