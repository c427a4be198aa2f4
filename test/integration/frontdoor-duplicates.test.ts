/**
 * Duplicate contacts (issue 12), on PGlite and (with DATABASE_URL) PostgreSQL: a school's contact
 * about a child the police already reported is linked to the police contact, leaves the MASH
 * queue, and is decided with it in the same transaction; who may link, what may be linked, and
 * unlinking with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { contactReference } from '../../src/modules/frontdoor/model.js'
import { frontdoorActions } from '../support/frontdoor.js'
import { openTestApp, pageText, type TestApp } from '../support/web.js'

/** A Tuesday morning in November (GMT, so London time reads as UTC). */
const TUESDAY = '2026-11-10T10:00:00Z'
const clock = fixedClock(TUESDAY)

let t: TestApp
const { db, signedIn, person, recordContact, triagePage, rate, decide } = frontdoorActions(() => t)

beforeAll(async () => {
  t = await openTestApp({ clock })
})
afterAll(async () => t.close())

const SCHOOL = {
  source: '2A',
  referrer: 'Sam Ward',
  role: 'Designated safeguarding lead',
  reason: 'Child told her teacher about shouting at home last night.',
}

/** A police contact and then a school contact about the same child, both in triage. */
async function twoContacts(given: string) {
  const child = await person({ given, family: 'Ashby', dob: '2015-06-06' })
  const police = await recordContact([child], '2026-11-10T08:00:00Z')
  const school = await recordContact([child], '2026-11-10T09:30:00Z', SCHOOL)
  return {
    child,
    police: { id: police.contactId, cc: police.cc[0]! },
    school: { id: school.contactId, cc: school.cc[0]! },
  }
}

async function link(
  from: { id: number; cc: number },
  to: number,
  reason = 'Same incident reported by the school.',
) {
  const page = triagePage(from.id, from.cc)
  return (await signedIn('screener')).post(
    `${page}/duplicate/link`,
    { linkedToId: String(to), linkReason: reason },
    page,
  )
}

describe('linking a duplicate contact', () => {
  it('offers the open police contact at the school contact’s triage, links it, and takes it out of the queue', async () => {
    clock.set(TUESDAY)
    const { police, school } = await twoContacts('Lily')
    const screener = await signedIn('screener')
    const before = await screener.get(triagePage(school.id, school.cc))
    expect(pageText(before.body)).toContain(
      `Contact ${contactReference(police.id)} from Police, received 10 November 2026 at 8:00am`,
    )
    expect(before.body).toContain('data-testid="link-form"')

    expect((await link(school, police.cc)).statusCode).toBe(303)
    const rows = await db()
      .selectFrom('contact_child_link')
      .selectAll()
      .where('contact_child_id', '=', school.cc)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      linked_to_id: police.cc,
      reason: 'Same incident reported by the school.',
      unlinked_at: null,
    })
    expect(rows[0]?.linked_at.toISOString()).toBe('2026-11-10T10:00:00.000Z')

    const linked = pageText((await screener.get(triagePage(school.id, school.cc))).body)
    expect(linked).toContain(`Linked to contact ${contactReference(police.id)} — decided with it`)
    const first = pageText((await screener.get(triagePage(police.id, police.cc))).body)
    expect(first).toContain(`Contact ${contactReference(school.id)} , linked by Priya Shah`)
    const queue = await screener.get('/mash?sort=received')
    expect(queue.body).not.toContain(`/children/${school.cc}"`)
    expect(queue.body).toContain(`/children/${police.cc}"`)
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'contact.link')
      .where('record_id', '=', String(rows[0]?.id))
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('refuses a link to another child’s contact, without a reason, twice, or by a social worker', async () => {
    clock.set(TUESDAY)
    const { police, school } = await twoContacts('Poppy')
    const other = await person({ given: 'Theo', family: 'Brook', dob: '2014-01-01' })
    const theirs = await recordContact([other], '2026-11-10T08:30:00Z')

    const wrongChild = await link(school, theirs.cc[0]!)
    expect(wrongChild.statusCode).toBe(400)
    expect(pageText(wrongChild.body)).toContain('Only a contact about the same child can be linked')
    const page = triagePage(school.id, school.cc)
    const noReason = await (
      await signedIn('screener')
    ).post(`${page}/duplicate/link`, { linkedToId: String(police.cc) }, page)
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('Error: Enter why this contact is a duplicate of the other')
    const sw = await (
      await signedIn('social.worker')
    ).post(`${page}/duplicate/link`, { linkedToId: String(police.cc), linkReason: 'x' }, '/')
    expect(sw.statusCode).toBe(403)
    expect(
      await db()
        .selectFrom('contact_child_link')
        .selectAll()
        .where('contact_child_id', '=', school.cc)
        .execute(),
    ).toEqual([])

    expect((await link(school, police.cc)).statusCode).toBe(303)
    // The police contact cannot now be linked on to the school's (no chains, no loops).
    const loop = await link(police, school.cc)
    expect(loop.statusCode).toBe(400)
  })
})

