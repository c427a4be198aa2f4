/**
 * The household at triage (issue 12), on PGlite and (with DATABASE_URL) PostgreSQL: children on
 * the same contact and people at the same address count as household for history until the
 * screener says otherwise; the household's children not on the contact are listed with their open
 * contacts and clocks, and can be added; a former partner is shown as ended; labels not codes; a
 * contact for the allocated worker is listed and linked on the child's record, its form shown only
 * to those who may use it; the chronology credits the referrer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { frontdoorActions } from '../support/frontdoor.js'
import { openTestApp, pageText, type TestApp } from '../support/web.js'

/** A Tuesday morning in November (GMT, so London time reads as UTC). */
const TUESDAY = '2026-11-10T10:00:00Z'
const clock = fixedClock(TUESDAY)

let t: TestApp
const fd = frontdoorActions(() => t)
const { db, signedIn, person, livesAt, recordContact, triagePage, rate, decide } = fd

beforeAll(async () => {
  t = await openTestApp({ clock })
})
afterAll(async () => t.close())

/** A section 47 enquiry last month, as the protection module records it. */
async function s47(childId: number) {
  await db()
    .insertInto('case_event')
    .values({
      child_id: childId,
      subject_type: 's47',
      subject_id: `s47-${childId}`,
      type: 's47.started',
      occurred_at: new Date('2026-10-14T10:00:00Z'),
      summary: 'Section 47 enquiry started',
    })
    .execute()
}

