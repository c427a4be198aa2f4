/**
 * Children looked after through their pages, on a fixed clock (Friday 20 March 2026, noon): a
 * planned admission without the panel's decision refused; Ava starts care in an emergency under
 * section 20 on Monday 2 March (the first review, the IHA and the PEP due in 20 working days, a
 * visit in a week); a second period refused; a move dated before the episode or without a reason
 * refused with nothing saved; after the first visit, a move (P) with its reason on the episode it ends; an interim care
 * order (L); the end with E4A, which stops the clocks; X1 refused as a reason to end; the
 * published SSDA903 episodes; two starts at once; a placement for adoption whose adopters a
 * partner may not see; and who may not see the record. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { recordCaseEvent } from '../../src/platform/tasks/case-events.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'
import { careStartForm, dayFields as day } from '../support/care.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let worker = 0

const start = (over: Record<string, string> = {}) =>
  careStartForm('2026-03-02', { postcode: 'rm16 2tx', ...over })

const move = (over: Record<string, string> = {}) => ({
  ...day('change', '2026-03-09'),
  sameCarer: 'no',
  place: 'U4',
  provider: 'PR4',
  carer: 'Ann Lee',
  urn: 'SC123456',
  postcode: 'SS17 0AA',
  reasonPlaceChange: 'CARPL',
  legalStatus: 'V2',
  ...over,
})

const episodes = () =>
  db()
    .selectFrom('care_episode')
    .select(['start_date', 'rne', 'legal_status', 'end_date', 'rec', 'reason_place_change'])
    .where('child_id', '=', ava)
    .orderBy('start_date')
    .orderBy('id')
    .execute()

async function openTasks() {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'assigned_user_id'])
    .where('child_id', '=', ava)
    .where('subject_type', '=', 'period_of_care')
    .where('stopped_at', 'is', null)
    .orderBy('clock_code')
    .orderBy('due_at')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString(), r.assigned_user_id === worker])
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  worker = await f.userId('social.worker')
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
}, 60_000)
afterAll(async () => t.close())

describe('starting care', () => {
  it('shows a child never looked after, with the way to start care on the record and the page', async () => {
    const b = await f.signedIn('social.worker')
    const record = pageText((await b.get(`/children/${ava}`)).body)
    expect(record).toContain('Looked after')
    expect(record).toContain('Start a period of care')
    const page = await b.get(`/children/${ava}/care`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Ava Brook has not been looked after')
  })

  it('refuses a planned admission without the panel’s decision, and bad answers, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(
      `/children/${ava}/care/start`,
      start({ admission: 'planned', postcode: 'nowhere' }),
    )
    expect(res.statusCode).toBe(400)
    const text = pageText(res.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter the panel that decided the child should be looked after')
    expect(text).toContain('Enter the date of the panel’s decision')
    expect(text).toContain('The placement’s postcode must be a real postcode')
    const noProvider = await b.post(`/children/${ava}/care/start`, start({ provider: '' }))
    expect(noProvider.statusCode).toBe(409)
    expect(pageText(noProvider.body)).toContain('Select the provider: a U6 placement needs one')
    const beforeBirth = await b.post(`/children/${ava}/care/start`, start(day('start', '2016-04-30')))
    expect(pageText(beforeBirth.body)).toContain('on or after the child’s date of birth')
    expect(await db().selectFrom('care_period').selectAll().where('child_id', '=', ava).execute()).toEqual([])
    expect(await episodes()).toEqual([])
  })

  it('starts an emergency admission under section 20: an S episode, and the clocks on the worker’s list', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${ava}/care/start`, start())
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(ok.headers.location).toBe(`/children/${ava}/care`)
    expect(await episodes()).toEqual([
      {
        start_date: '2026-03-02',
        rne: 'S',
        legal_status: 'V2',
        end_date: null,
        rec: null,
        reason_place_change: null,
      },
    ])
    // 20 working days from Monday 2 March is Monday 30 March (British Summer Time from the 29th);
    // the first visit within a week, by Monday 9 March; the placement plan within 5 working days,
    // also by Monday 9 March; the permanency planning meeting within 4 months, by 2 July.
    expect(await openTasks()).toEqual([
      ['iha-20wd', '2026-03-30T22:59:59.999Z', true],
      ['lac-review-20wd', '2026-03-30T22:59:59.999Z', true],
      ['lac-visit-1w', '2026-03-09T23:59:59.999Z', true],
      ['pep-10wd', '2026-03-16T23:59:59.999Z', true],
      ['permanency-planning-meeting', '2026-07-02T22:59:59.999Z', true],
      ['placement-plan-5wd', '2026-03-09T23:59:59.999Z', true],
    ])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('V2: Single period of accommodation under section 20')
    expect(page).toContain('S: Started to be looked after')
    expect(page).toContain('Jo and Sam Green, RM16 2TX')
    expect(page).toContain('First looked-after child review: by 30 March 2026')
    const events = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', ava)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['care.started', 'placement.started'])
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', ava)
      .where('action', '=', 'care.start')
      .execute()
    expect(audit).toEqual([{ action: 'care.start', outcome: 'allowed' }])
  })

  it('refuses a second period of care while the first is open', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.post(`/children/${ava}/care/start`, start(day('start', '2026-03-10')))
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('Ava Brook is already looked after')
    expect(
      (await db().selectFrom('care_period').select('id').where('child_id', '=', ava).execute()).length,
    ).toBe(1)
  })
})

describe('changes while the child is looked after', () => {
  it('refuses a move dated before the current episode, or without a reason, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const early = await b.post(`/children/${ava}/care/placement`, move(day('change', '2026-03-01')))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date must be on or after 2 March 2026, when the current episode started',
    )
    const noReason = await b.post(`/children/${ava}/care/placement`, move({ reasonPlaceChange: '' }))
    expect(noReason.statusCode).toBe(409)
    expect(pageText(noReason.body)).toContain('Select the reason for the change of placement')
    const same = await b.post(
      `/children/${ava}/care/placement`,
      move({
        sameCarer: 'yes',
        place: 'U6',
        provider: 'PR1',
        carer: 'Jo and Sam Green',
        urn: '',
        postcode: 'RM16 2TX',
      }),
    )
    expect(pageText(same.body)).toContain('Nothing about the placement has changed')
    expect((await episodes()).length).toBe(1)
  })

  it('moves the child: the episode ends X1 with the reason, a P episode starts, a visit falls due', async () => {
    // The first visit, recorded as the visits' pages (a later slice) will: it stops the first
    // week's clock and starts the six-weekly one.
    const { id: periodId } = await db()
      .selectFrom('care_period')
      .select('id')
      .where('child_id', '=', ava)
      .executeTakeFirstOrThrow()
    await db()
      .transaction()
      .execute((trx) =>
        recordCaseEvent(trx, {
          childId: ava,
          subjectType: 'period_of_care',
          subjectId: periodId,
          type: 'lac_visit.held',
          occurredAt: new Date('2026-03-05T10:00:00Z'),
          summary: 'Statutory visit: child seen alone',
          recordedBy: worker,
        }),
      )
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${ava}/care/placement`, move())
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(await episodes()).toEqual([
      {
        start_date: '2026-03-02',
        rne: 'S',
        legal_status: 'V2',
        end_date: '2026-03-09',
        rec: 'X1',
        reason_place_change: 'CARPL',
      },
      {
        start_date: '2026-03-09',
        rne: 'P',
        legal_status: 'V2',
        end_date: null,
        rec: null,
        reason_place_change: null,
      },
    ])
    const visits = (await openTasks()).filter(([code]) => String(code).startsWith('lac-visit'))
    // A week from the move (Monday 16 March), beside the six-weekly visit from the last one.
    expect(visits).toEqual([
      ['lac-visit-1w', '2026-03-16T23:59:59.999Z', true],
      ['lac-visit-6w', '2026-04-16T22:59:59.999Z', true],
    ])
  })

  it('changes the legal status to an interim care order: an L episode in the same placement', async () => {
    const b = await f.signedIn('social.worker')
    const same = await b.post(`/children/${ava}/care/legal-status`, {
      ...day('change', '2026-03-16'),
      legalStatus: 'V2',
    })
    expect(same.statusCode).toBe(409)
    expect(pageText(same.body)).toContain('The legal status is already V2')
    const ok = await b.post(`/children/${ava}/care/legal-status`, {
      ...day('change', '2026-03-16'),
      legalStatus: 'C1',
    })
    expect(ok.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('care_episode')
      .select(['rne', 'legal_status', 'placement_id'])
      .where('child_id', '=', ava)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.rne, r.legal_status])).toEqual([
      ['S', 'V2'],
      ['P', 'V2'],
      ['L', 'C1'],
    ])
    expect(rows[2]?.placement_id).toBe(rows[1]?.placement_id)
    expect(pageText((await b.get(`/children/${ava}`)).body)).toContain('C1: Interim care order')
  })
})

describe('ending care', () => {
  it('refuses X1 as the reason and a date in the future', async () => {
    const b = await f.signedIn('social.worker')
    const x1 = await b.post(`/children/${ava}/care/end`, { ...day('end', '2026-03-20'), reason: 'X1' })
    expect(x1.statusCode).toBe(400)
    expect(pageText(x1.body)).toContain('Select why the child stopped being looked after')
    const future = await b.post(`/children/${ava}/care/end`, { ...day('end', '2026-03-21'), reason: 'E4A' })
    expect(future.statusCode).toBe(400)
    expect(
      await db().selectFrom('care_period').select('end_date').where('child_id', '=', ava).execute(),
    ).toEqual([{ end_date: null }])
  })

  it('ends care with E4A: the last episode takes the reason, the clocks stop, the 903 episodes are published', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${ava}/care/end`, { ...day('end', '2026-03-20'), reason: 'E4A' })
    expect(ok.statusCode).toBe(303)
    expect(await openTasks()).toEqual([])
    const v = await db()
      .selectFrom('care_episode_v')
      .select([
        'decom',
        'rne',
        'ls',
        'cin',
        'place',
        'place_provider',
        'dec',
        'rec',
        'reason_place_change',
        'home_post',
        'pl_post',
        'urn',
      ])
      .where('child_id', '=', ava)
      .orderBy('decom')
      .orderBy('episode_id')
      .execute()
    expect(v).toEqual([
      {
        decom: '2026-03-02',
        rne: 'S',
        ls: 'V2',
        cin: 'N1',
        place: 'U6',
        place_provider: 'PR1',
        dec: '2026-03-09',
        rec: 'X1',
        reason_place_change: 'CARPL',
        home_post: 'RM17 6AB',
        pl_post: 'RM16 2TX',
        urn: null,
      },
      {
        decom: '2026-03-09',
        rne: 'P',
        ls: 'V2',
        cin: 'N1',
        place: 'U4',
        place_provider: 'PR4',
        dec: '2026-03-16',
        rec: 'X1',
        reason_place_change: null,
        home_post: 'RM17 6AB',
        pl_post: 'SS17 0AA',
        urn: 'SC123456',
      },
      {
        decom: '2026-03-16',
        rne: 'L',
        ls: 'C1',
        cin: 'N1',
        place: 'U4',
        place_provider: 'PR4',
        dec: '2026-03-20',
        rec: 'E4A',
        reason_place_change: null,
        home_post: 'RM17 6AB',
        pl_post: 'SS17 0AA',
        urn: 'SC123456',
      },
    ])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Ava Brook is not looked after now')
    expect(page).toContain('E4A: Returned home')
    // Once ended, nothing more is recorded on the period: a change is refused.
    const late = await b.post(`/children/${ava}/care/legal-status`, {
      ...day('change', '2026-03-20'),
      legalStatus: 'C2',
    })
    expect(late.statusCode).toBe(409)
    expect(pageText(late.body)).toContain('Ava Brook is not looked after')
  })
})

describe('two starts at once', () => {
  it('starts one period of care, refusing the other with nothing half-saved', async () => {
    const leo = await f.child({ given: 'Leo', family: 'Hart', dob: '2019-09-12' })
    const [a, b] = await Promise.all([f.signedIn('social.worker'), f.signedIn('social.worker')])
    const answers = start(day('start', '2026-03-18'))
    const results = await Promise.all([
      a.post(`/children/${leo}/care/start`, answers),
      b.post(`/children/${leo}/care/start`, answers),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409])
    const periods = await db().selectFrom('care_period').select('id').where('child_id', '=', leo).execute()
    expect(periods.length).toBe(1)
    const rows = await db()
      .selectFrom('care_episode')
      .select('period_id')
      .where('child_id', '=', leo)
      .execute()
    expect(rows).toEqual([{ period_id: periods[0]?.id }])
    expect(
      (await db().selectFrom('care_placement').select('id').where('child_id', '=', leo).execute()).length,
    ).toBe(1)
    // The worklist's task of the period leads to the child's care record.
    const task = await a.get(`/care-periods/${periods[0]?.id}`)
    expect(task.statusCode).toBe(303)
    expect(task.headers.location).toBe(`/children/${leo}/care`)
  })
})

describe('a placement for adoption', () => {
  it('shows the prospective adopters to the social worker, and withholds them from a partner', async () => {
    const mia = await f.child({ given: 'Mia', family: 'Stone', dob: '2024-02-01' })
    const b = await f.signedIn('social.worker')
    const placed = await b.post(
      `/children/${mia}/care/start`,
      start({
        ...day('start', '2026-03-16'),
        legalStatus: 'E1',
        place: 'A5',
        provider: 'PR1',
        carer: 'The Hill family',
        postcode: 'CM1 1AA',
      }),
    )
    expect(placed.statusCode).toBe(303)
    expect(pageText((await b.get(`/children/${mia}/care`)).body)).toContain('The Hill family')
    await f.grant(mia, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    const page = await nurse.get(`/children/${mia}/care`)
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Withheld: the prospective adopters')
    expect(text).not.toContain('Hill')
    expect(text).not.toContain('CM1 1AA')
    const record = await nurse.get(`/children/${mia}`)
    expect(pageText(record.body)).not.toContain('Hill')
    const audit = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('request_id', '=', String(page.headers['x-request-id']))
      .execute()
    expect(JSON.stringify(audit)).toContain('adopter_identity')
  })
})

describe('who may see and change the record', () => {
  it('refuses someone with no link to the child, and audits it', async () => {
    const police = await f.signedIn('police')
    const res = await police.get(`/children/${ava}/care`)
    expect([403, 404]).toContain(res.statusCode)
    expect(res.body).not.toContain('Brook')
    const denied = await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute()
    expect(denied).toEqual([{ outcome: 'denied' }])
    const post = await police.post(`/children/${ava}/care/start`, start(day('start', '2026-03-20')))
    expect([403, 404]).toContain(post.statusCode)
    expect(
      (await db().selectFrom('care_period').select('id').where('child_id', '=', ava).execute()).length,
    ).toBe(1)
  })
})
