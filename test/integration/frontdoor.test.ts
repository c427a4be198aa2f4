/**
 * The front door end to end through the pages, on PGlite and (with DATABASE_URL) PostgreSQL:
 * a contact about two siblings, triage with household history, one decision per child, the
 * referral and its re-referral flag, feedback, allocation, a known child's contact going to the
 * allocated worker, and who may do what.
 *
 * The application runs on a fixed clock, so every due time is a literal worked out by hand from
 * the clock definitions (reference/clock-definitions.json) and the bank holidays
 * (reference/bank-holidays-england-and-wales.json), not by the code under test. Each test sets
 * the time and makes its own family, so any one of them runs alone (`npx vitest run -t '…'`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { frontdoorActions } from '../support/frontdoor.js'
import { openTestApp, type TestApp } from '../support/web.js'

/** A Tuesday morning in November (GMT, so London time reads as UTC). */
const TUESDAY = '2026-11-10T10:00:00Z'
const clock = fixedClock(TUESDAY)

let t: TestApp
const { db, signedIn, person, decide } = frontdoorActions(() => t)

beforeAll(async () => {
  t = await openTestApp({ clock })
})
afterAll(async () => t.close())

async function userId(username: string): Promise<number> {
  const row = await db()
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row.id
}

async function teamId(name: string): Promise<number> {
  const row = await db().selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  return row.id
}

/**
 * Two siblings and their mother in one household. The older child was referred on 10 March 2026
 * and the case closed (a new referral within 12 months is a re-referral); the mother was herself
 * a child in care (history at the front door includes the adults').
 */
async function family(surname: string) {
  const older = await person({ given: 'Skye', family: surname, dob: '2016-05-02' })
  const younger = await person({ given: 'Rowan', family: surname, dob: '2019-09-14' })
  const mother = await person({ given: 'Dana', family: surname, dob: '1990-01-20', kind: 'adult' })
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: mother, related_person_id: older, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: younger, relationship_type: 'mother', household_member: true },
      { person_id: older, related_person_id: younger, relationship_type: 'sibling', household_member: true },
    ])
    .execute()
  await db()
    .insertInto('referral')
    .values({
      child_id: older,
      referral_date: '2026-03-10',
      referral_source: '2A',
      re_referral: false,
      status: 'closed',
      closed_at: new Date('2026-04-09T12:00:00Z'),
      closure_reason: 'Assessment complete: no further action',
    })
    .execute()
  await db()
    .insertInto('case_event')
    .values({
      child_id: mother,
      subject_type: 'care_episode',
      subject_id: `old-${mother}`,
      type: 'care.started',
      occurred_at: new Date('2004-03-01T10:00:00Z'),
      summary: 'Started to be looked after (section 20)',
    })
    .execute()
  return { older, younger, mother }
}

/** The date and time boxes for an instant, as London reads it. */
function whenFields(prefix: 'received' | 'aware', iso: string): [string, string][] {
  const d = new Date(iso)
  const [y, m, day] = d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-')
  const time = d.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return [
    [`${prefix}-day`, day ?? ''],
    [`${prefix}-month`, m ?? ''],
    [`${prefix}-year`, y ?? ''],
    [`${prefix}-time`, time],
  ]
}

/** The screener's contact form about these children, received at `receivedAt`. */
function contactFields(childIds: number[], receivedAt: string): [string, string][] {
  return [
    ...whenFields('received', receivedAt),
    ['channel', 'phone'],
    ['referralSource', '6'],
    ['referrerName', 'PC Example'],
    ['referrerRole', 'Response officer'],
    ['reason', 'Police attended a domestic incident at the home overnight; both children were present.'],
    ['presentingNeeds', '3B'],
    ['consent', 'not_sought_risk'],
    ['consentReason', 'Asking the father would put the children at risk.'],
    ['childSafeNow', 'not_known'],
    ...childIds.map((id): [string, string] => ['childIds', String(id)]),
    ['step', 'save'],
  ]
}

/** Records a contact through the screener's form; the contact and its children's rows in order. */
async function recordContact(childIds: number[], receivedAt: string, extra: [string, string][] = []) {
  const b = await signedIn('screener')
  const res = await b.postMany('/contacts/new', [...contactFields(childIds, receivedAt), ...extra])
  expect(res.statusCode).toBe(303)
  const contactId = Number(/\/contacts\/(\d+)/.exec(res.headers.location as string)?.[1])
  const rows = await db()
    .selectFrom('contact_child')
    .selectAll()
    .where('contact_id', '=', contactId)
    .orderBy('id')
    .execute()
  return { contactId, rows, cc: rows.map((r) => r.id) }
}

async function rate(contactId: number, cc: number, rag: string, thresholdLevel = '4') {
  const b = await signedIn('screener')
  const page = `/contacts/${contactId}/children/${cc}`
  const res = await b.post(
    `${page}/rating`,
    { thresholdLevel, rag, recommendation: 'strategy_discussion' },
    page,
  )
  expect(res.statusCode).toBe(303)
}

