import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadClockSettings,
  loadWorkingCalendar,
  setBankHolidayOverride,
  syncClockDefinitions,
} from '../../src/platform/calendar/store.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import {
  recordCaseEvent,
  recordCaseEvents,
  recordForEachChild,
} from '../../src/platform/tasks/case-events.js'
import { openTestDatabase } from '../support/test-database.js'

let database: OpenDatabase
let childId: number
beforeAll(async () => {
  database = await openTestDatabase()
  await syncClockDefinitions(database.db)
  childId = (
    await database.db
      .insertInto('person')
      .values({ kind: 'child', given_name: 'Test', family_name: 'Child', date_of_birth: '2018-05-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(async () => database.close())

const taskFor = (subjectId: string, code: string) =>
  database.db
    .selectFrom('task')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('clock_code', '=', code)
    .executeTakeFirstOrThrow()

describe('case events keep tasks current', () => {
  it('writes many events at once with the same tasks as one at a time, a task held before kept', async () => {
    const events = (prefix: string) =>
      [
        ['s1', 'assessment.started', '2026-01-05T10:00:00Z'],
        ['s2', 'assessment.started', '2026-01-06T10:00:00Z'],
        ['s1', 'assessment.authorised', '2026-02-20T10:00:00Z'],
        ['s3', 'assessment.started', '2026-02-02T10:00:00Z'],
      ].map(([subject, type, at]) => ({
        childId,
        subjectType: 'assessment',
        subjectId: `${prefix}${subject as string}`,
        type: type as string,
        occurredAt: new Date(at as string),
        summary: type as string,
        recordedBy: null,
      }))
    // A task held before the batch: the batch's later event must stop it, not duplicate it.
    const [first, ...rest] = events('many-')
    await database.db.transaction().execute((trx) => recordCaseEvent(trx, first as (typeof rest)[0]))
    const clocks = await loadClockSettings(database.db)
    const ids = await database.db.transaction().execute((trx) => recordCaseEvents(trx, rest, clocks))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const written = await database.db
      .selectFrom('case_event')
      .select(['id', 'subject_id', 'type'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
    expect(written.map((e) => [e.subject_id, e.type])).toEqual(rest.map((e) => [e.subjectId, e.type]))
    for (const e of events('one-')) await database.db.transaction().execute((trx) => recordCaseEvent(trx, e))
    const tasks = async (prefix: string) =>
      (
        await database.db
          .selectFrom('task')
          .select(['subject_id', 'clock_code', 'due_at', 'stopped_at', 'closed_by'])
          .where('subject_id', 'like', `${prefix}%`)
          .orderBy('subject_id')
          .orderBy('clock_code')
          .execute()
      ).map((t) => ({ ...t, subject_id: t.subject_id.slice(prefix.length) }))
    const many = await tasks('many-')
    expect(many).toEqual(await tasks('one-'))
    expect(many.map((t) => [t.subject_id, t.closed_by])).toEqual([
      ['s1', 'stop'],
      ['s2', null],
      ['s3', null],
    ])
  })

  it('opens a task when a clock starts and closes it when the work is done, in the same transaction', async () => {
    await database.db.transaction().execute((trx) =>
      recordCaseEvent(trx, {
        childId,
        subjectType: 'assessment',
        subjectId: 'a1',
        type: 'assessment.started',
        occurredAt: new Date('2026-01-05T10:00:00Z'),
        summary: 'Assessment started',
        recordedBy: null,
      }),
    )
    const open = await taskFor('a1', 'assessment-45wd')
    expect(open.stopped_at).toBeNull()
    expect(open.due_at.toISOString()).toBe('2026-03-09T23:59:59.999Z') // 45 working days, end of that London day

    await database.db.transaction().execute((trx) =>
      recordCaseEvent(trx, {
        childId,
        subjectType: 'assessment',
        subjectId: 'a1',
        type: 'assessment.authorised',
        occurredAt: new Date('2026-02-20T10:00:00Z'),
        summary: 'Assessment authorised',
        recordedBy: null,
      }),
    )
    const done = await taskFor('a1', 'assessment-45wd')
    expect(done.id).toBe(open.id)
    expect(done.closed_by).toBe('stop')
  })

  it('writes nothing when the change it belongs to rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordCaseEvent(trx, {
          childId,
          subjectType: 'assessment',
          subjectId: 'a2',
          type: 'assessment.started',
          occurredAt: new Date('2026-01-05T10:00:00Z'),
          summary: 'Assessment started',
          recordedBy: null,
        })
        throw new Error('the assessment could not be saved')
      }),
    ).rejects.toThrow()
    const left = await database.db.selectFrom('task').select('id').where('subject_id', '=', 'a2').execute()
    expect(left).toEqual([])
    const events = await database.db
      .selectFrom('case_event')
      .select('id')
      .where('subject_id', '=', 'a2')
      .execute()
    expect(events).toEqual([])
  })

  it('uses bank holidays added in the database', async () => {
    // A contact on Friday 20 November 2026 is due at Monday 23rd's close, unless Monday is a holiday.
    const contact = (id: string) =>
      database.db.transaction().execute((trx) =>
        recordCaseEvent(trx, {
          childId,
          subjectType: 'contact',
          subjectId: id,
          type: 'contact.received',
          occurredAt: new Date('2026-11-20T15:00:00Z'),
          summary: 'Contact received',
          recordedBy: null,
        }),
      )
    await contact('c1')
    expect((await taskFor('c1', 'mash-decision')).due_at.toISOString()).toBe('2026-11-23T17:00:00.000Z')
    await setBankHolidayOverride(database.db, {
      date: '2026-11-23',
      title: 'Proclaimed holiday',
      isHoliday: true,
      reason: 'Test proclamation',
    })
    await contact('c2')
    expect((await taskFor('c2', 'mash-decision')).due_at.toISOString()).toBe('2026-11-24T17:00:00.000Z')
  })
})

describe('the working calendar read for pages', () => {
  it('is reused outside a transaction, read afresh inside one, and forgotten when changed here', async () => {
    const db = database.db
    const isWorking = async (d: typeof db) => (await loadWorkingCalendar(d)).isWorkingDay('2027-03-02')
    expect(await isWorking(db)).toBe(true)
    // Changed behind the cache's back (as another process would): pages still see the old calendar…
    await db
      .insertInto('bank_holiday_override')
      .values({ holiday_date: '2027-03-02', title: 'Proclaimed', is_holiday: true, reason: 'Elsewhere' })
      .execute()
    expect(await isWorking(db)).toBe(true)
    // …while a transaction, which records clocks, reads what is in force.
    expect(await db.transaction().execute((trx) => isWorking(trx))).toBe(false)
    // A change through this module is seen at once.
    await setBankHolidayOverride(db, {
      date: '2027-03-02',
      title: 'Moved',
      isHoliday: false,
      reason: 'Moved',
    })
    expect(await isWorking(db)).toBe(true)
    await setBankHolidayOverride(db, {
      date: '2027-03-02',
      title: 'Proclaimed',
      isHoliday: true,
      reason: 'Again',
    })
    expect(await isWorking(db)).toBe(false)
  })
})

describe('one write seen on each child’s record', () => {
  const ctx = { userId: null, username: 'tester', requestId: 'req-each-child' }
  const entry = (action: string) => (child: number, i: number) => ({
    event: {
      subjectType: 'assessment',
      subjectId: `each-${i}`,
      type: 'assessment.started',
      occurredAt: new Date('2026-01-05T10:00:00Z'),
      summary: `Started for child ${child}`,
      recordedBy: null,
    },
    audit: { action, recordType: 'assessment', recordId: `each-${i}`, detail: { i } },
  })

  it('writes each child’s event (keeping its tasks current) and its audit row, child by child', async () => {
    const other = (
      await database.db
        .insertInto('person')
        .values({ kind: 'child', given_name: 'Other', family_name: 'Child', date_of_birth: '2019-05-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const ids = await database.db
      .transaction()
      .execute((trx) => recordForEachChild(trx, ctx, [childId, other], entry('assessment.start')))
    expect(ids).toHaveLength(2)
    const events = await database.db
      .selectFrom('case_event')
      .select(['id', 'child_id', 'summary'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
    expect(events).toEqual([
      { id: ids[0], child_id: childId, summary: `Started for child ${childId}` },
      { id: ids[1], child_id: other, summary: `Started for child ${other}` },
    ])
    const audits = await database.db
      .selectFrom('audit_event')
      .select(['child_id', 'action', 'outcome', 'record_id', 'username'])
      .where('request_id', '=', 'req-each-child')
      .orderBy('id')
      .execute()
    expect(audits).toEqual([
      {
        child_id: childId,
        action: 'assessment.start',
        outcome: 'allowed',
        record_id: 'each-0',
        username: 'tester',
      },
      {
        child_id: other,
        action: 'assessment.start',
        outcome: 'allowed',
        record_id: 'each-1',
        username: 'tester',
      },
    ])
    expect((await taskFor('each-1', 'assessment-45wd')).child_id).toBe(other)
  })

  it('leaves nothing behind when an audit row cannot be written', async () => {
    const before = await database.db.selectFrom('case_event').select('id').execute()
    await expect(
      database.db
        .transaction()
        .execute((trx) =>
          recordForEachChild(trx, { ...ctx, requestId: 'req-bad' }, [childId], entry('NotAnAction')),
        ),
    ).rejects.toThrow(/area\.verb/)
    expect(await database.db.selectFrom('case_event').select('id').execute()).toHaveLength(before.length)
  })
})
