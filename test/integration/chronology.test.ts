/**
 * The multi-agency chronology through the pages, on a fixed clock (issue 15, its first part): a
 * health visitor and a school given access to a baby's record add what they know, each under their
 * own agency; the social worker records for a GP who phoned; the chronology merges every module's
 * events with the contributions, newest first, filtered by agency and type and printable; bad
 * answers save nothing; the injury and incident log raises the cumulative-harm warnings on the
 * chronology and the record, and a deleted entry stays, marked, and counts no more; who may add,
 * delete and read, and that each refusal is audited without the child's name.
 * Friday 18 December 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn } = f
let baby = 0

const injury = (day: string, month: string, extra: Record<string, string> = {}) => ({
  'occurred-day': day,
  'occurred-month': month,
  'occurred-year': '2026',
  source: 'Nia Barker, health visitor, at a home visit',
  basis: 'fact',
  significance: 'high',
  entryType: 'injury',
  whatHappened: 'A small bruise behind the left ear. Mother said he rolled into the cot bars.',
  bodyPart: 'Behind the left ear',
  childMobile: 'yes',
  ...extra,
})

async function entries(childId: number) {
  return db()
    .selectFrom('chronology_entry')
    .select(['id', 'agency_name', 'agency_id', 'entry_type', 'harm_kind', 'deleted_at', 'case_event_id'])
    .where('child_id', '=', childId)
    .orderBy('id')
    .execute()
}

async function auditRows(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
}

async function add(username: string, childId: number, answers: Record<string, string>) {
  const res = await (await signedIn(username)).post(`/children/${childId}/chronology/new`, answers)
  expect(res.statusCode, pageText(res.body)).toBe(303)
  return Number((await entries(childId)).at(-1)?.id)
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  // Born 1 August 2026: four and a half months old on the fixed day.
  baby = await f.child({ given: 'Alfie', family: 'Penhallow', dob: '2026-08-01' })
  await f.grant(baby, 'health.visitor', 'process_participant', { reason: 'Core group' })
  await f.grant(baby, 'school', 'process_participant', { reason: 'Core group' })
  // Events other modules recorded: a contact, and a move whose line names the address (people's
  // address lines are withheld from a reader who may not see a confidential address).
  const worker = await f.userId('social.worker')
  await db()
    .insertInto('case_event')
    .values(
      [
        ['contact', 'contact.received', '2026-09-01T09:00:00Z', 'Contact from Essex Police'],
        ['address', 'address.added', '2026-09-20T09:00:00Z', 'Moved to 9 Marsh Lane, Tilbury'],
      ].map(([subject, type, at, summary]) => ({
        child_id: baby,
        subject_type: subject as string,
        subject_id: '1',
        type: type as string,
        occurred_at: new Date(at as string),
        summary: summary as string,
        recorded_by: worker,
      })),
    )
    .execute()
}, 60_000)
afterAll(async () => t.close())

describe('contributions', () => {
  it('adds a health visitor’s injury under her agency, on the record’s chronology too', async () => {
    const id = await add('health.visitor', baby, injury('2', '10'))
    const [row] = await entries(baby)
    expect(row).toMatchObject({
      id,
      agency_name: 'Thurrock Health Visiting Service',
      entry_type: 'injury',
      harm_kind: 'injury',
    })
    const event = await db()
      .selectFrom('case_event')
      .select(['id', 'type', 'summary', 'occurred_at'])
      .where('subject_type', '=', 'chronology_entry')
      .where('subject_id', '=', String(id))
      .executeTakeFirstOrThrow()
    expect(event).toEqual({
      id: expect.any(Number),
      type: 'chronology.contribution',
      summary: 'Chronology entry from Thurrock Health Visiting Service: injury',
      occurred_at: new Date('2026-10-02T11:00:00Z'),
    })
    // The entry keeps the event it wrote: its line, counted without looking the event up.
    expect(row?.case_event_id).toBe(event.id)
    const audited = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'child_id', 'basis'])
      .where('action', '=', 'chronology.contribute')
      .where('child_id', '=', baby)
      .execute()
    expect(audited).toEqual([{ outcome: 'allowed', child_id: baby, basis: 'process_participant' }])
    const record = pageText((await (await signedIn('social.worker')).get(`/children/${baby}`)).body)
    expect(record).toContain('Chronology entry from Thurrock Health Visiting Service: injury')
  })

  it('lets staff record for a listed agency, and a partner only for their own', async () => {
    const sw = await signedIn('social.worker')
    const form = await sw.get(`/children/${baby}/chronology/new`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Little Thurrock Primary School')
    const school = await db()
      .selectFrom('agency')
      .select('id')
      .where('name', '=', 'Little Thurrock Primary School')
      .executeTakeFirstOrThrow()
    await add('social.worker', baby, {
      ...injury('20', '11'),
      agency: String(school.id),
      source: 'Class teacher, by phone',
      basis: 'reported',
      significance: 'medium',
      entryType: 'education',
      harmKind: 'none',
      whatHappened: 'Attendance 71% this term.',
    })
    // The school's practitioner is not asked, and cannot choose another agency.
    const own = await signedIn('school')
    expect(pageText((await own.get(`/children/${baby}/chronology/new`)).body)).toContain(
      'Little Thurrock Primary School',
    )
    const health = await db()
      .selectFrom('agency')
      .select('id')
      .where('name', '=', 'Thurrock Health Visiting Service')
      .executeTakeFirstOrThrow()
    await add('school', baby, {
      ...injury('4', '12'),
      agency: String(health.id),
      source: 'Daniel Hughes, DSL',
      entryType: 'was_not_brought',
      harmKind: '',
      whatHappened: 'Not brought to the school nurse’s hearing check.',
    })
    const rows = await entries(baby)
    expect(rows.slice(1).map((r) => [r.agency_name, r.agency_id === school.id, r.harm_kind])).toEqual([
      ['Little Thurrock Primary School', true, null],
      ['Little Thurrock Primary School', true, 'was_not_brought'],
    ])
  })

  it('shows bad answers again with an error summary and saves nothing', async () => {
    const before = (await entries(baby)).length
    const b = await signedIn('health.visitor')
    const res = await b.post(`/children/${baby}/chronology/new`, {
      'occurred-day': '31',
      'occurred-month': '11',
      'occurred-year': '2026',
      entryType: 'injury',
      source: 'Kept when shown again',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: ')
    expect(res.body).toContain('href="#occurred-day"')
    const text = pageText(res.body)
    expect(text).toContain('Date it happened must be a real date')
    expect(text).toContain('Enter where on the body the injury was')
    expect(text).toContain('Select whether the child was mobile')
    expect(res.body).toContain('Kept when shown again')
    expect(await entries(baby)).toHaveLength(before)
  })

  it('refuses those who do not work with children, and strangers, audited and without the child’s name', async () => {
    const before = (await entries(baby)).length
    const performance = await signedIn('performance')
    const refused = await performance.post(`/children/${baby}/chronology/new`, injury('1', '12'))
    expect(refused.statusCode).toBe(403)
    // A social worker with no link: 403; a partner with no grant: as if there were no such child.
    for (const [username, status] of [
      ['social.worker2', 403],
      ['police', 404],
    ] as const) {
      const b = await signedIn(username)
      for (const url of [`/children/${baby}/chronology`, `/children/${baby}/chronology/new`]) {
        const res = await b.get(url)
        expect(res.statusCode, `${username} ${url}`).toBe(status)
        expect(res.body).not.toContain('Penhallow')
        expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
          { action: 'child.view', outcome: 'denied', child_id: baby },
        ])
      }
    }
    expect(await entries(baby)).toHaveLength(before)
  })
})

describe('the chronology page', () => {
  it('merges every module’s events with the contributions, newest first, and is audited', async () => {
    const b = await signedIn('health.visitor')
    const res = await b.get(`/children/${baby}/chronology`)
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    const order = [
      'Little Thurrock Primary School: Was not brought',
      'Little Thurrock Primary School: Education',
      'Thurrock Health Visiting Service: Injury',
    ].map((s) => text.indexOf(s))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((x, y) => x - y)).toEqual(order)
    expect(text).toContain('Reported')
    expect(text).toContain('High significance')
    expect(text).toContain('Behind the left ear')
    // Other modules' events, as children's social care's, worded for the reader: the health
    // visitor may not see a confidential address, so she reads that the address changed.
    expect(text).toContain('Children’s social care: Contact from Essex Police')
    expect(text).toContain('Children’s social care: Change of address')
    expect(text).not.toContain('Marsh Lane')
    expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
      { action: 'chronology.view', outcome: 'allowed', child_id: baby },
    ])
  })

  it('filters by agency and type with a GET form, and prints without navigation or filters', async () => {
    const b = await signedIn('social.worker')
    const school = await b.get(
      `/children/${baby}/chronology?agency=Little+Thurrock+Primary+School&type=education`,
    )
    const text = pageText(school.body)
    expect(text).toContain('Showing 1 of')
    expect(text).toContain('Attendance 71% this term.')
    expect(text).not.toContain('hearing check')
    expect(school.body).toContain(
      'href="/children/' +
        baby +
        '/chronology?agency=Little+Thurrock+Primary+School&amp;type=education&amp;print=1"',
    )
    const printed = await b.get(`/children/${baby}/chronology?type=injury&print=1`)
    expect(printed.statusCode).toBe(200)
    expect(printed.body).not.toContain('data-testid="filter-form"')
    expect(printed.body).not.toContain('govuk-service-navigation')
    expect(pageText(printed.body)).toContain('Printed 18 December 2026. Only Injury.')
  })
})

describe('cumulative harm', () => {
  it('warns of an injury to a baby under 6 months, on the chronology and the record', async () => {
    const b = await signedIn('social.worker')
    const text = pageText((await b.get(`/children/${baby}/chronology`)).body)
    expect(text).toContain(
      'Cumulative harm: An injury to a baby under 6 months old or a child who is not mobile, the latest on 2 October 2026.',
    )
    expect(text).not.toContain('injuries within 12 weeks')
    const record = await b.get(`/children/${baby}`)
    expect(record.body).toContain('data-testid="chronology-panel"')
    expect(pageText(record.body)).toContain('An injury to a baby under 6 months old')
  })

  it('warns of three injuries within 12 weeks and two missed appointments within 6 months, and forgets a deleted one', async () => {
    await add('health.visitor', baby, injury('5', '11', { bodyPart: 'Right cheek' }))
    await add('health.visitor', baby, injury('10', '12', { bodyPart: 'Left ear again' }))
    await add('school', baby, {
      ...injury('16', '12'),
      entryType: 'was_not_brought',
      whatHappened: 'Not brought to the 6-month review.',
    })
    const sw = await signedIn('social.worker')
    const text = pageText((await sw.get(`/children/${baby}/chronology`)).body)
    expect(text).toContain('3 injuries within 12 weeks, between 2 October 2026 and 10 December 2026')
    expect(text).toContain(
      'Not brought to 2 appointments within 6 months, between 4 December 2026 and 16 December 2026',
    )

    // The health visitor deletes her latest injury (the wrong child): it stays, marked, and counts no more.
    const latest = (await entries(baby)).filter((e) => e.entry_type === 'injury').at(-1)
    const hv = await signedIn('health.visitor')
    const noReason = await hv.post(`/children/${baby}/chronology/${latest?.id}/delete`, { reason: '' })
    expect(noReason.statusCode).toBe(400)
    // The school may not delete the health visitor's entry.
    const other = pageText(
      (await (await signedIn('school')).get(`/children/${baby}/chronology/${latest?.id}/delete`)).body,
    )
    expect(other).toContain('Only the person who added an entry, or a manager of the case, can delete it.')
    const res = await hv.post(`/children/${baby}/chronology/${latest?.id}/delete`, {
      reason: 'Recorded on the wrong child',
    })
    expect(res.statusCode).toBe(303)
    const after = pageText((await sw.get(`/children/${baby}/chronology`)).body)
    expect(after).toContain('Recorded on the wrong child')
    expect(after).toContain('Deleted')
    expect(after).not.toContain('3 injuries within 12 weeks')
    // Deleted twice: refused, and audited.
    const again = await hv.post(`/children/${baby}/chronology/${latest?.id}/delete`, { reason: 'Again' })
    expect(pageText(again.body)).toContain('This entry has already been deleted.')
  })
})

describe('the demo authority', () => {
  it('has a family whose agencies’ entries raise the cumulative-harm warnings for its worker', async () => {
    const row = await db()
      .selectFrom('chronology_entry as e')
      .innerJoin('child_access as a', 'a.child_id', 'e.child_id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['e.child_id', 'u.username'])
      .where('e.child_id', '<>', baby)
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    const text = pageText((await (await signedIn(row.username)).get(`/children/${row.child_id}`)).body)
    expect(text).toContain('3 injuries within 12 weeks')
    expect(text).toContain('Not brought to 2 appointments within 6 months')
    const partner = await (await signedIn('health.visitor')).get(`/children/${row.child_id}/chronology`)
    expect(pageText(partner.body)).toContain('Little Thurrock Primary School: Injury')
  })
})