describe('one decision for both', () => {
  it('decides the linked contact with the first, in the same transaction, opening one referral', async () => {
    clock.set(TUESDAY)
    const { child, police, school } = await twoContacts('Isla')
    expect((await link(school, police.cc)).statusCode).toBe(303)
    // The linked contact is not decided on its own, even when rated.
    await rate(school.id, school.cc)
    const own = await decide(school.id, school.cc, { decision: 'early_help', oversightNote: 'Early help.' })
    expect(own.statusCode).toBe(400)
    expect(pageText(own.body)).toContain(
      `is linked to contact ${contactReference(police.id)} and is decided with it`,
    )
    expect(
      await db()
        .selectFrom('contact_child')
        .select('status')
        .where('id', '=', school.cc)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'in_triage' })

    await rate(police.id, police.cc, 'red', '4')
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Assessment team')
      .executeTakeFirstOrThrow()
    const res = await decide(police.id, police.cc, {
      decision: 'strategy_discussion',
      teamId: String(team.id),
      oversightNote: 'Both reports describe the same incident: strategy discussion today.',
    })
    expect(res.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('contact_child')
      .select(['id', 'status', 'decision', 'decision_reason', 'decided_at'])
      .where('id', 'in', [police.cc, school.cc])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      {
        id: police.cc,
        status: 'decided',
        decision: 'strategy_discussion',
        decision_reason: null,
        decided_at: new Date(TUESDAY),
      },
      {
        id: school.cc,
        status: 'decided',
        decision: 'strategy_discussion',
        decision_reason: `Decided with contact ${contactReference(police.id)}`,
        decided_at: new Date(TUESDAY),
      },
    ])
    const referrals = await db()
      .selectFrom('referral')
      .select('contact_child_id')
      .where('child_id', '=', child)
      .execute()
    expect(referrals).toEqual([{ contact_child_id: police.cc }])
    const clocks = await db()
      .selectFrom('task')
      .select(['subject_id', 'stopped_at'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(school.cc))
      .where('clock_code', '=', 'mash-decision')
      .execute()
    expect(clocks).toEqual([{ subject_id: String(school.cc), stopped_at: new Date(TUESDAY) }])
    const text = pageText((await (await signedIn('screener')).get(triagePage(school.id, school.cc))).body)
    expect(text).toContain('Strategy discussion (and referral)')
  })

  it('unlinks with a reason, putting the contact back in the queue for its own decision', async () => {
    clock.set(TUESDAY)
    const { police, school } = await twoContacts('Evie')
    expect((await link(school, police.cc)).statusCode).toBe(303)
    const page = triagePage(school.id, school.cc)
    const screener = await signedIn('screener')
    const noReason = await screener.post(`${page}/duplicate/unlink`, {}, page)
    expect(noReason.statusCode).toBe(400)
    clock.set('2026-11-10T11:00:00Z')
    const res = await screener.post(
      `${page}/duplicate/unlink`,
      { unlinkReason: 'A separate incident at school.' },
      page,
    )
    expect(res.statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact_child_link')
      .selectAll()
      .where('contact_child_id', '=', school.cc)
      .executeTakeFirstOrThrow()
    expect(row.unlinked_reason).toBe('A separate incident at school.')
    expect(row.unlinked_at?.toISOString()).toBe('2026-11-10T11:00:00.000Z')
    expect((await screener.get('/mash?sort=received')).body).toContain(`/children/${school.cc}"`)
    // Deciding the police contact now leaves the school's alone.
    await rate(police.id, police.cc, 'green', '2')
    expect(
      (await decide(police.id, police.cc, { decision: 'early_help', oversightNote: 'Early help offered.' }))
        .statusCode,
    ).toBe(303)
    expect(
      await db()
        .selectFrom('contact_child')
        .select('status')
        .where('id', '=', school.cc)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'in_triage' })
  })
})
