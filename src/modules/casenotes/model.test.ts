import { describe, expect, it } from 'vitest'
import { STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import {
  amendSchema,
  mayAmend,
  mayDelete,
  nextOversightDue,
  noteSchema,
  NOTE_TYPES,
  OVERSIGHT_CLOCK,
  oversightInstant,
  oversightSchema,
  readSettings,
  SETTINGS,
  withinAmendWindow,
} from './model.js'

const recordedAt = new Date('2026-12-01T10:00:00Z')
const note = { recordedBy: 1, recordedAt, deletedAt: null }
const hours = (n: number) => new Date(recordedAt.getTime() + n * 3_600_000)

describe('the amendment window', () => {
  it.each<[number, boolean]>([
    [0, true],
    [23.99, true],
    [24, false],
    [72, false],
  ])('%s hours after recording: within the 24-hour window %s', (h, within) => {
    expect(withinAmendWindow(note, hours(h), 24)).toBe(within)
  })

  it('lets the author amend without a reason inside the window and with one after it', () => {
    expect(mayAmend(note, 1, hours(2), 24)).toEqual({ allowed: true, reasonRequired: false })
    expect(mayAmend(note, 1, hours(25), 24)).toEqual({ allowed: true, reasonRequired: true })
  })

  it('never lets anyone else amend, nor anyone amend a deleted note', () => {
    expect(mayAmend(note, 2, hours(1), 24).allowed).toBe(false)
    expect(mayAmend({ ...note, deletedAt: hours(3) }, 1, hours(4), 24).allowed).toBe(false)
  })

  it('lets the author delete inside the window, a manager at any time, and nobody a deleted note', () => {
    expect(mayDelete(note, 1, false, hours(1), 24)).toEqual({ allowed: true, reasonRequired: true })
    expect(mayDelete(note, 1, false, hours(30), 24).allowed).toBe(false)
    expect(mayDelete(note, 2, false, hours(1), 24).allowed).toBe(false)
    expect(mayDelete(note, 2, true, hours(500), 24)).toEqual({ allowed: true, reasonRequired: true })
    expect(mayDelete({ ...note, deletedAt: hours(2) }, 2, true, hours(3), 24).allowed).toBe(false)
  })
})

describe('the case note form', () => {
  const now = new Date('2026-12-01T12:00:00Z')
  const child = { id: 1, name: 'Ava Ashdown' }
  const sibling = { id: 2, name: 'Leo Ashdown' }
  const answers = {
    noteType: 'home_visit',
    'contact-day': '1',
    'contact-month': '12',
    'contact-year': '2026',
    'contact-time': '10:30',
    body: 'Saw Ava in her bedroom.',
    'seen-1': 'seen_alone',
  }

  it('reads a home visit, in London time, with each child chosen and how they were seen', () => {
    const parsed = noteSchema(now, child, [sibling]).parse({
      ...answers,
      siblings: '2',
      'seen-2': 'not_seen',
    })
    expect(parsed.contactAt.toISOString()).toBe('2026-12-01T10:30:00.000Z')
    expect(parsed.siblingIds).toEqual([2])
    expect(parsed.seen).toEqual([
      { childId: 1, seen: 'seen_alone' },
      { childId: 2, seen: 'not_seen' },
    ])
  })

  it('asks whether a chosen sibling was seen, ignores one not chosen, and refuses a child not offered', () => {
    const missing = noteSchema(now, child, [sibling]).safeParse({ ...answers, siblings: '2' })
    expect(missing.error?.issues.map((i) => i.path[0])).toEqual(['seen-2'])
    expect(noteSchema(now, child, [sibling]).parse(answers).siblingIds).toEqual([])
    const stranger = noteSchema(now, child, [sibling]).safeParse({ ...answers, siblings: '99' })
    expect(stranger.error?.issues.map((i) => i.message)).toContain('Select only children shown on this page')
  })

  it('does not ask whether the child was seen on a phone call, and records them not seen', () => {
    const { 'seen-1': _ignored, ...rest } = answers
    const parsed = noteSchema(now, child, []).parse({ ...rest, noteType: 'phone_call' })
    expect(parsed.seen).toEqual([{ childId: 1, seen: 'not_seen' }])
  })

  it('refuses a contact in the future, a date that does not exist, no kind and no note', () => {
    const future = noteSchema(now, child, []).safeParse({ ...answers, 'contact-time': '12:30' })
    expect(future.error?.issues[0]?.message).toBe('Date of the contact must be today or in the past')
    const unreal = noteSchema(now, child, []).safeParse({
      ...answers,
      'contact-day': '31',
      'contact-month': '11',
    })
    expect(unreal.error?.issues[0]?.message).toBe('Date of the contact must be a real date')
    const empty = noteSchema(now, child, []).safeParse({})
    expect(empty.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['Select the kind of contact', 'Enter the case note']),
    )
  })

  it('needs a reason for an amendment only after the window', () => {
    expect(amendSchema(now, [child], true).safeParse(answers).error?.issues[0]?.message).toBe(
      'Enter why you are amending this case note',
    )
    expect(amendSchema(now, [child], false).parse(answers).reason).toBeNull()
  })

  it('lists kinds of contact with unique codes, and none for management oversight', () => {
    expect(new Set(NOTE_TYPES.map((t) => t.code)).size).toBe(NOTE_TYPES.length)
    expect(
      NOTE_TYPES.map((t) => t.code).filter((c) => c.includes('oversight') || c.includes('supervision')),
    ).toEqual([])
  })
})

