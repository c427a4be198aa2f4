/**
 * The platform's sign-off step (issue 14), called as a module calls it, inside its transaction: an
 * ask puts a task on the allocated team's manager's worklist; a manager authorises with a note or
 * returns with a reason; the person who asked never authorises their own, whatever their role; a
 * second ask while one waits is refused; nothing is half-saved when the rule refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import {
  askSignOff,
  awaitingSignOffsFor,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
} from '../../src/platform/signoff/service.js'
import { actingAs } from '../support/actors.js'
import { caseworkFactory } from '../support/casework.js'
import { openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
const f = caseworkFactory(() => t)
const { db } = f
let child = 0
const NOTE = 'Read the record and the child’s own words; the analysis supports the outcome.'
const at = new Date('2026-12-18T10:00:00Z')

beforeAll(async () => {
  t = await openTestApp()
  child = await f.child({ given: 'Ruby', family: 'Signoff', dob: '2017-01-01' })
}, 60_000)
afterAll(async () => t.close())

const task = (subjectId: string) =>
  db()
    .selectFrom('task')
    .select(['assigned_user_id', 'stopped_at', 'closed_by'])
    .where('subject_type', '=', 'sign_off')
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()

describe('sign-off', () => {
  it('asks, puts the task on the team manager’s list, and is authorised by them', async () => {
    const worker = await actingAs(db(), 'social.worker')
    const manager = await actingAs(db(), 'team.manager')
    const { managerId } = await db()
      .transaction()
      .execute((trx) =>
        askSignOff(trx, {
          subjectType: 'test_record',
          subjectId: 1,
          childId: child,
          askedBy: worker.actor.id,
          at,
          summary: 'A test record',
        }),
      )
    expect(managerId).toBe(manager.actor.id)
    expect(await task('test_record:1')).toEqual([
      { assigned_user_id: manager.actor.id, stopped_at: null, closed_by: null },
    ])
    const waiting = await awaitingSignOffsFor(db(), manager.actor)
    expect(waiting.map((w) => [w.subject_type, w.subject_id])).toContainEqual(['test_record', '1'])

    // A second ask while one waits is refused.
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          askSignOff(trx, {
            subjectType: 'test_record',
            subjectId: 1,
            childId: child,
            askedBy: worker.actor.id,
            at,
            summary: 'Again',
          }),
        ),
    ).rejects.toBeInstanceOf(SignOffStateError)

    // The worker cannot authorise: not a manager.
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          decideSignOff(trx, worker.actor, {
            subjectType: 'test_record',
            subjectId: 1,
            at,
            what: 'this record',
            decision: { outcome: 'authorise', oversightNote: NOTE },
          }),
        ),
    ).rejects.toThrow('Only a manager can authorise this record.')

    const outcome = await db()
      .transaction()
      .execute((trx) =>
        decideSignOff(trx, manager.actor, {
          subjectType: 'test_record',
          subjectId: 1,
          at,
          what: 'this record',
          decision: { outcome: 'authorise', oversightNote: NOTE },
        }),
      )
    expect(outcome).toMatchObject({ outcome: 'authorised', askedBy: worker.actor.id, oversightNote: NOTE })
    const [stopped] = await task('test_record:1')
    expect(stopped?.stopped_at).not.toBeNull()
    expect(stopped?.closed_by).toBe('stop')
    const history = await signOffHistory(db(), 'test_record', 1)
    expect(history.map((h) => [h.status, h.oversight_note])).toEqual([['authorised', NOTE]])
    const events = await db()
      .selectFrom('case_event')
      .select('type')
      .where('subject_type', '=', 'sign_off')
      .where('subject_id', '=', 'test_record:1')
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['sign_off.asked', 'sign_off.authorised'])
  })

  it('is returned with a reason, then sent again as a new ask', async () => {
    const worker = await actingAs(db(), 'social.worker')
    const manager = await actingAs(db(), 'service.manager')
    const ask = (trx: Parameters<typeof askSignOff>[0], when = at) =>
      askSignOff(trx, {
        subjectType: 'test_record',
        subjectId: 2,
        childId: child,
        askedBy: worker.actor.id,
        at: when,
        summary: 'Another record',
      })
    await db()
      .transaction()
      .execute((trx) => ask(trx))
    const returned = await db()
      .transaction()
      .execute((trx) =>
        decideSignOff(trx, manager.actor, {
          subjectType: 'test_record',
          subjectId: 2,
          at,
          what: 'this record',
          decision: { outcome: 'return', returnReason: 'See the father as well.' },
        }),
      )
    expect(returned).toMatchObject({ outcome: 'returned', returnReason: 'See the father as well.' })
    const [first] = await task('test_record:2')
    expect(first?.closed_by).toBe('cancel')
    // Sent again an hour later (the clock engine starts nothing at the instant a clock is cancelled).
    await db()
      .transaction()
      .execute((trx) => ask(trx, new Date(at.getTime() + 3_600_000)))
    const history = await signOffHistory(db(), 'test_record', 2)
    expect(history.map((h) => h.status)).toEqual(['returned', 'awaiting'])
    expect((await task('test_record:2')).filter((k) => k.stopped_at === null)).toHaveLength(1)
  })

  it('never lets the person who asked authorise it, even a manager, and saves nothing then', async () => {
    const manager = await actingAs(db(), 'team.manager')
    await db()
      .transaction()
      .execute((trx) =>
        askSignOff(trx, {
          subjectType: 'test_record',
          subjectId: 3,
          childId: child,
          askedBy: manager.actor.id,
          at,
          summary: 'The manager’s own record',
        }),
      )
    // The manager asked, so the task stays on the case's list rather than on theirs.
    const [open] = await task('test_record:3')
    expect(open?.assigned_user_id).not.toBe(manager.actor.id)
    const attempt = db()
      .transaction()
      .execute((trx) =>
        decideSignOff(trx, manager.actor, {
          subjectType: 'test_record',
          subjectId: 3,
          at,
          what: 'this record',
          decision: { outcome: 'authorise', oversightNote: NOTE },
        }),
      )
    await expect(attempt).rejects.toBeInstanceOf(NotAllowedError)
    await expect(attempt).rejects.toThrow('another manager must authorise it')
    const history = await signOffHistory(db(), 'test_record', 3)
    expect(history.map((h) => h.status)).toEqual(['awaiting'])
    // And the database refuses it too.
    await expect(
      db()
        .updateTable('sign_off')
        .set({ status: 'authorised', decided_by: manager.actor.id, decided_at: at, oversight_note: NOTE })
        .where('id', '=', history[0]?.id ?? 0)
        .execute(),
    ).rejects.toThrow()
  })
})
