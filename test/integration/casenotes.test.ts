/**
 * Case notes and management oversight through the pages, on a fixed clock (issue 14): a note on a
 * child and, where chosen, their brother; bad answers saving nothing; amendments keeping every
 * earlier version; a soft delete with its reason; who is refused (and that the refusal is
 * audited); and the next oversight on the manager's worklist with a due date worked out by hand.
 * Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { AVA, caseworkFactory, LEO } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
let ava = 0
let leo = 0

const visit = {
  noteType: 'home_visit',
  'contact-day': '17',
  'contact-month': '12',
  'contact-year': '2026',
  'contact-time': '15:45',
  whoSeen: 'Ava, Leo and their mother',
  body: 'Ava showed me her bedroom and talked about school.',
}

async function notesOn(childId: number) {
  return db()
    .selectFrom('case_note_child')
    .select('case_note_id')
    .where('child_id', '=', childId)
    .orderBy('case_note_id')
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

async function recordVisit(childId: number, extra: Record<string, string> = {}, username = 'social.worker') {
  const b = await signedIn(username)
  const res = await b.postMany(
    `/children/${childId}/case-notes/new`,
    Object.entries({ ...visit, [`seen-${childId}`]: 'seen_alone', ...extra }),
  )
  expect(res.statusCode, res.body).toBe(303)
  const [last] = (await notesOn(childId)).slice(-1)
  return Number(last?.case_note_id)
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  ;({
    children: [ava, leo],
  } = await f.family('Holloway', [AVA, LEO]))
}, 60_000)
afterAll(async () => t.close())

describe('case notes', () => {
  it('records a home visit on a child and their brother, each record showing it and how each child was seen', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/children/${ava}/case-notes/new`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Leo Holloway')
    const res = await b.postMany(`/children/${ava}/case-notes/new`, [
      ...Object.entries(visit),
      ['siblings', String(leo)],
      [`seen-${ava}`, 'seen_alone'],
      [`seen-${leo}`, 'seen_with_others'],
    ])
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/children/${ava}/case-notes`)
    const [onAva] = await notesOn(ava)
    const [onLeo] = await notesOn(leo)
    expect(onAva?.case_note_id).toBe(onLeo?.case_note_id)
    const noteId = Number(onAva?.case_note_id)

    const leoList = pageText((await b.get(`/children/${leo}/case-notes`)).body)
    expect(leoList).toContain('17 December 2026 at 3:45pm')
    expect(leoList).toContain('Seen, not alone')
    expect(leoList).toContain('Shared with 1 other child')
    const leoNote = pageText((await b.get(`/children/${leo}/case-notes/${noteId}`)).body)
    expect(leoNote).toContain('Also recorded on the records of Ava Holloway')
    expect(leoNote).toContain('Ava showed me her bedroom')

    const events = await db()
      .selectFrom('case_event')
      .select(['child_id', 'summary'])
      .where('subject_type', '=', 'case_note')
      .where('subject_id', '=', String(noteId))
      .orderBy('child_id')
      .execute()
    expect(events).toEqual([
      { child_id: ava, summary: 'Case note, home visit: seen alone (recorded on 2 children)' },
      { child_id: leo, summary: 'Case note, home visit: seen, not alone (recorded on 2 children)' },
    ])
    const audited = await db()
      .selectFrom('audit_event')
      .select('child_id')
      .where('action', '=', 'case_note.record')
      .where('record_id', '=', String(noteId))
      .orderBy('child_id')
      .execute()
    expect(audited.map((a) => a.child_id)).toEqual([ava, leo])
    // The record page shows it, and the published view has each child's contact.
    expect(pageText((await b.get(`/children/${ava}`)).body)).toContain('Case notes and management oversight')
    const seen = await db()
      .selectFrom('casenotes_child_contact_v')
      .select(['child_id', 'child_seen', 'seen_alone'])
      .where('case_note_id', '=', noteId)
      .orderBy('child_id')
      .execute()
    expect(seen).toEqual([
      { child_id: ava, child_seen: true, seen_alone: true },
      { child_id: leo, child_seen: true, seen_alone: false },
    ])
  })

  it('shows bad answers again with an error summary and saves nothing', async () => {
    const before = (await notesOn(ava)).length
    const b = await signedIn('social.worker')
    const res = await b.postMany(`/children/${ava}/case-notes/new`, [
      ['noteType', 'home_visit'],
      ['contact-day', '31'],
      ['contact-month', '11'],
      ['contact-year', '2026'],
      ['contact-time', '10:00'],
      ['body', 'Kept when shown again'],
    ])
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: ')
    expect(res.body).toContain('There is a problem')
    expect(res.body).toContain('href="#contact-day"')
    expect(res.body).toContain(`href="#seen-${ava}"`)
    expect(res.body).toContain('Kept when shown again')
    expect(pageText(res.body)).toContain('Date of the contact must be a real date')
    expect(await notesOn(ava)).toHaveLength(before)
  })

  it('keeps every earlier version when a note is amended, asking a reason once its first day has passed', async () => {
    const noteId = await recordVisit(ava)
    const b = await signedIn('social.worker')
    const amend = `/children/${ava}/case-notes/${noteId}/amend`
    const first = await b.postMany(amend, [
      ...Object.entries({ ...visit, body: 'Corrected on the day.' }),
      [`seen-${ava}`, 'seen_alone'],
      ['version', '1'],
    ])
    expect(first.statusCode, pageText(first.body)).toBe(303)
    clock.advance(25 * 3_600_000)
    try {
      const noReason = await b.postMany(amend, [
        ...Object.entries({ ...visit, body: 'A later change.' }),
        [`seen-${ava}`, 'seen_alone'],
        ['version', '2'],
      ])
      expect(noReason.statusCode).toBe(400)
      expect(pageText(noReason.body)).toContain('Enter why you are amending this case note')
      // Someone else's amendment since the form was shown is not overwritten.
      const stale = await b.postMany(amend, [
        ...Object.entries({ ...visit, body: 'A later change.' }),
        [`seen-${ava}`, 'seen_alone'],
        ['version', '1'],
        ['reason', 'The mother’s name was wrong.'],
      ])
      expect(stale.statusCode).toBe(409)
      const ok = await b.postMany(amend, [
        ...Object.entries({ ...visit, body: 'A later change.' }),
        [`seen-${ava}`, 'seen_alone'],
        ['version', '2'],
        ['reason', 'The mother’s name was wrong.'],
      ])
      expect(ok.statusCode).toBe(303)
    } finally {
      clock.advance(-25 * 3_600_000)
    }
    const versions = await db()
      .selectFrom('case_note_version')
      .select(['version', 'body', 'amend_reason'])
      .where('case_note_id', '=', noteId)
      .orderBy('version')
      .execute()
    expect(versions).toEqual([
      { version: 1, body: visit.body, amend_reason: null },
      { version: 2, body: 'Corrected on the day.', amend_reason: null },
      { version: 3, body: 'A later change.', amend_reason: 'The mother’s name was wrong.' },
    ])
    const page = pageText((await b.get(`/children/${ava}/case-notes/${noteId}`)).body)
    expect(page).toContain('Earlier versions')
    expect(page).toContain(visit.body)
    // Not even the database lets a version be changed.
    await expect(
      sql`update case_note_version set body = 'x' where case_note_id = ${noteId}`.execute(db()),
    ).rejects.toThrow(/cannot be changed/)
  })

  it('lets only the author amend: a manager is told why, and a worker with no link is refused and audited', async () => {
    const noteId = await recordVisit(ava)
    const manager = await signedIn('team.manager')
    const page = await manager.get(`/children/${ava}/case-notes/${noteId}/amend`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Only the person who wrote a case note can amend it')
    const forged = await manager.postMany(`/children/${ava}/case-notes/${noteId}/amend`, [
      ...Object.entries(visit),
      [`seen-${ava}`, 'seen_alone'],
      ['version', '1'],
      ['reason', 'Tidying'],
    ])
    expect(forged.statusCode).toBe(403)
    expect(await auditRows(forged.headers['x-request-id'] as string)).toContainEqual({
      action: 'case_note.amend',
      outcome: 'denied',
      child_id: null,
    })
    const stranger = await signedIn('social.worker2')
    const res = await stranger.get(`/children/${ava}/case-notes/${noteId}/amend`)
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('Holloway')
  })

  it('deletes softly with a reason: the note is kept, marked deleted, and gone from the published contacts', async () => {
    const noteId = await recordVisit(ava)
    const manager = await signedIn('team.manager')
    const url = `/children/${ava}/case-notes/${noteId}/delete`
    const noReason = await manager.post(url, { reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('Enter why this case note is being deleted')
    const res = await manager.post(url, { reason: 'Recorded on the wrong child.' })
    expect(res.statusCode).toBe(303)
    const row = await db()
      .selectFrom('case_note')
      .select(['deleted_at', 'deleted_reason'])
      .where('id', '=', noteId)
      .executeTakeFirstOrThrow()
    expect(row.deleted_at?.toISOString()).toBe('2026-12-18T10:00:00.000Z')
    expect(row.deleted_reason).toBe('Recorded on the wrong child.')
    const kept = await db()
      .selectFrom('case_note_version')
      .select('body')
      .where('case_note_id', '=', noteId)
      .execute()
    expect(kept).toHaveLength(1)
    const page = pageText((await manager.get(`/children/${ava}/case-notes/${noteId}`)).body)
    expect(page).toContain('Recorded on the wrong child.')
    expect(
      await db()
        .selectFrom('casenotes_child_contact_v')
        .select('child_id')
        .where('case_note_id', '=', noteId)
        .execute(),
    ).toEqual([])
    // A second delete is refused.
    const again = await manager.get(url)
    expect(pageText(again.body)).toContain('already been deleted')
  })

  it('keeps the days each child was seen in step with the notes: recorded, amended, deleted', async () => {
    const sightings = async (noteId: number) =>
      db()
        .selectFrom('casenotes_child_seen_v')
        .select(['child_id', 'seen_on'])
        .where('case_note_id', '=', noteId)
        .orderBy('child_id')
        .execute()
    const b = await signedIn('social.worker')
    const recorded = await b.postMany(`/children/${ava}/case-notes/new`, [
      ...Object.entries({ ...visit, 'contact-time': '23:30' }),
      ['siblings', String(leo)],
      [`seen-${ava}`, 'seen_alone'],
      [`seen-${leo}`, 'seen_with_others'],
    ])
    expect(recorded.statusCode).toBe(303)
    const [last] = (await notesOn(ava)).slice(-1)
    const noteId = Number(last?.case_note_id)
    // 23:30 on 17 December is the 17th in London (GMT), whatever the server's zone.
    expect(await sightings(noteId)).toEqual([
      { child_id: ava, seen_on: '2026-12-17' },
      { child_id: leo, seen_on: '2026-12-17' },
    ])
    // Amended: Leo was not seen after all, and the visit was the day before.
    const amended = await b.postMany(`/children/${ava}/case-notes/${noteId}/amend`, [
      ...Object.entries({ ...visit, 'contact-day': '16' }),
      [`seen-${ava}`, 'seen_alone'],
      [`seen-${leo}`, 'not_seen'],
      ['version', '1'],
    ])
    expect(amended.statusCode, pageText(amended.body)).toBe(303)
    expect(await sightings(noteId)).toEqual([{ child_id: ava, seen_on: '2026-12-16' }])
    const deleted = await (
      await signedIn('team.manager')
    ).post(`/children/${ava}/case-notes/${noteId}/delete`, {
      reason: 'Recorded twice.',
    })
    expect(deleted.statusCode).toBe(303)
    expect(await sightings(noteId)).toEqual([])
    // Every note's days, as the definition in casenotes_child_contact_v gives them.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (
        (select child_id, (contact_at at time zone 'Europe/London')::date, case_note_id
           from casenotes_child_contact_v where child_seen
         except select child_id, seen_on, case_note_id from case_note_sighting)
        union all
        (select child_id, seen_on, case_note_id from case_note_sighting
         except select child_id, (contact_at at time zone 'Europe/London')::date, case_note_id
           from casenotes_child_contact_v where child_seen)
      ) differing`.execute(db())
    expect(rows[0]?.n).toBe(0)
  })

  it('refuses a worker with no link to the child, auditing the refusal, and saves nothing', async () => {
    const before = (await notesOn(ava)).length
    const stranger = await signedIn('social.worker2')
    const list = await stranger.get(`/children/${ava}/case-notes`)
    expect(list.statusCode).toBe(403)
    expect(list.body).not.toContain('Holloway')
    expect(await auditRows(list.headers['x-request-id'] as string)).toEqual([
      { action: 'case_note.view', outcome: 'denied', child_id: ava },
    ])
    const post = await stranger.postMany(
      `/children/${ava}/case-notes/new`,
      [...Object.entries(visit), [`seen-${ava}`, 'seen_alone']],
      '/accessibility',
    )
    expect(post.statusCode).toBe(403)
    expect((await auditRows(post.headers['x-request-id'] as string)).map((r) => r.outcome)).toEqual([
      'denied',
    ])
    expect(await notesOn(ava)).toHaveLength(before)
  })

  it('does not show the notes to a partner practitioner who may open the record for a conference', async () => {
    await f.grant(ava, 'police', 'process_participant', { reason: 'ICPC' })
    const b = await signedIn('police')
    const record = await b.get(`/children/${ava}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).not.toContain('data-testid="case-notes-panel"')
    const [note] = await notesOn(ava)
    for (const url of [`/children/${ava}/case-notes`, `/children/${ava}/case-notes/${note?.case_note_id}`]) {
      const res = await b.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('bedroom')
      expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
        { action: 'case_note.view', outcome: 'denied', child_id: ava },
      ])
    }
  })
})

describe('management oversight', () => {
  it('puts the next oversight on the manager’s worklist, due 20 working days on across Christmas', async () => {
    const manager = await signedIn('team.manager')
    const res = await manager.post(`/children/${leo}/oversight/new`, {
      kind: 'management_oversight',
      'held-day': '18',
      'held-month': '12',
      'held-year': '2026',
      summary: 'Plan on track; the school reports better attendance.',
      'action-0-text': 'Visit Leo at school',
      'action-0-day': '8',
      'action-0-month': '1',
      'action-0-year': '2027',
      interval: '20wd',
    })
    expect(res.statusCode, res.body).toBe(303)
    const task = await db()
      .selectFrom('task')
      .select(['due_at', 'assigned_user_id', 'title', 'stopped_at'])
      .where('child_id', '=', leo)
      .where('clock_code', '=', 'management-oversight')
      .executeTakeFirstOrThrow()
    // 18 December + 20 working days = Wednesday 20 January 2027, by the end of the day in London.
    expect(task.due_at.toISOString()).toBe('2027-01-20T23:59:59.999Z')
    expect(task.assigned_user_id).toBe(await userId('team.manager'))
    expect(task.stopped_at).toBeNull()
    const list = await manager.get('/worklist')
    const text = pageText(list.body)
    expect(text).toContain('Management oversight of the case')
    expect(text).toContain('Leo Holloway')
    expect(list.body).toContain(`href="/children/${leo}/oversight"`)
    const page = pageText((await manager.get(`/children/${leo}/oversight`)).body)
    expect(page).toContain('Next oversight due by 20 January 2027')
    expect(page).toContain('Visit Leo at school, due by 8 January 2027')
    // The worker's own list does not carry their manager's oversight.
    expect(pageText((await (await signedIn('social.worker')).get('/worklist')).body)).not.toContain(
      'Management oversight of the case',
    )

    // The next oversight, an hour later, stops that clock (met) and starts another, 10 working days
    // on: 21-24 December (4), 29-31 December (7), then 4, 5 and 6 January 2027.
    clock.advance(3_600_000)
    const again = await manager.post(`/children/${leo}/oversight/new`, {
      kind: 'supervision',
      'held-day': '18',
      'held-month': '12',
      'held-year': '2026',
      summary: 'Discussed in supervision.',
      interval: '10wd',
    })
    expect(again.statusCode).toBe(303)
    const tasks = await db()
      .selectFrom('task')
      .select(['due_at', 'stopped_at'])
      .where('child_id', '=', leo)
      .where('clock_code', '=', 'management-oversight')
      .orderBy('id')
      .execute()
    expect(tasks.map((x) => [x.due_at.toISOString(), x.stopped_at !== null])).toEqual([
      ['2027-01-20T23:59:59.999Z', true],
      ['2027-01-06T23:59:59.999Z', false],
    ])

    // The record's panel: the latest three notes, newest first, the last oversight's day and when
    // the next is due.
    const later = await recordVisit(leo, { 'contact-time': '16:30', [`seen-${leo}`]: 'seen_alone' })
    const latest = await recordVisit(leo, { 'contact-time': '17:15', [`seen-${leo}`]: 'seen_alone' })
    const record = (await manager.get(`/children/${leo}`)).body
    const panel = record.slice(record.indexOf('data-testid="case-notes-panel"'))
    const summary = /data-testid="oversight-summary">([\s\S]*?)<\/p>/.exec(panel)?.[1] ?? ''
    expect(pageText(summary)).toContain('Last oversight 18 December 2026. Next due by 6 January 2027.')
    const linked = [...panel.matchAll(new RegExp(`href="/children/${leo}/case-notes/(\\d+)"`, 'g'))].map(
      (m) => Number(m[1]),
    )
    expect(linked.slice(0, 2)).toEqual([latest, later])
    expect(linked.length).toBeLessThanOrEqual(3)
    clock.advance(-3_600_000)
  })

  it('refuses a social worker (the role records no oversight), audited, and bad answers save nothing', async () => {
    const worker = await signedIn('social.worker')
    const refused = await worker.get(`/children/${leo}/oversight/new`)
    expect(refused.statusCode).toBe(403)
    expect(await auditRows(refused.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ action: 'request.role_refused', outcome: 'denied' }),
    ])
    const before = await db().selectFrom('oversight_record').select('id').execute()
    const manager = await signedIn('team.manager')
    const bad = await manager.post(`/children/${leo}/oversight/new`, {
      kind: 'management_oversight',
      'held-day': '18',
      'held-month': '12',
      'held-year': '2026',
      summary: '',
      interval: '20wd',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#summary"')
    const future = await manager.post(`/children/${leo}/oversight/new`, {
      kind: 'management_oversight',
      'held-day': '19',
      'held-month': '12',
      'held-year': '2026',
      summary: 'Written a day early.',
      interval: '20wd',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('href="#held-day"')
    expect(pageText(future.body)).toContain('Date of the oversight must be today or in the past')
    expect(await db().selectFrom('oversight_record').select('id').execute()).toHaveLength(before.length)
  })
})
