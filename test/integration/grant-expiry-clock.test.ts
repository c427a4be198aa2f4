/**
 * The route guards read grants against the application's clock, not the system's: on a clock fixed
 * at Monday 5 January 2026, 10:00 (long before the day these tests run), a police officer's
 * process-participant grant and a worker's restricted-record grant, both ending at 12:00 that day,
 * open the child's record and case notes until the clock reaches 12:00, and are refused (and
 * audited) from then. Read against the system's clock, they would have ended before the test began.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { openTestApp, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-01-05T10:00:00Z')
const ENDS = new Date('2026-01-05T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
let child = 0

const denials = (requestId: string) =>
  f
    .db()
    .selectFrom('audit_event')
    .select(['action', 'child_id'])
    .where('request_id', '=', requestId)
    .where('outcome', '=', 'denied')
    .execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  child = await f.child({ given: 'Mia', family: 'Clockwell', dob: '2015-03-03' })
  await f.grant(child, 'police', 'process_participant', { expiresAt: ENDS, reason: 'Strategy discussion' })
  await f.grant(child, 'social.worker2', 'restriction_grant', {
    expiresAt: ENDS,
    reason: 'Covering the case',
  })
}, 60_000)
afterAll(async () => t.close())

describe('grants ending at a time on the injected clock', () => {
  it('open the record and the case notes before they end', async () => {
    clock.set('2026-01-05T10:00:00Z')
    const officer = await f.signedIn('police')
    expect((await officer.get(`/children/${child}`)).statusCode).toBe(200)
    clock.set('2026-01-05T11:59:59.999Z')
    const worker = await f.signedIn('social.worker2')
    expect((await worker.get(`/children/${child}/case-notes`)).statusCode).toBe(200)
    expect((await officer.get(`/children/${child}`)).statusCode).toBe(200)
  })

  it('are refused, and audited, from the moment they end', async () => {
    clock.set(ENDS)
    const officer = await f.signedIn('police')
    const record = await officer.get(`/children/${child}`)
    expect(record.statusCode).toBe(404)
    expect(await denials(record.headers['x-request-id'] as string)).toEqual([
      { action: 'child.view', child_id: child },
    ])
    const worker = await f.signedIn('social.worker2')
    const notes = await worker.get(`/children/${child}/case-notes`)
    expect(notes.statusCode).toBe(403)
    expect(await denials(notes.headers['x-request-id'] as string)).toHaveLength(1)
  })
})
