/**
 * Deprivation of liberty orders through the care page's forms, on a fixed clock (20 March 2027,
 * noon). Dan (born 4 May 2011) starts care on 1 June 2026 in a children's home. An order before
 * care began, or ending the day it was made, is refused with nothing saved; an order made on 14
 * September is recorded, then its end on 10 January; an order overlapping it is refused (rule
 * 705), and so is one while Dan is placed in a secure children's home (rule 710); an order
 * recorded in error is deleted with the reason, kept on the page and left out of `care_dolo_v`.
 * Each write has its case event and audit row; the chronology reads them; only those who may
 * edit the child's record may record one, and a refusal is audited. Runs on PGlite and on
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2027-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let dan = 0

const rows = async () =>
  db()
    .selectFrom('care_dolo')
    .select(['start_date', 'end_date', 'deleted_reason'])
    .where('child_id', '=', dan)
    .orderBy('id')
    .execute()
const view = async () =>
  db()
    .selectFrom('care_dolo_v')
    .select(['dolo_start', 'dolo_end'])
    .where('child_id', '=', dan)
    .orderBy('dolo_id')
    .execute()
const audits = async (action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', dan)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)

beforeAll(async () => {
  t = await openTestApp({ clock })
  dan = await f.child({ given: 'Dan', family: 'Marsh', dob: '2011-05-04' })
}, 60_000)
afterAll(async () => t.close())

describe('deprivation of liberty orders', () => {
  it('are recorded only while the child is looked after', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`/children/${dan}/care/dolo`)
    expect(page.statusCode).toBe(409)
    expect(pageText(page.body)).toContain('Dan Marsh is not looked after')
    expect((await b.post(`/children/${dan}/care/dolo`, day('start', '2026-09-14'))).statusCode).toBe(409)
    expect(await rows()).toEqual([])
  })

  it('refuses an order before care began, or ending the day it was made, with nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${dan}/care/start`, careStartForm('2026-06-01'))).statusCode).toBe(303)
    expect(pageText((await b.get(`/children/${dan}/care`)).body)).toContain(
      'Record a deprivation of liberty order',
    )
    const early = await b.post(`/children/${dan}/care/dolo`, day('start', '2026-05-31'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('There is a problem')
    expect(pageText(early.body)).toContain(
      'The date the order was made must be on or after 1 June 2026, when the child started to be looked after',
    )
    const sameDay = await b.post(`/children/${dan}/care/dolo`, {
      ...day('start', '2026-09-14'),
      ...day('end', '2026-09-14'),
    })
    expect(pageText(sameDay.body)).toContain(
      'The date the order ended must be after 14 September 2026, when it was made',
    )
    expect(sameDay.body).toContain('value="14"')
    const missing = await b.post(`/children/${dan}/care/dolo`, {})
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Enter the date the order was made')
    expect(await rows()).toEqual([])
    expect(await audits('care.dolo_record')).toEqual([])
  })

  it('records an order and then its end, each with its case event and audit row', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${dan}/care/dolo`, day('start', '2026-09-14'))).statusCode).toBe(303)
    const form = pageText((await b.get(`/children/${dan}/care/dolo`)).body)
    expect(form).toContain('Record the end of the deprivation of liberty order')
    expect(form).toContain('Order in force since 14 September 2026')
    const before = await b.post(`/children/${dan}/care/dolo`, day('end', '2026-09-10'))
    expect(pageText(before.body)).toContain(
      'The date the order ended must be after 14 September 2026, when it was made',
    )
    expect((await b.post(`/children/${dan}/care/dolo`, day('end', '2027-01-10'))).statusCode).toBe(303)
    expect(await view()).toEqual([{ dolo_start: '2026-09-14', dolo_end: '2027-01-10' }])
    expect(await audits('care.dolo_record')).toEqual(['allowed', 'allowed'])
    const page = pageText((await b.get(`/children/${dan}/care`)).body)
    expect(page).toContain('Deprivation of liberty orders')
    expect(page).toContain('14 September 2026 10 January 2027')
    const chronology = pageText((await b.get(`/children/${dan}/chronology`)).body)
    expect(chronology).toContain('Deprivation of liberty order made 14 September 2026')
    expect(chronology).toContain('Deprivation of liberty order ended 10 January 2027')
  })

  it('refuses an order overlapping another (705), or while placed in a secure children’s home (710)', async () => {
    const b = await f.signedIn('social.worker')
    const overlap = await b.post(`/children/${dan}/care/dolo`, day('start', '2026-12-01'))
    expect(pageText(overlap.body)).toContain(
      'The dates overlap the order from 14 September 2026 to 10 January 2027',
    )
    const placement = await db()
      .selectFrom('care_episode')
      .select('placement_id')
      .where('child_id', '=', dan)
      .executeTakeFirstOrThrow()
    await db()
      .updateTable('care_placement')
      .set({ place: 'K1' })
      .where('id', '=', placement.placement_id)
      .execute()
    const secure = await b.post(`/children/${dan}/care/dolo`, day('start', '2027-02-01'))
    expect(pageText(secure.body)).toContain(
      'A child with a deprivation of liberty order cannot be placed in a secure children’s home (the child was from 1 June 2026)',
    )
    await db()
      .updateTable('care_placement')
      .set({ place: 'U6' })
      .where('id', '=', placement.placement_id)
      .execute()
    expect(await rows()).toHaveLength(1)
  })

  it('deletes an order recorded in error with the reason: kept, and out of the return', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${dan}/care/dolo`, day('start', '2027-02-01'))).statusCode).toBe(303)
    const id = (
      await db()
        .selectFrom('care_dolo')
        .select('id')
        .where('child_id', '=', dan)
        .where('start_date', '=', '2027-02-01')
        .executeTakeFirstOrThrow()
    ).id
    const form = await b.get(`/children/${dan}/care/dolo/delete?dolo=${id}`)
    expect(pageText(form.body)).toContain('The order made 1 February 2027, in force')
    const noReason = await b.post(`/children/${dan}/care/dolo/delete`, { doloId: String(id), reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('Enter why the order is being deleted')
    const deleted = await b.post(`/children/${dan}/care/dolo/delete`, {
      doloId: String(id),
      reason: 'Recorded on the wrong child',
    })
    expect(deleted.statusCode).toBe(303)
    expect(await view()).toEqual([{ dolo_start: '2026-09-14', dolo_end: '2027-01-10' }])
    expect((await rows()).at(-1)?.deleted_reason).toBe('Recorded on the wrong child')
    expect(await audits('care.dolo_delete')).toEqual(['allowed'])
    expect(pageText((await b.get(`/children/${dan}/care`)).body)).toContain('Recorded on the wrong child')
    // Deleting it again finds nothing to delete.
    const again = await b.post(`/children/${dan}/care/dolo/delete`, { doloId: String(id), reason: 'Again' })
    expect(again.statusCode).toBe(409)
  })

  it('may be recorded only by those who may edit the child’s record; a refusal is audited', async () => {
    for (const who of ['police', 'performance']) {
      const b = await f.signedIn(who)
      const post = await b.post(`/children/${dan}/care/dolo`, day('start', '2027-03-01'))
      expect([403, 404], who).toContain(post.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(post.headers['x-request-id']))
        .execute()
      expect(audit, who).toEqual([{ outcome: 'denied' }])
    }
    expect(await rows()).toHaveLength(2)
  })
})