describe('management oversight', () => {
  const definition = STATUTORY_CLOCKS.find((d) => d.code === OVERSIGHT_CLOCK)
  if (!definition) throw new Error('no oversight clock')

  it('offers only intervals the clock knows, and defaults to 20 working days', () => {
    const values = definition.byAttribute?.values ?? {}
    expect(SETTINGS.intervals.filter((i) => !(i.code in values))).toEqual([])
    expect(SETTINGS.defaultInterval).toBe('20wd')
    expect(() =>
      readSettings({ amendWindowHours: 24, intervals: [{ code: 'a', label: 'A' }], defaultInterval: 'b' }),
    ).toThrow(/not one of the choices/)
  })

  // Worked by hand: day 0 is the date of the oversight; weekends and bank holidays do not count.
  it.each<[string, string, string]>([
    // Wednesday 4 November 2026: 20 working days is Wednesday 2 December.
    ['2026-11-04', '20wd', '2026-12-02'],
    // Friday 18 December 2026, across Christmas (25 and 28 December, 1 January are bank holidays):
    // 21-24 Dec (4), 29-31 Dec (7), 4-8 Jan (12), 11-15 Jan (17), 18-20 Jan (20).
    ['2026-12-18', '20wd', '2027-01-20'],
    // Saturday 5 December 2026: counted from the Saturday, the 10th working day is Friday 18 December.
    ['2026-12-05', '10wd', '2026-12-18'],
    // Tuesday 1 December 2026, 12 weeks: 20 working days to 31 December, 40 to 29 January (after
    // the bank holiday on 1 January), 60 to Friday 26 February 2027.
    ['2026-12-01', '60wd', '2027-02-26'],
  ])('held on %s, next in %s: due by %s', (heldOn, interval, due) => {
    expect(nextOversightDue(definition, heldOn, interval, calendar)).toBe(due)
  })

  it('stands an oversight at the time it is recorded on the day, else at midday', () => {
    const at = new Date('2026-12-01T15:20:00Z')
    expect(oversightInstant('2026-12-01', at)).toEqual(at)
    expect(oversightInstant('2026-11-30', at).toISOString()).toBe('2026-11-30T12:00:00.000Z')
  })

  it('reads the form: actions with due dates not before the oversight, which is not in the future', () => {
    const now = new Date('2026-12-01T12:00:00Z')
    const base = {
      kind: 'management_oversight',
      'held-day': '1',
      'held-month': '12',
      'held-year': '2026',
      summary: 'Plan on track.',
      interval: '20wd',
    }
    expect(
      oversightSchema(now).parse({
        ...base,
        'action-0-text': 'Visit within 5 days',
        'action-0-day': '8',
        'action-0-month': '12',
        'action-0-year': '2026',
      }),
    ).toEqual({
      kind: 'management_oversight',
      heldOn: '2026-12-01',
      summary: 'Plan on track.',
      actions: [{ action: 'Visit within 5 days', dueOn: '2026-12-08' }],
      interval: '20wd',
    })
    const bad = oversightSchema(now).safeParse({
      ...base,
      'held-day': '2',
      'action-1-text': 'Chase school',
      'action-2-day': '1',
      'action-2-month': '1',
      'action-2-year': '2027',
    })
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['held-day', 'Date of the oversight must be today or in the past'],
      ['action-1-day', 'Enter when action 2 is due'],
      ['action-2-text', 'Enter action 3'],
    ])
  })
})
