/**
 * The IRO's escalations and the permanency planning meeting through their pages, on a fixed clock
 * (Wednesday 15 April 2026, noon). Ava comes into care on Monday 2 March: her permanency planning
 * meeting is due within 4 months, by 2 July. A meeting with answers missing is refused with nothing
 * saved; the one recorded stops the clock. Ruth Okonjo, her IRO, raises an escalation informally
 * (a social worker may not; a bad form saves nothing): the response is due in 5 working days, 22
 * April, on the team manager's list. The IRO may not answer it; the team manager answers "not
 * resolved" on the 16th and the 17th, which stops each clock and sends it to formal stage 1, then
 * to stage 2 (10 working days, 1 May), where only a service manager answers. With no answer by
 * then, the IRO moves it on to the head of service on the May bank holiday (due 18 May); the
 * service manager resolves it, and its clock is cancelled. The clock is set forward between steps. Each step is audited and on
 * the chronology. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { careStartForm, dayFields as day } from '../support/care.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-04-15T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0

const raise = (over: Record<string, string> = {}) => ({
  category: 'permanence',
  concern: 'No permanence plan has been agreed and the second review is near.',
  reason: 'Ava has waited six weeks; drift harms her chance of a settled home.',
  stage: 'informal',
  ...over,
})

const escalationTasks = async () => {
  const rows = await db()
    .selectFrom('task')
    .select(['due_at', 'stopped_at', 'closed_by', 'assigned_user_id'])
    .where('child_id', '=', ava)
    .where('clock_code', '=', 'iro-escalation-response')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.due_at.toISOString(), r.stopped_at !== null, r.closed_by, r.assigned_user_id])
}
const saved = async () => ({
  escalations: await db().selectFrom('care_iro_escalation').selectAll().where('child_id', '=', ava).execute(),
  events: (
    await db()
      .selectFrom('case_event')
      .select('type')
      .where('child_id', '=', ava)
      .where('type', 'like', 'iro_escalation.%')
      .orderBy('id')
      .execute()
  ).map((e) => e.type),
})
const auditOf = (action: string) =>
  db()
    .selectFrom('audit_event')
    .select(['outcome', 'user_id'])
    .where('child_id', '=', ava)
    .where('action', '=', action)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
  const sw = await f.signedIn('social.worker')
  const started = await sw.post(
    `/children/${ava}/care/start`,
    careStartForm('2026-03-02', { homePostcode: '', postcode: '' }),
  )
  expect(started.statusCode, pageText(started.body).slice(0, 300)).toBe(303)
  const tm = await f.signedIn('team.manager')
  const allocated = await tm.post(`/children/${ava}/care/iro`, { iro: String(await f.userId('iro')) })
  expect(allocated.statusCode, pageText(allocated.body).slice(0, 300)).toBe(303)
}, 60_000)
afterAll(async () => t.close())

describe('the permanency planning meeting', () => {
  const meetingTask = () =>
    db()
      .selectFrom('task')
      .select(['due_at', 'stopped_at'])
      .where('child_id', '=', ava)
      .where('clock_code', '=', 'permanency-planning-meeting')
      .execute()

  it('is due within 4 months of care starting; a form with answers missing saves nothing', async () => {
    expect((await meetingTask()).map((r) => [r.due_at.toISOString(), r.stopped_at])).toEqual([
      ['2026-07-02T22:59:59.999Z', null],
    ])
    const sw = await f.signedIn('social.worker')
    expect(pageText((await sw.get(`/children/${ava}/care`)).body)).toContain('Due by 2 July 2026')
    const bad = await sw.post(`/children/${ava}/care/permanency`, { ...day('held', '2026-04-14'), chair: '' })
    expect(bad.statusCode).toBe(400)
    const text = pageText(bad.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter who chaired the meeting')
    expect(text).toContain('Select the permanence plan')
    const early = await sw.post(`/children/${ava}/care/permanency`, {
      ...day('held', '2026-03-01'),
      chair: 'Marcus Reid',
      plan: 'return_home',
    })
    expect(early.statusCode).toBe(409)
    expect(await db().selectFrom('care_permanency_meeting').selectAll().execute()).toEqual([])
    expect((await meetingTask())[0]?.stopped_at).toBeNull()
  })

  it('stops the clock when recorded, once, audited and on the care page and chronology', async () => {
    const sw = await f.signedIn('social.worker')
    const ok = await sw.post(`/children/${ava}/care/permanency`, {
      ...day('held', '2026-04-14'),
      chair: 'Marcus Reid',
      plan: 'long_term_foster',
    })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect((await meetingTask())[0]?.stopped_at).not.toBeNull()
    const again = await sw.post(`/children/${ava}/care/permanency`, {
      ...day('held', '2026-04-15'),
      chair: 'Marcus Reid',
      plan: 'adoption',
    })
    expect(again.statusCode).toBe(409)
    expect(await db().selectFrom('care_permanency_meeting').select('plan').execute()).toEqual([
      { plan: 'long_term_foster' },
    ])
    expect((await auditOf('care.permanency_record')).filter((a) => a.outcome === 'allowed')).toEqual([
      { outcome: 'allowed', user_id: await f.userId('social.worker') },
    ])
    const page = pageText((await sw.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Permanence plan Long-term foster care')
    const chronology = pageText((await sw.get(`/children/${ava}/chronology`)).body)
    expect(chronology).toContain(
      'Permanency planning meeting chaired by Marcus Reid: the plan is long-term foster care',
    )
  })
})

describe('an IRO escalation', () => {
  it('is raised only by the IRO or a manager, and a bad form saves nothing', async () => {
    const sw = await f.signedIn('social.worker')
    expect((await sw.post(`/children/${ava}/care/iro-escalation`, raise())).statusCode).toBe(403)
    expect(await auditOf('care.iro_escalation_raise')).toEqual([
      { outcome: 'denied', user_id: await f.userId('social.worker') },
    ])
    const iro = await f.signedIn('iro')
    const bad = await iro.post(`/children/${ava}/care/iro-escalation`, raise({ concern: '', stage: '' }))
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('Enter what the concern is')
    expect(pageText(bad.body)).toContain('Select who the escalation goes to first')
    expect(await saved()).toEqual({ escalations: [], events: [] })
    expect(await escalationTasks()).toEqual([])
  })

  it('puts the informal stage’s response on the team manager’s list, due in 5 working days', async () => {
    const iro = await f.signedIn('iro')
    const ok = await iro.post(`/children/${ava}/care/iro-escalation`, raise())
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    const tm = await f.userId('team.manager')
    expect(await escalationTasks()).toEqual([['2026-04-22T22:59:59.999Z', false, null, tm]])
    const { escalations, events } = await saved()
    expect(escalations.map((e) => [e.stage, e.status, e.due_at?.toISOString()])).toEqual([
      ['informal', 'open', '2026-04-22T22:59:59.999Z'],
    ])
    expect(events).toEqual(['iro_escalation.sent'])
    const again = await iro.post(`/children/${ava}/care/iro-escalation`, raise())
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('already has an open IRO escalation')
    const page = pageText((await iro.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Stage Informal: the social worker or their team manager')
    expect(page).toContain('22 April 2026')
    // Not overdue: the IRO cannot move it on yet.
    expect((await iro.post(`/children/${ava}/care/iro-escalation/escalate`, {})).statusCode).toBe(403)
  })

  it('is answered only by a manager at its level; not resolved sends it up a stage', async () => {
    const iro = await f.signedIn('iro')
    const answer = { outcome: 'not_resolved', note: 'The plan is being drafted.' }
    expect((await iro.post(`/children/${ava}/care/iro-escalation/respond`, answer)).statusCode).toBe(403)
    const sw = await f.signedIn('social.worker')
    expect((await sw.post(`/children/${ava}/care/iro-escalation/respond`, answer)).statusCode).toBe(403)
    const tm = await f.signedIn('team.manager')
    const bad = await tm.post(`/children/${ava}/care/iro-escalation/respond`, { outcome: '', note: '' })
    expect(bad.statusCode).toBe(400)
    expect((await saved()).events).toEqual(['iro_escalation.sent'])

    // Thursday 16 April: formal stage 1, due in 5 working days (Thursday 23 April).
    clock.set('2026-04-16T09:00:00Z')
    expect((await tm.post(`/children/${ava}/care/iro-escalation/respond`, answer)).statusCode).toBe(303)
    // Friday 17 April: formal stage 2, 10 working days (Friday 1 May).
    clock.set('2026-04-17T09:00:00Z')
    expect((await tm.post(`/children/${ava}/care/iro-escalation/respond`, answer)).statusCode).toBe(303)
    const { escalations, events } = await saved()
    expect(escalations.map((e) => [e.stage, e.status])).toEqual([['service_manager', 'open']])
    expect(events).toEqual([
      'iro_escalation.sent',
      'iro_escalation.responded',
      'iro_escalation.sent',
      'iro_escalation.responded',
      'iro_escalation.sent',
    ])
    const manager = await f.userId('team.manager')
    expect(await escalationTasks()).toEqual([
      ['2026-04-22T22:59:59.999Z', true, 'stop', manager],
      ['2026-04-23T22:59:59.999Z', true, 'stop', manager],
      ['2026-05-01T22:59:59.999Z', false, null, manager],
    ])
    // A team manager does not answer at the service manager's stage.
    const above = await tm.post(`/children/${ava}/care/iro-escalation/respond`, answer)
    expect(above.statusCode).toBe(403)
    expect((await saved()).events).toHaveLength(5)
    // The IRO and the worker were refused by the route's rule (no child.allocate), audited by the
    // platform; the team manager at stage 2 by the service, on this action's own row.
    expect((await auditOf('care.iro_escalation_respond')).map((a) => a.outcome)).toEqual([
      'allowed',
      'allowed',
      'denied',
    ])
  })

  it('is moved on by the IRO once overdue, and resolved by the service manager', async () => {
    // Monday 4 May, the early May bank holiday: the response due on Friday 1 May never came.
    clock.set('2026-05-04T09:00:00Z')
    const iro = await f.signedIn('iro')
    const moved = await iro.post(`/children/${ava}/care/iro-escalation/escalate`, { note: 'No reply.' })
    expect(moved.statusCode, pageText(moved.body).slice(0, 300)).toBe(303)
    // 10 working days from the bank holiday: Monday 18 May.
    expect((await saved()).escalations.map((e) => [e.stage, e.due_at?.toISOString()])).toEqual([
      ['head_of_service', '2026-05-18T22:59:59.999Z'],
    ])
    expect((await escalationTasks()).at(-2)?.slice(1, 3)).toEqual([true, 'cancel'])
    clock.set('2026-05-05T09:00:00Z')
    const sm = await f.signedIn('service.manager')
    const ok = await sm.post(`/children/${ava}/care/iro-escalation/respond`, {
      outcome: 'resolved',
      note: 'Permanence panel booked for 20 April.',
    })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    const { escalations, events } = await saved()
    expect(escalations.map((e) => [e.stage, e.status, e.due_at, e.closed_at !== null])).toEqual([
      ['head_of_service', 'resolved', null, true],
    ])
    expect(events.slice(-3)).toEqual([
      'iro_escalation.sent',
      'iro_escalation.responded',
      'iro_escalation.closed',
    ])
    expect((await escalationTasks()).filter((r) => r[1] === false)).toEqual([])
    expect(await auditOf('care.iro_escalation_escalate')).toEqual([
      { outcome: 'denied', user_id: await f.userId('iro') },
      { outcome: 'allowed', user_id: await f.userId('iro') },
    ])
    const page = pageText((await iro.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Status Resolved')
    expect(page).toContain('escalated (no response in time): Formal stage 3: head of service')
    expect(page).toContain('Response at Formal stage 3: head of service: resolved')
    const chronology = pageText((await iro.get(`/children/${ava}/chronology`)).body)
    expect(chronology).toContain('IRO escalation resolved at Formal stage 3: head of service')
    expect(chronology).toContain('IRO escalation raised: Informal: the social worker or their team manager')
  })
})