/** A contact about the older child, decided as a strategy discussion: the referral it opened. */
async function referredToAssessment(child: number, receivedAt: string) {
  const { contactId, cc } = await recordContact([child], receivedAt)
  await rate(contactId, cc[0]!, 'red')
  const res = await decide(contactId, cc[0]!, {
    decision: 'strategy_discussion',
    teamId: String(await teamId('Assessment team')),
    oversightNote: 'Significant harm likely: strategy discussion today.',
  })
  expect(res.statusCode).toBe(303)
  return db()
    .selectFrom('referral')
    .selectAll()
    .where('contact_child_id', '=', cc[0]!)
    .executeTakeFirstOrThrow()
}

/** The contact's clocks for one child, by code, as literal ISO due times. */
async function dueTimes(cc: number) {
  const tasks = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at'])
    .where('subject_type', '=', 'contact')
    .where('subject_id', '=', String(cc))
    // The decision clocks; Operation Encompass's has its own tests (frontdoor-police-bulk.test.ts).
    .where('clock_code', '<>', 'operation-encompass')
    .orderBy('clock_code')
    .orderBy('id')
    .execute()
  return Object.fromEntries(tasks.map((x) => [x.clock_code, x.due_at.toISOString()]))
}

describe('a contact about two siblings, through triage and decision to allocation', () => {
  it('is recorded by a screener, one row per child, with the decision clock due at the close of the next working day', async () => {
    clock.set(TUESDAY)
    const { older, younger } = await family('Quarrendon')
    // The officer knew of it three hours before telling the MASH (an incident overnight, say).
    const { contactId, rows, cc } = await recordContact(
      [older, younger],
      '2026-11-10T09:30:00Z',
      whenFields('aware', '2026-11-10T06:30:00Z'),
    )
    expect(rows.map((r) => [r.child_id, r.status])).toEqual([
      [older, 'in_triage'],
      [younger, 'in_triage'],
    ])
    // Received on Tuesday 10 November: 1 working day, so by close of business (17:00) on Wednesday.
    expect(await dueTimes(cc[0]!)).toEqual({ 'mash-decision': '2026-11-11T17:00:00.000Z' })
    expect(await dueTimes(cc[1]!)).toEqual({ 'mash-decision': '2026-11-11T17:00:00.000Z' })
    const contact = await db()
      .selectFrom('contact')
      .selectAll()
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow()
    expect(contact.domestic_abuse).toBe(true)
    expect(contact.consent).toBe('not_sought_risk')
    expect(contact.received_at.toISOString()).toBe('2026-11-10T09:30:00.000Z')
    expect(contact.aware_at?.toISOString()).toBe('2026-11-10T06:30:00.000Z')
  })

  it('counts working days across a weekend: received on a Friday afternoon, due on Monday', async () => {
    clock.set('2026-12-04T15:30:00Z') // Friday 4 December 2026
    const { older } = await family('Fenwick')
    const { contactId, cc } = await recordContact([older], '2026-12-04T15:00:00Z')
    expect(await dueTimes(cc[0]!)).toEqual({ 'mash-decision': '2026-12-07T17:00:00.000Z' })
    // Green is 24 working hours from receipt, but never after the decision clock: Monday's close.
    await rate(contactId, cc[0]!, 'green')
    expect((await dueTimes(cc[0]!))['mash-decision-rag']).toBe('2026-12-07T17:00:00.000Z')
  })

  it('counts working days across Christmas: received on Christmas Eve, due after the Boxing Day substitute', async () => {
    clock.set('2026-12-24T16:00:00Z') // Thursday 24 December 2026
    const { older } = await family('Yuleton')
    const { contactId, cc } = await recordContact([older], '2026-12-24T14:00:00Z')
    // Friday 25 is Christmas Day, then a weekend, then Monday 28 the Boxing Day substitute.
    expect(await dueTimes(cc[0]!)).toEqual({ 'mash-decision': '2026-12-29T17:00:00.000Z' })
    // Amber is 8 working hours from receipt: three on Christmas Eve, five on Tuesday 29th.
    await rate(contactId, cc[0]!, 'amber')
    expect((await dueTimes(cc[0]!))['mash-decision-rag']).toBe('2026-12-29T14:00:00.000Z')
  })

  it('refuses a contact with no child, or an override of consent with no reason, saving nothing', async () => {
    clock.set(TUESDAY)
    const { older } = await family('Ashdown')
    const b = await signedIn('screener')
    const count = async () =>
      (
        await db()
          .selectFrom('contact')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    const before = await count()
    const received = '2026-11-10T09:30:00Z'
    const noChild = await b.postMany('/contacts/new', contactFields([], received))
    expect(noChild.statusCode).toBe(400)
    expect(noChild.body).toContain('There is a problem')
    expect(noChild.body).toContain('Add at least one child the contact is about')
    const fields = contactFields([older], received).filter(([k]) => k !== 'consentReason' && k !== 'consent')
    const noReason = await b.postMany('/contacts/new', [...fields, ['consent', 'overridden']])
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why consent was overridden')
    expect(noReason.body).toContain('href="#consentReason"')
    // Ten minutes after the clock's now is in the future; so is 2099.
    for (const future of ['2026-11-10T10:10:00Z', '2099-11-10T09:30:00Z']) {
      const late = await b.postMany('/contacts/new', contactFields([older], future))
      expect(late.statusCode, future).toBe(400)
      expect(late.body).toContain('must be in the past')
    }
    // Aware ten minutes ago of a contact received half an hour ago cannot be.
    const awareAfter = await b.postMany('/contacts/new', [
      ...contactFields([older], received),
      ...whenFields('aware', '2026-11-10T09:50:00Z'),
    ])
    expect(awareAfter.statusCode).toBe(400)
    expect(awareAfter.body).toContain(
      'Date the referrer became aware must be on or before the date of the contact',
    )
    expect(awareAfter.body).toContain('href="#aware-day"')
    // The reason takes the length policy's limit, and says so in the words of its label.
    const long = contactFields([older], received).map(([k, v]): [string, string] =>
      k === 'reason' ? [k, 'x'.repeat(200_000)] : [k, v],
    )
    const tooLong = await b.postMany('/contacts/new', long)
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.body).toContain('Reason for the contact must be 10,000 characters or fewer')
    expect(tooLong.body).toContain('href="#reason"')
    // A year of two numbers is not taken as the first century.
    const shortYear = contactFields([older], received).map(([k, v]): [string, string] =>
      k === 'received-year' ? [k, '26'] : [k, v],
    )
    const century = await b.postMany('/contacts/new', shortYear)
    expect(century.statusCode).toBe(400)
    expect(century.body).toContain('Date received must be a real date')
    expect(century.body).toContain('href="#received-day"')
    expect(await count()).toBe(before)
  })

  it('shows in the MASH queue, filterable in the URL', async () => {
    clock.set(TUESDAY)
    const { older, younger } = await family('Kelsall')
    await recordContact([older, younger], '2026-11-10T09:30:00Z')
    const b = await signedIn('screener')
    const queue = await b.get('/mash')
    expect(queue.statusCode).toBe(200)
    expect(queue.body).toContain('Skye Kelsall')
    expect(queue.body).toContain('Rowan Kelsall')
    const unrated = await b.get('/mash?rag=unrated&source=6')
    expect(unrated.body).toContain('Skye Kelsall')
    const red = await b.get('/mash?rag=red')
    expect(red.body).not.toContain('Skye Kelsall')
    // Nothing of theirs is overdue until the end of Wednesday; on Thursday both are.
    expect((await b.get('/mash?overdue=yes')).body).not.toContain('Skye Kelsall')
    clock.set('2026-11-12T09:00:00Z')
    expect((await b.get('/mash?overdue=yes')).body).toContain('Skye Kelsall')
  })

  it('shows the history of the child and every household member at triage', async () => {
    clock.set(TUESDAY)
    const { older, younger, mother } = await family('Pellow')
    const { contactId, cc } = await recordContact([older, younger], '2026-11-10T09:30:00Z')
    const b = await signedIn('screener')
    const page = await b.get(`/contacts/${contactId}/children/${cc[0]}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Dana Pellow')
    expect(page.body).toContain('Started to be looked after (section 20)') // the mother's own history
    expect(page.body).toContain('data-testid="history-referrals"') // the earlier referral
    const audited = await db()
      .selectFrom('audit_event')
      .select('child_id')
      .where('action', '=', 'contact.triage.view')
      .where('record_id', '=', String(cc[0]))
      .execute()
    expect(audited.map((a) => a.child_id).sort()).toEqual([older, younger, mother].sort())
  })

  it('records agency information and the rating, which starts the RAG clock', async () => {
    clock.set(TUESDAY)
    const { older, younger } = await family('Trevail')
    const { contactId, cc } = await recordContact([older, younger], '2026-11-10T09:30:00Z')
    const [ccOlder, ccYounger] = cc as [number, number]
    const b = await signedIn('screener')
    const page = `/contacts/${contactId}/children/${ccOlder}`
    // The link to the child's record comes before the contact's details, so it is an early tab
    // stop rather than the last one on the page.
    const triage = (await b.get(page)).body
    expect(triage).toContain(`href="/children/${older}"`)
    expect(triage.indexOf(`href="/children/${older}"`)).toBeLessThan(triage.indexOf('The contact</h2>'))
    const bad = await b.post(`${page}/checks`, { agencyKind: 'health', informant: '', information: '' }, page)
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter who gave the information')
    // The contact came in at 09:30: information cannot have been given at 08:00.
    const early = await b.post(
      `${page}/checks`,
      {
        agencyKind: 'health',
        informant: 'Health visitor',
        information: 'Missed two appointments.',
        respondedTime: '08:00',
      },
      page,
    )
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The time they gave the information must be')
    expect(early.body).toContain('href="#respondedTime"')
    const ok = await b.post(
      `${page}/checks`,
      { agencyKind: 'health', informant: 'Health visitor', information: 'Missed two appointments.' },
      page,
    )
    expect(ok.statusCode).toBe(303)
    const check = await db()
      .selectFrom('contact_agency_check')
      .select('responded_at')
      .where('contact_child_id', '=', ccOlder)
      .executeTakeFirstOrThrow()
    expect(check.responded_at.toISOString()).toBe(TUESDAY.replace('Z', '.000Z')) // given no time: now

    // Red at 10:00 on Tuesday: by Tuesday's close of business.
    await rate(contactId, ccOlder, 'red')
    expect(await dueTimes(ccOlder)).toEqual({
      'mash-decision': '2026-11-11T17:00:00.000Z',
      'mash-decision-rag': '2026-11-10T17:00:00.000Z',
    })
    // Rated green at 10:00 (no later than the decision: Wednesday's close), then red at 11:00 once
    // the health visitor's information is in: the same clock, brought forward to Tuesday's close.
    await rate(contactId, ccYounger, 'green')
    expect((await dueTimes(ccYounger))['mash-decision-rag']).toBe('2026-11-11T17:00:00.000Z')
    clock.set('2026-11-10T11:00:00Z')
    await rate(contactId, ccYounger, 'red')
    const ragClocks = await db()
      .selectFrom('task')
      .select('due_at')
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(ccYounger))
      .where('clock_code', '=', 'mash-decision-rag')
      .execute()
    expect(ragClocks.map((c) => c.due_at.toISOString())).toEqual(['2026-11-10T17:00:00.000Z'])
    // A re-rating never puts the response back: green again leaves it at Tuesday's close.
    await rate(contactId, ccYounger, 'green')
    expect((await dueTimes(ccYounger))['mash-decision-rag']).toBe('2026-11-10T17:00:00.000Z')
    const screenerDecides = await b.get(`${page}/decision`)
    expect(screenerDecides.statusCode).toBe(403) // a screener recommends; the MASH social worker decides
  })

  it('refuses a decision before the level and urgency are set, linking to the triage page that sets them', async () => {
    clock.set(TUESDAY)
    const { older } = await family('Ashdown')
    const { contactId, cc } = await recordContact([older], '2026-11-10T09:30:00Z')
    const res = await decide(contactId, cc[0]!, {
      decision: 'no_further_action',
      decisionReason: 'The family have moved out of the area.',
      oversightNote: 'No further action: the family have moved away.',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Set the level of need and the urgency before the decision.')
    expect(res.body).toContain(`href="/contacts/${contactId}/children/${cc[0]}#thresholdLevel"`)
    const stillInTriage = await db()
      .selectFrom('contact_child')
      .select('status')
      .where('id', '=', cc[0]!)
      .executeTakeFirstOrThrow()
    expect(stillInTriage.status).toBe('in_triage')
  })

  it('reads the answers revealed under a choice only when that choice is made', async () => {
    clock.set(TUESDAY)
    const { older, younger } = await family('Thackeray')
    // Without JavaScript the emergency duty team's action shows under its box whether ticked or
    // not: with the box not ticked, it is not saved, and not refused.
    const { contactId, cc } = await recordContact([older, younger], '2026-11-10T09:30:00Z', [
      ['outOfHoursAction', 'Visited overnight; the children stayed with their grandmother.'],
    ])
    const contact = () =>
      db()
        .selectFrom('contact')
        .select(['out_of_hours', 'out_of_hours_action'])
        .where('id', '=', contactId)
        .executeTakeFirstOrThrow()
    expect(await contact()).toEqual({ out_of_hours: false, out_of_hours_action: null })
    const outOfHours = await recordContact([older], '2026-11-10T09:30:00Z', [
      ['outOfHours', 'yes'],
      ['outOfHoursAction', 'Visited overnight.'],
    ])
    expect(
      await db()
        .selectFrom('contact')
        .select(['out_of_hours', 'out_of_hours_action'])
        .where('id', '=', outOfHours.contactId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ out_of_hours: true, out_of_hours_action: 'Visited overnight.' })

    // The home authority is asked under "Transfer" only. Missing under a transfer, the page comes
    // back with the transfer still chosen, so its question is shown (revealed) with the error.
    const [ccOlder, ccYounger] = cc as [number, number]
    await rate(contactId, ccOlder, 'red')
    await rate(contactId, ccYounger, 'red')
    const note = { oversightNote: 'The family moved to Kent last month.' }
    const missing = await decide(contactId, ccOlder, { decision: 'transfer', ...note })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('href="#transferAuthority"')
    expect(missing.body).toMatch(/value="transfer" checked data-aria-controls="conditional-decision-\d+"/)
    const revealed =
      /<div class="govuk-radios__conditional( govuk-radios__conditional--hidden)?" id="conditional-decision-\d+">\s*<div class="govuk-form-group govuk-form-group--error">\s*<label class="govuk-label" for="transferAuthority">/.exec(
        missing.body,
      )
    expect(revealed).not.toBeNull()
    expect(revealed?.[1]).toBeUndefined() // not hidden
    // At level 4 the strategy discussion is held here before the transfer: a team is asked for.
    const noTeam = await decide(contactId, ccOlder, {
      decision: 'transfer',
      transferAuthority: 'Kent County Council',
      ...note,
    })
    expect(noTeam.statusCode).toBe(400)
    expect(noTeam.body).toContain('Select the team that holds the strategy discussion before the transfer')
    const transfer = await decide(contactId, ccOlder, {
      decision: 'transfer',
      transferAuthority: 'Kent County Council',
      teamId: String(await teamId('Assessment team')),
      ...note,
    })
    expect(transfer.statusCode).toBe(303)
    // Under a strategy discussion, an authority typed (or too long) is neither refused nor saved.
    const strategy = await decide(contactId, ccYounger, {
      decision: 'strategy_discussion',
      teamId: String(await teamId('Assessment team')),
      transferAuthority: 'x'.repeat(500),
      oversightNote: 'Strategy discussion today.',
    })
    expect(strategy.statusCode).toBe(303)
    const decided = await db()
      .selectFrom('contact_child')
      .select(['id', 'decision', 'transfer_authority'])
      .where('id', 'in', [ccOlder, ccYounger])
      .orderBy('id')
      .execute()
    expect(decided).toEqual([
      { id: ccOlder, decision: 'transfer', transfer_authority: 'Kent County Council' },
      { id: ccYounger, decision: 'strategy_discussion', transfer_authority: null },
    ])
  })

  it('takes one decision per child, with the oversight note, and opens a re-referral', async () => {
    clock.set(TUESDAY)
    const { older, younger } = await family('Cardew')
    const { contactId, cc } = await recordContact([older, younger], '2026-11-10T09:30:00Z')
    const [ccOlder, ccYounger] = cc as [number, number]
    await rate(contactId, ccOlder, 'red')
    await rate(contactId, ccYounger, 'red')
    clock.set('2026-11-10T14:15:00Z')
    const assessment = String(await teamId('Assessment team'))
    const missingNote = await decide(contactId, ccOlder, {
      decision: 'strategy_discussion',
      teamId: assessment,
    })
    expect(missingNote.statusCode).toBe(400)
    expect(missingNote.body).toContain('Enter your analysis')
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', older).execute(),
    ).toHaveLength(1)

    const decided = await decide(contactId, ccOlder, {
      decision: 'strategy_discussion',
      teamId: assessment,
      oversightNote: 'Significant harm likely: strategy discussion today.',
    })
    expect(decided.statusCode).toBe(303)
    const referral = await db()
      .selectFrom('referral')
      .selectAll()
      .where('contact_child_id', '=', ccOlder)
      .executeTakeFirstOrThrow()
    // Referred on 10 March 2026 and again on 10 November: within 12 months.
    expect(referral.referral_date).toBe('2026-11-10')
    expect(referral.re_referral).toBe(true)
    expect(referral.strategy_discussion).toBe(true)
    expect(referral.referral_source).toBe('6')
    expect(referral.status).toBe('awaiting_allocation')
    // The strategy discussion is due 24 hours after the decision.
    const strategy = await db()
      .selectFrom('task')
      .select('due_at')
      .where('clock_code', '=', 'strategy-discussion-24h')
      .where('child_id', '=', older)
      .executeTakeFirstOrThrow()
    expect(strategy.due_at.toISOString()).toBe('2026-11-11T14:15:00.000Z')

    // The younger child's decision is their own: outside level 4's routes, so it needs a reason.
    const noReason = await decide(contactId, ccYounger, {
      decision: 'early_help',
      oversightNote: 'Sibling is at school and seen daily.',
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('outside the routes for level 4')
    const earlyHelp = await decide(contactId, ccYounger, {
      decision: 'early_help',
      decisionReason: 'Seen daily at nursery; no injuries.',
      oversightNote: 'Agreed with the MASH manager.',
    })
    expect(earlyHelp.statusCode).toBe(303)
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', younger).execute(),
    ).toHaveLength(0)

    // Both decision clocks, and the manager's authorisation clock, stopped at 14:15 when the
    // decision was authorised, before they were due: met.
    const stopped = await db()
      .selectFrom('task')
      .select(['clock_code', 'stopped_at', 'closed_by'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', 'in', [String(ccOlder), String(ccYounger)])
      .where('clock_code', 'not in', ['referrer-feedback', 'operation-encompass']) // started by the decision: frontdoor-clocks.test.ts
      .orderBy('clock_code')
      .orderBy('id')
      .execute()
    expect(stopped.map((x) => x.clock_code)).toEqual([
      'mash-authorisation',
      'mash-authorisation',
      'mash-decision',
      'mash-decision',
      'mash-decision-rag',
      'mash-decision-rag',
    ])
    for (const x of stopped) {
      expect(x.stopped_at?.toISOString()).toBe('2026-11-10T14:15:00.000Z')
      expect(x.closed_by).toBe('stop')
    }
    const again = await decide(contactId, ccOlder, {
      decision: 'no_further_action',
      decisionReason: 'x',
      oversightNote: 'y',
    })
    expect(again.statusCode).toBe(400) // already decided: nothing changes
  })

  it('records feedback to the referrer once', async () => {
    clock.set(TUESDAY)
    const { older } = await family('Polglase')
    const referral = await referredToAssessment(older, '2026-11-10T09:30:00Z')
    const ccid = referral.contact_child_id as number
    const { contact_id: contactId } = await db()
      .selectFrom('contact_child')
      .select('contact_id')
      .where('id', '=', ccid)
      .executeTakeFirstOrThrow()
    clock.set('2026-11-10T16:45:00Z')
    const b = await signedIn('screener')
    const page = `/contacts/${contactId}/children/${ccid}`
    const res = await b.post(
      `${page}/feedback`,
      { feedbackMethod: 'phone', feedbackNote: 'Told PC Example.' },
      page,
    )
    expect(res.statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact_child')
      .select(['feedback_at', 'feedback_method'])
      .where('id', '=', ccid)
      .executeTakeFirstOrThrow()
    expect([row.feedback_at?.toISOString(), row.feedback_method]).toEqual([
      '2026-11-10T16:45:00.000Z',
      'phone',
    ])
    const twice = await b.post(`${page}/feedback`, { feedbackMethod: 'email' }, page)
    expect(twice.statusCode).toBe(400)
  })

  it('lets the receiving team manager allocate, moving access and open tasks to the worker', async () => {
    clock.set(TUESDAY)
    const { older } = await family('Treloar')
    const referral = await referredToAssessment(older, '2026-11-10T09:30:00Z')
    const manager = await signedIn('team.manager')
    const queue = await manager.get('/referrals')
    expect(queue.body).toContain('Skye Treloar')
    const worker = await userId('social.worker')
    const none = await manager.post(`/referrals/${referral.id}/allocate`, {}, `/referrals/${referral.id}`)
    expect(none.statusCode).toBe(400)
    clock.set('2026-11-11T09:05:00Z')
    const res = await manager.post(
      `/referrals/${referral.id}/allocate`,
      { workerId: String(worker) },
      `/referrals/${referral.id}`,
    )
    expect(res.statusCode).toBe(303)
    const allocated = await db()
      .selectFrom('referral')
      .select(['status', 'worker_id', 'allocated_at'])
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow()
    expect(allocated).toEqual({
      status: 'allocated',
      worker_id: worker,
      allocated_at: new Date('2026-11-11T09:05:00Z'),
    })
    const grants = await db()
      .selectFrom('child_access')
      .select(['basis', 'user_id', 'team_id'])
      .where('child_id', '=', older)
      .where('revoked_at', 'is', null)
      .orderBy('basis')
      .execute()
    expect(grants).toEqual([
      { basis: 'allocated_team', user_id: null, team_id: await teamId('Assessment team') },
      { basis: 'allocated_worker', user_id: worker, team_id: null },
    ])
    const strategy = await db()
      .selectFrom('task')
      .select(['assigned_user_id', 'stopped_at'])
      .where('clock_code', '=', 'strategy-discussion-24h')
      .where('child_id', '=', older)
      .executeTakeFirstOrThrow()
    expect(strategy).toEqual({ assigned_user_id: worker, stopped_at: null })

    const sw = await signedIn('social.worker')
    const home = await sw.get('/')
    expect(home.body).toContain('Skye Treloar')
    const record = await sw.get(`/children/${older}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).toContain('Referral allocated to')
    expect(record.body).toContain('Decision: strategy discussion (and referral)')
  })

  /** Skye Carlyon's rows on a worklist: the child's record it links to, the task, and its due date. */
  const carlyonTasks = (body: string) =>
    [
      ...body.matchAll(
        /<tr class="govuk-table__row">\s*<td[^>]*><a class="govuk-link" href="\/children\/(\d+)">Skye Carlyon<\/a><\/td>\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([^<]+)<br>/g,
      ),
    ].map((m) => m.slice(1))

  it('puts the assessment visit on the allocated worker’s worklist, due 45 working days from the referral; reallocation moves it', async () => {
    // Referred on Christmas Eve, allocated after New Year. Counted by hand from Thursday
    // 24 December 2026: Christmas Day, the Boxing Day substitute (Monday 28th) and New Year's Day
    // are not working days, so the 45th working day is Tuesday 2 March 2027 (GMT). Counted from
    // the allocation on Monday 4 January it would be Monday 8 March.
    clock.set('2026-12-24T11:00:00Z')
    const { older } = await family('Carlyon')
    const referral = await referredToAssessment(older, '2026-12-24T09:30:00Z')
    expect(referral.referral_date).toBe('2026-12-24')
    const visitTasks = () =>
      db()
        .selectFrom('task')
        .select([
          'id',
          'title',
          'started_at',
          'due_at',
          'due_soon_at',
          'assigned_user_id',
          'assigned_team_id',
        ])
        .where('clock_code', '=', 'assessment-from-referral-45wd')
        .where('subject_type', '=', 'referral')
        .where('subject_id', '=', String(referral.id))
        .where('stopped_at', 'is', null)
        .execute()
    expect(await visitTasks()).toEqual([]) // not before a worker is named

    clock.set('2027-01-04T09:30:00Z')
    const manager = await signedIn('team.manager')
    const worker = await userId('social.worker')
    const res = await manager.post(
      `/referrals/${referral.id}/allocate`,
      { workerId: String(worker) },
      `/referrals/${referral.id}`,
    )
    expect(res.statusCode).toBe(303)
    const [task, ...others] = await visitTasks()
    expect(others).toEqual([])
    expect(task).toEqual({
      id: expect.any(Number),
      title: 'Visit the child and start the child and family assessment',
      started_at: new Date('2026-12-24T00:00:00.000Z'),
      due_at: new Date('2027-03-02T23:59:59.999Z'),
      due_soon_at: new Date('2027-02-24T00:00:00.000Z'),
      assigned_user_id: worker,
      assigned_team_id: await teamId('Assessment team'),
    })
    // The task was written with the allocation, and audited with it.
    const audits = await db()
      .selectFrom('audit_event')
      .select(['action', 'record_type', 'record_id', 'child_id'])
      .where('child_id', '=', older)
      .where('action', 'in', ['referral.allocate', 'task.create', 'task.reassign'])
      .orderBy('id')
      .execute()
    expect(audits).toEqual([
      {
        action: 'referral.allocate',
        record_type: 'referral',
        record_id: String(referral.id),
        child_id: older,
      },
      { action: 'task.create', record_type: 'task', record_id: String(task?.id), child_id: older },
    ])
    // The manager is told, once, on the referral page, which shows the concern and the next step.
    const confirmed = await manager.get(`/referrals/${referral.id}`)
    expect(confirmed.body).toContain(
      'Skye Carlyon’s referral allocated to Amara Lewis; their task: ‘Visit the child and start the child and family assessment’ due by 2 March 2027.',
    )
    expect(confirmed.body).toContain('Police attended a domestic incident at the home overnight')
    expect(confirmed.body).toContain('Significant harm likely: strategy discussion today.')
    expect(confirmed.body).toMatch(/Level 4: /)
    expect(confirmed.body).toContain('govuk-tag--red')
    expect(confirmed.body).toContain('due by 2 March 2027, on Amara Lewis’s worklist')
    expect((await manager.get(`/referrals/${referral.id}`)).body).not.toContain(
      'referral allocated to Amara Lewis',
    )

    // On the worker's home page, linked to the child's record, with its working days left.
    const sw = await signedIn('social.worker')
    const home = await sw.get('/')
    const rows = carlyonTasks(home.body)
    expect(rows).toContainEqual([
      String(older),
      'Visit the child and start the child and family assessment',
      '2 March 2027',
    ])

    // Reallocated by the service manager to a worker in another team: the task moves, its clock does not.
    clock.set('2027-01-11T10:00:00Z')
    const service = await signedIn('service.manager')
    const other = await userId('social.worker2')
    // The child has a social worker: the page asks why they are given another (SSDA903 SW_REASON),
    // and an answer is needed, with nothing changed until it is given.
    const asked = await service.get(`/referrals/${referral.id}`)
    expect(asked.body).toContain('Why is the child being given another social worker?')
    const unexplained = await service.post(
      `/referrals/${referral.id}/allocate`,
      { workerId: String(other) },
      `/referrals/${referral.id}`,
    )
    expect(unexplained.statusCode).toBe(400)
    expect(unexplained.body).toContain('Select why the child is being given another social worker')
    expect(await visitTasks()).toEqual([task])
    const again = await service.post(
      `/referrals/${referral.id}/allocate`,
      { workerId: String(other), swReason: 'MANAGE' },
      `/referrals/${referral.id}`,
    )
    expect(again.statusCode).toBe(303)
    // The child's social worker episodes: the new worker's with the reason. (Grants are stamped by
    // the database's clock, so the first worker's was given and ended today: no episode, SW09STG2.)
    const episodes = await db()
      .selectFrom('frontdoor_social_worker_episode_v')
      .select(['user_id', 'sw_id', 'sw_reason', 'sw_dec'])
      .where('child_id', '=', older)
      .orderBy('grant_id')
      .execute()
    expect(episodes.map((e) => [e.user_id, e.sw_id, e.sw_reason, e.sw_dec === null])).toEqual([
      [other, 'SW9000103', 'MANAGE', true],
    ])
    const allocated = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('child_id', '=', older)
      .where('action', '=', 'referral.allocate')
      .orderBy('id')
      .execute()
    expect(allocated.at(-1)?.detail).toMatchObject({ swReason: 'MANAGE' })
    const moved = await visitTasks()
    expect(moved).toEqual([
      {
        ...task,
        assigned_user_id: other,
        assigned_team_id: await teamId('Safeguarding team'),
      },
    ])
    const visit = [String(older), 'Visit the child and start the child and family assessment', '2 March 2027']
    expect(carlyonTasks((await sw.get('/')).body)).not.toContainEqual(visit)
    expect(carlyonTasks((await (await signedIn('social.worker2')).get('/')).body)).toContainEqual(visit)
    const reassigned = await db()
      .selectFrom('audit_event')
      .select(['action', 'record_id'])
      .where('child_id', '=', older)
      .where('action', '=', 'task.reassign')
      .execute()
    expect(reassigned).toEqual([{ action: 'task.reassign', record_id: String(task?.id) }])
  })

  it('sends a contact about a child with an open case to the allocated worker, not a new referral', async () => {
    clock.set(TUESDAY)
    const { older } = await family('Penrose')
    const referral = await referredToAssessment(older, '2026-11-10T09:00:00Z')
    const manager = await signedIn('team.manager')
    const allocated = await manager.post(
      `/referrals/${referral.id}/allocate`,
      { workerId: String(await userId('social.worker')) },
      `/referrals/${referral.id}`,
    )
    expect(allocated.statusCode).toBe(303)

    const { contactId: id, rows } = await recordContact([older], '2026-11-10T09:45:00Z')
    const row = rows[0]!
    expect(row.status).toBe('routed_to_allocated_worker')
    expect(row.routed_user_id).toBe(await userId('social.worker'))
    const task = await db()
      .selectFrom('task')
      .select(['assigned_user_id', 'due_at'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(row.id))
      .where('clock_code', '=', 'mash-decision')
      .executeTakeFirstOrThrow()
    expect(task).toEqual({
      assigned_user_id: await userId('social.worker'),
      due_at: new Date('2026-11-11T17:00:00.000Z'),
    })
    // The MASH still sees it (to rate new harm), marked as with the allocated worker.
    const mash = await (await signedIn('screener')).get('/mash')
    expect(mash.body).toContain(`/children/${row.id}"`)
    expect(mash.body).toContain('With allocated worker')

    const sw = await signedIn('social.worker')
    const page = `/contacts/${id}/children/${row.id}`
    const ack = await sw.post(
      `${page}/acknowledge`,
      { note: 'Will discuss at the home visit on Thursday.' },
      `/children/${older}`,
    )
    expect(ack.statusCode).toBe(303)
    const after = await db()
      .selectFrom('contact_child')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(after.decision).toBe('passed_to_allocated_worker')
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', older).execute(),
    ).toHaveLength(2) // the closed one from March and the open one: no new referral
  })
})

