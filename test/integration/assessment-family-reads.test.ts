/**
 * Reads of a child's relatives for the child's assessment work are audited and go by the
 * permission rules (issue 14; SEC-07). The prior involvement page and the pre-birth prompt read
 * other people's records: each read writes an `assessment.relative_history` row on the relative's
 * own trail, naming whose record it was read for, by whom and where. A restricted sister the
 * reader may not open is never read: the prior involvement page says only that a restricted record
 * is there, the prompt says nothing of her, and a denied row records that she was left out. A
 * manager with a grant to her record sees her history; a partner agency's practitioner, who may
 * open the child for a conference, sees nothing of the family's. Fixed clock: 2 March 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { openCaseWith } from '../support/frontdoor.js'
import { pageText, openTestApp, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-03-02T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let leo = 0
let zara = 0
let mother = 0
let baby = 0
let assessmentId = 0

async function restrict(personId: number) {
  await db()
    .insertInto('person_restriction')
    .values({
      person_id: personId,
      category: 'high_risk',
      reason: 'Risk to the child if her whereabouts became known.',
      authorised_by: await f.userId('service.manager'),
      authorised_at: new Date('2026-02-20T10:00:00Z'),
      review_due: '2026-05-01',
    })
    .execute()
}

async function referralOn(childId: number, date: string) {
  await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: date,
      referral_source: '6',
      re_referral: false,
      nfa: true,
      status: 'closed',
      closed_at: new Date(`${date}T16:00:00Z`),
    })
    .execute()
}

/** The relative-history rows one request wrote, in order. */
async function relativeReads(requestId: string) {
  const rows = await db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id', 'record_id', 'basis', 'username', 'detail'])
    .where('request_id', '=', requestId)
    .where('action', '=', 'assessment.relative_history')
    .orderBy('id')
    .execute()
  return rows.map((r) => {
    const detail = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>
    return {
      outcome: r.outcome,
      child: r.child_id,
      onRecordOf: Number(r.record_id),
      basis: r.basis,
      by: r.username,
      panel: detail.panel,
      relation: detail.relation,
    }
  })
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  // Ava, Leo and Zara share a mother; Ava's case is the worker's, Leo's and Zara's nobody's.
  const fam = await f.family(
    'Marsh',
    [
      { given: 'Ava', dob: '2016-05-01' },
      { given: 'Leo', dob: '2019-09-12' },
      { given: 'Zara', dob: '2014-01-20' },
    ],
    { caseWith: null },
  )
  ;[ava, leo, zara] = fam.children
  mother = fam.parent
  await restrict(zara)
  await referralOn(leo, '2025-03-10')
  await referralOn(zara, '2024-06-01')
  // An unborn baby of the same mother.
  const b = await db()
    .insertInto('person')
    .values({ kind: 'unborn', given_name: 'Baby', family_name: 'Marsh', expected_birth_date: '2026-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  baby = b.id
  await db()
    .insertInto('person_relationship')
    .values({
      person_id: mother,
      related_person_id: baby,
      relationship_type: 'mother',
      household_member: true,
    })
    .execute()
  await openCaseWith(db(), ava)
  await openCaseWith(db(), baby)
  const referralId = await f.referral(ava, '2026-02-23')
  const w = await f.userId('social.worker')
  const row = await db()
    .insertInto('assessment')
    .values({
      child_id: ava,
      referral_id: referralId,
      started_on: '2026-02-24',
      started_by: w,
      started_at: new Date('2026-02-24T10:00:00Z'),
      updated_by: w,
      updated_at: new Date('2026-02-24T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  assessmentId = row.id
}, 60_000)
afterAll(async () => t.close())

describe('the prior involvement page', () => {
  const url = () => `/children/${ava}/assessments/${assessmentId}/prior-involvement`

  it('shows the family’s history as the rules allow, and audits each relative read on their own trail', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.get(url())
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    // Leo's history is read (the family's, for Ava's assessment) though the worker may not open his record.
    expect(text).toContain('Leo Marsh')
    expect(text).toContain('Referral 10 March 2025, no further action, closed')
    expect(res.body).not.toContain(`/children/${leo}`)
    // Zara's record is restricted: that it is there and how related, nothing else.
    expect(text).toContain('Restricted record')
    expect(text).toContain('This record is restricted: its history is not shown here.')
    expect(text).not.toContain('Zara')
    expect(text).not.toContain('1 June 2024')
    expect(res.body).not.toContain(`history-${zara}`)
    expect(await relativeReads(res.headers['x-request-id'] as string)).toEqual([
      {
        outcome: 'allowed',
        child: mother,
        onRecordOf: ava,
        basis: 'family_history',
        by: 'social.worker',
        panel: 'prior_involvement',
        relation: 'Mother',
      },
      {
        outcome: 'allowed',
        child: leo,
        onRecordOf: ava,
        basis: 'family_history',
        by: 'social.worker',
        panel: 'prior_involvement',
        relation: 'Brother or sister (a parent or carer in common)',
      },
      {
        outcome: 'denied',
        child: zara,
        onRecordOf: ava,
        basis: null,
        by: 'social.worker',
        panel: 'prior_involvement',
        relation: 'Brother or sister (a parent or carer in common)',
      },
      {
        outcome: 'allowed',
        child: baby,
        onRecordOf: ava,
        basis: 'allocated_worker',
        by: 'social.worker',
        panel: 'prior_involvement',
        relation: 'Brother or sister (a parent or carer in common)',
      },
    ])
  })

  it('shows a restricted sister’s history to a manager with a grant to her record', async () => {
    await f.grant(zara, 'team.manager', 'restriction_grant', {
      expiresAt: new Date('2026-04-01T00:00:00Z'),
      reason: 'Overseeing the family’s assessment.',
    })
    const b = await f.signedIn('team.manager')
    const res = await b.get(url())
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain('Zara Marsh')
    expect(text).toContain('Referral 1 June 2024, no further action, closed')
    expect(text).not.toContain('Restricted record')
    const zaras = (await relativeReads(res.headers['x-request-id'] as string)).filter((r) => r.child === zara)
    expect(zaras).toEqual([
      {
        outcome: 'allowed',
        child: zara,
        onRecordOf: ava,
        basis: 'restriction_grant',
        by: 'team.manager',
        panel: 'prior_involvement',
        relation: 'Brother or sister (a parent or carer in common)',
      },
    ])
  })

  it('shows a partner agency’s practitioner nothing of the family, not even that a restricted record is there', async () => {
    await f.grant(ava, 'police', 'process_participant', { reason: 'ICPC' })
    const b = await f.signedIn('police')
    const res = await b.get(url())
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain('The child')
    for (const hidden of ['Leo', 'Zara', 'Sophie', 'Restricted record', '10 March 2025', '1 June 2024'])
      expect(text).not.toContain(hidden)
    const reads = await relativeReads(res.headers['x-request-id'] as string)
    expect(reads.map((r) => [r.child, r.outcome])).toEqual([
      [mother, 'denied'],
      [leo, 'denied'],
      [zara, 'denied'],
      [baby, 'denied'],
    ])
  })
})

describe('the pre-birth prompt', () => {
  it('lists the family’s history without the restricted sister, audited relative by relative', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.get(`/children/${baby}`)
    expect(res.statusCode).toBe(200)
    const prompt = pageText(/data-testid="prebirth-history">(.*?)<\/ul>/s.exec(res.body)?.[1] ?? '')
    expect(prompt).toContain('Leo Marsh (brother or sister): Referral (no further action), 10 March 2025')
    expect(prompt).toContain('Ava Marsh (brother or sister): Referral , 23 February 2026')
    expect(res.body).not.toContain('Zara')
    expect(res.body).not.toContain('1 June 2024')
    const reads = await relativeReads(res.headers['x-request-id'] as string)
    expect(reads.filter((r) => r.panel === 'prebirth_prompt')).toEqual([
      {
        outcome: 'allowed',
        child: mother,
        onRecordOf: baby,
        basis: 'family_history',
        by: 'social.worker',
        panel: 'prebirth_prompt',
        relation: 'parent',
      },
      {
        outcome: 'allowed',
        child: ava,
        onRecordOf: baby,
        basis: 'allocated_worker',
        by: 'social.worker',
        panel: 'prebirth_prompt',
        relation: 'sibling',
      },
      {
        outcome: 'allowed',
        child: leo,
        onRecordOf: baby,
        basis: 'family_history',
        by: 'social.worker',
        panel: 'prebirth_prompt',
        relation: 'sibling',
      },
      {
        outcome: 'denied',
        child: zara,
        onRecordOf: baby,
        basis: null,
        by: 'social.worker',
        panel: 'prebirth_prompt',
        relation: 'sibling',
      },
    ])
  })

  it('includes the restricted sister, linked, for the manager with a grant to her record', async () => {
    const b = await f.signedIn('team.manager')
    const res = await b.get(`/children/${baby}`)
    expect(res.statusCode).toBe(200)
    const prompt = pageText(/data-testid="prebirth-history">(.*?)<\/ul>/s.exec(res.body)?.[1] ?? '')
    expect(prompt).toContain('Zara Marsh (brother or sister): Referral (no further action) , 1 June 2024')
    expect(res.body).toContain('href="/referrals/')
    const reads = await relativeReads(res.headers['x-request-id'] as string)
    expect(reads.filter((r) => r.child === zara).map((r) => [r.outcome, r.basis, r.panel])).toEqual([
      ['allowed', 'restriction_grant', 'prebirth_prompt'],
    ])
  })
})

describe('the visit measures’ household', () => {
  it('audits the brothers and sisters whose visits the assessment page shows', async () => {
    const b = await f.signedIn('social.worker')
    const res = await b.get(`/children/${ava}/assessments/${assessmentId}`)
    expect(res.statusCode).toBe(200)
    expect(pageText(res.body)).toContain('Restricted record: not shown')
    const reads = await relativeReads(res.headers['x-request-id'] as string)
    expect(reads.map((r) => [r.child, r.outcome, r.basis, r.panel])).toEqual([
      [zara, 'denied', null, 'visit_measures'],
      [leo, 'allowed', 'family_history', 'visit_measures'],
    ])
  })
})