describe('the household at triage', () => {
  it('counts a child on the same contact as household: Leo sees Ava’s section 47 enquiry', async () => {
    clock.set(TUESDAY)
    const ava = await person({ given: 'Ava', family: 'Fenwick', dob: '2015-04-01' })
    const leo = await person({ given: 'Leo', family: 'Fenwick', dob: '2018-07-12' })
    await s47(ava)
    const { contactId, cc } = await recordContact([ava, leo], '2026-11-10T09:00:00Z')
    const page = await (await signedIn('screener')).get(triagePage(contactId, cc[1]!))
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).not.toContain('No earlier involvement')
    expect(text).toContain('Ava Fenwick (on this contact)')
    expect(text).toMatch(/Ava Fenwick 14 October 2026 Section 47 enquiry started/)
    // Ava is on this contact already: nothing to add.
    expect(page.body).not.toContain('data-testid="household-children"')
    // Opening Ava's history for Leo's triage is audited, with the basis that opened it.
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'child_id'])
      .where('action', '=', 'contact.triage.view')
      .where('child_id', '=', ava)
      .where('record_id', '=', String(cc[1]))
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  it('lists a child at the same address with their open contact and clock, and adds them to the contact', async () => {
    clock.set(TUESDAY)
    const ivy = await person({ given: 'Ivy', family: 'Marsh', dob: '2017-02-03' })
    const mia = await person({ given: 'Mia', family: 'Dunne', dob: '2019-05-06' })
    await livesAt(ivy, 'RM17 6AB')
    await livesAt(mia, 'rm17 6ab')
    const earlier = await recordContact([mia], '2026-11-09T15:00:00Z', {
      source: '2A',
      referrer: 'Sam Ward',
      role: 'Designated safeguarding lead',
      reason: 'Mia came to school with bruising to her arm. She said she fell.',
    })
    const { contactId, cc } = await recordContact([ivy], '2026-11-10T09:00:00Z')
    const screener = await signedIn('screener')
    const page = await screener.get(triagePage(contactId, cc[0]!))
    const listed = pageText(page.body.slice(page.body.indexOf('data-testid="household-children"')))
    expect(listed).toMatch(/Mia Dunne ?, born 6 May 2019/)
    expect(listed).toContain(`Contact C-${String(earlier.contactId).padStart(6, '0')} from Schools`)
    // Received Monday 3pm: the one-working-day decision clock is due at Tuesday's close of business.
    expect(listed).toContain('decision due 10 November 2026 at 5:00pm')
    expect(pageText(page.body)).toContain('Mia Dunne (same address)')
    // The earlier contact's concern is beside it in the history, its outcome in words.
    expect(pageText(page.body)).toMatch(/Mia came to school with bruising to her arm\. In triage/)

    // A social worker may not add a child to a contact.
    const sw = await signedIn('social.worker')
    const refused = await sw.post(
      `${triagePage(contactId, cc[0]!)}/household/add`,
      { childId: String(mia) },
      '/',
    )
    expect(refused.statusCode).toBe(403)

    const added = await screener.post(
      `${triagePage(contactId, cc[0]!)}/household/add`,
      { childId: String(mia) },
      triagePage(contactId, cc[0]!),
    )
    expect(added.statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact_child')
      .select(['id', 'status'])
      .where('contact_id', '=', contactId)
      .where('child_id', '=', mia)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('in_triage')
    // Its clock runs from when this contact was received (Tuesday 9am): end of Wednesday.
    const task = await db()
      .selectFrom('task')
      .select('due_at')
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(row.id))
      .where('clock_code', '=', 'mash-decision')
      .executeTakeFirstOrThrow()
    expect(task.due_at.toISOString()).toBe('2026-11-11T17:00:00.000Z')
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'contact.household.add')
      .where('child_id', '=', mia)
      .execute()
    expect(audit).toHaveLength(1)
    // Adding her twice is refused, with the page's error.
    const again = await screener.post(
      `${triagePage(contactId, cc[0]!)}/household/add`,
      { childId: String(mia) },
      triagePage(contactId, cc[0]!),
    )
    expect(again.statusCode).toBe(400)
    expect(pageText(again.body)).toContain('already on this contact')
  })

  it('lets the screener say someone at the address is not of this household, with a reason', async () => {
    clock.set(TUESDAY)
    const noah = await person({ given: 'Noah', family: 'Price', dob: '2016-08-09' })
    const lodger = await person({ given: 'Karl', family: 'Stone', dob: '1980-01-01', kind: 'adult' })
    await livesAt(noah, 'SS1 2CD')
    await livesAt(lodger, 'SS1 2CD')
    await s47(lodger)
    const { contactId, cc } = await recordContact([noah], '2026-11-10T09:00:00Z')
    const page = triagePage(contactId, cc[0]!)
    const screener = await signedIn('screener')
    expect(pageText((await screener.get(page)).body)).toContain('Karl Stone 14 October 2026 Section 47')

    const noReason = await screener.post(`${page}/household/exclude`, { personId: String(lodger) }, page)
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('Error: Enter why they are not of this household')
    expect(
      await db().selectFrom('household_exclusion').selectAll().where('child_id', '=', noah).execute(),
    ).toEqual([])

    const marked = await screener.post(
      `${page}/household/exclude`,
      {
        personId: String(lodger),
        excludeReason: 'Flat 2 is a separate household; the address is shared by two flats.',
      },
      page,
    )
    expect(marked.statusCode).toBe(303)
    const text = pageText((await screener.get(page)).body)
    expect(text).not.toContain('Karl Stone')
    expect(text).toContain('No earlier involvement')
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'contact.household.exclude')
      .where('child_id', '=', noah)
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('shows a former partner in the household history, marked as ended', async () => {
    clock.set(TUESDAY)
    const zara = await person({ given: 'Zara', family: 'Holt', dob: '2014-03-03' })
    const former = await person({ given: 'Craig', family: 'Bell', dob: '1985-05-05', kind: 'adult' })
    await db()
      .insertInto('person_relationship')
      .values({
        person_id: former,
        related_person_id: zara,
        relationship_type: 'step_parent',
        household_member: true,
        from_date: '2020-01-01',
        to_date: '2026-06-30',
      })
      .execute()
    await s47(former)
    const { contactId, cc } = await recordContact([zara], '2026-11-10T09:00:00Z')
    const text = pageText((await (await signedIn('screener')).get(triagePage(contactId, cc[0]!))).body)
    expect(text).toContain('Craig Bell (step-parent, relationship ended)')
    expect(text).toContain('Craig Bell (relationship ended) 14 October 2026 Section 47 enquiry started')
  })
})