describe('who may use the front door', () => {
  it('refuses the MASH queue to a social worker and a partner, with an audit row', async () => {
    for (const username of ['social.worker', 'police', 'auditor']) {
      const b = await signedIn(username)
      const res = await b.get('/mash')
      expect(res.statusCode, username).toBe(403)
    }
  })

  it('refuses allocation to a manager of another team', async () => {
    clock.set(TUESDAY)
    const child = await person({ given: 'Ellis', family: 'Nantwich', dob: '2015-02-02' })
    const safeguarding = await teamId('Safeguarding team')
    const { id } = await db()
      .insertInto('referral')
      .values({
        child_id: child,
        referral_date: '2026-11-01',
        referral_source: '2A',
        re_referral: false,
        status: 'awaiting_allocation',
        team_id: safeguarding,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('child_access')
      .values({ child_id: child, team_id: safeguarding, basis: 'allocated_team' })
      .execute()
    const b = await signedIn('team.manager') // manages the Assessment team only
    const res = await b.get(`/referrals/${id}`)
    expect(res.statusCode).toBe(403)
    const denied = await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', child)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
  })
})

describe('closing a referral with no further action', () => {
  it('sets the DfE NFA flag, ends the allocation, and sends the next contact to the MASH', async () => {
    clock.set(TUESDAY)
    const child = await person({ given: 'Arlo', family: 'Penhallow', dob: '2013-07-07' })
    const assessment = await teamId('Assessment team')
    const { id } = await db()
      .insertInto('referral')
      .values({
        child_id: child,
        referral_date: '2026-11-02',
        referral_source: '3B',
        re_referral: false,
        status: 'awaiting_allocation',
        team_id: assessment,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('child_access')
      .values({ child_id: child, team_id: assessment, basis: 'allocated_team' })
      .execute()
    const manager = await signedIn('team.manager')
    const empty = await manager.post(`/referrals/${id}/close`, { reason: ' ' }, `/referrals/${id}`)
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Enter why no further action is needed')
    const closed = await manager.post(
      `/referrals/${id}/close`,
      { reason: 'Health visitor already supporting.' },
      `/referrals/${id}`,
    )
    expect(closed.statusCode).toBe(303)
    const row = await db().selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect([row.status, row.nfa, row.closed_at?.toISOString()]).toEqual([
      'closed',
      true,
      '2026-11-10T10:00:00.000Z',
    ])
    const live = await db()
      .selectFrom('child_access')
      .select('id')
      .where('child_id', '=', child)
      .where('revoked_at', 'is', null)
      .execute()
    expect(live).toHaveLength(0)

    const { rows } = await recordContact([child], '2026-11-10T09:30:00Z')
    expect(rows.map((r) => r.status)).toEqual(['in_triage'])
  })
})