describe('a contact about a child with an open case', () => {
  it('is listed and linked on the child’s record; its form is shown only to the allocated worker; labels, not codes', async () => {
    clock.set(TUESDAY)
    const ella = await person({ given: 'Ella', family: 'Quinn', dob: '2016-01-01' })
    // Ella's case is open: a strategy discussion opened a referral, allocated to the social worker.
    const first = await recordContact([ella], '2026-11-09T09:00:00Z')
    await rate(first.contactId, first.cc[0]!, 'red', '4')
    const team = await db()
      .selectFrom('team')
      .select('id')
      .where('name', '=', 'Assessment team')
      .executeTakeFirstOrThrow()
    expect(
      (
        await decide(first.contactId, first.cc[0]!, {
          decision: 'strategy_discussion',
          teamId: String(team.id),
          oversightNote: 'Significant harm likely.',
        })
      ).statusCode,
    ).toBe(303)
    const referral = await db()
      .selectFrom('referral')
      .select('id')
      .where('child_id', '=', ella)
      .executeTakeFirstOrThrow()
    const worker = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    const manager = await signedIn('team.manager')
    expect(
      (
        await manager.post(
          `/referrals/${referral.id}/allocate`,
          { workerId: String(worker.id) },
          `/referrals/${referral.id}`,
        )
      ).statusCode,
    ).toBe(303)

    const { contactId, cc } = await recordContact([ella], '2026-11-10T09:00:00Z', { referrer: 'PC Jo Reed' })
    const page = triagePage(contactId, cc[0]!)
    // The child's record lists the contact and links to where it is taken into the case.
    const record = await (await signedIn('social.worker')).get(`/children/${ella}`)
    const involvements = record.body.slice(record.body.indexOf('data-testid="involvements"'))
    expect(involvements).toContain(`href="${page}"`)
    expect(pageText(involvements)).toContain('Contact for the allocated worker to take into the case')
    // The chronology credits the referrer; the byline says who recorded it.
    expect(pageText(record.body)).toContain(
      'Contact received from police, made by PC Jo Reed (Response officer): passed to the allocated worker',
    )
    expect(pageText(record.body)).toContain('Recorded by Priya Shah')

    // The screener sees the contact but not a form that would be refused.
    const screenerView = await (await signedIn('screener')).get(page)
    expect(screenerView.body).not.toContain('data-testid="acknowledge-form"')
    expect(pageText(screenerView.body)).toContain('The allocated worker takes it into the case')
    const sw = await signedIn('social.worker')
    // The worker's "Decision on contact" task links to the page where it is done.
    const home = await sw.get('/')
    expect(home.body).toContain(`href="/contacts/children/${cc[0]}"`)
    const followed = await sw.get(`/contacts/children/${cc[0]}`)
    expect(followed.statusCode).toBe(303)
    expect(followed.headers.location).toBe(page)
    expect((await sw.get(page)).body).toContain('data-testid="acknowledge-form"')
    expect(
      (await sw.post(`${page}/acknowledge`, { note: 'Seen at Thursday’s visit.' }, page)).statusCode,
    ).toBe(303)

    const contactPage = await (await signedIn('screener')).get(`/contacts/${contactId}`)
    expect(contactPage.body).not.toContain('passed_to_allocated_worker')
    expect(pageText(contactPage.body)).toContain('Taken into the open case by the allocated worker')

    // In a sibling's history the outcome is in words, never the stored code.
    const sibling = await person({ given: 'Finn', family: 'Quinn', dob: '2018-01-01' })
    await db()
      .insertInto('person_relationship')
      .values({
        person_id: ella,
        related_person_id: sibling,
        relationship_type: 'sibling',
        household_member: true,
      })
      .execute()
    const later = await recordContact([sibling], '2026-11-10T09:30:00Z')
    const history = await (await signedIn('screener')).get(triagePage(later.contactId, later.cc[0]!))
    expect(history.body).not.toMatch(
      /passed_to_allocated_worker|awaiting_allocation|routed_to_allocated_worker/,
    )
    expect(pageText(history.body)).toContain('Taken into the open case by the allocated worker')
  })
})
