import { describe, expect, it } from 'vitest'
import {
  contributionSchema,
  cumulativeHarmWarnings,
  ENTRY_TYPES,
  entryInstant,
  filterChoices,
  mayContribute,
  mayDelete,
  lineFilter,
  linesKept,
  MEETING_RULE,
  meetingWarning,
  readMeetingRule,
  onRecord,
  readThresholds,
  THRESHOLDS,
  type LineCounts,
  type LoggedHarm,
} from './model.js'

const injury = (occurredOn: string, childMobile: LoggedHarm['childMobile'] = 'yes'): LoggedHarm => ({
  occurredOn,
  harmKind: 'injury',
  childMobile,
})
const missed = (occurredOn: string): LoggedHarm => ({
  occurredOn,
  harmKind: 'was_not_brought',
  childMobile: null,
})
const codes = (log: LoggedHarm[], dob: string | null = '2020-01-01') =>
  cumulativeHarmWarnings(log, dob).map((w) => w.code)

describe('cumulative harm: repeated injuries', () => {
  it.each<[string, string, boolean]>([
    ['exactly 12 weeks from the first to the third', '2026-03-24', true],
    ['12 weeks and a day', '2026-03-25', false],
    ['well within', '2026-01-20', true],
  ])('three injuries, %s: warned %s', (_what, third, warned) => {
    const log = [injury('2025-12-30'), injury('2026-01-15'), injury(third)]
    expect(codes(log).includes('repeated_injuries')).toBe(warned)
  })

  it('does not warn of two injuries, and says the count and the dates of the busiest run', () => {
    expect(codes([injury('2026-01-01'), injury('2026-01-02')])).toEqual([])
    const [warning] = cumulativeHarmWarnings(
      [
        injury('2025-01-01'),
        injury('2026-02-01'),
        injury('2026-02-10'),
        injury('2026-03-01'),
        injury('2026-03-05'),
      ],
      '2020-01-01',
    )
    expect(warning?.text).toBe('4 injuries within 12 weeks, between 1 February 2026 and 5 March 2026')
    expect(warning?.source).toContain('F6')
  })

  it('counts only injuries: incidents and missed appointments are not injuries', () => {
    const incident: LoggedHarm = { occurredOn: '2026-01-02', harmKind: 'incident', childMobile: null }
    expect(codes([injury('2026-01-01'), incident, missed('2026-01-03'), injury('2026-01-04')])).toEqual([])
  })
})

describe('cumulative harm: an injury to a baby or a child who is not mobile', () => {
  it.each<[string, string, boolean]>([
    ['on the day of birth', '2026-01-31', true],
    ['the day before turning 6 months (31 January + 6 months is 31 July)', '2026-07-30', true],
    ['on the day they turn 6 months', '2026-07-31', false],
    ['at 7 months', '2026-08-31', false],
  ])('born 31 January 2026, injured %s: warned %s', (_what, on, warned) => {
    expect(codes([injury(on)], '2026-01-31').includes('baby_injury')).toBe(warned)
  })

  it('warns of any injury recorded as not mobile, whatever the age, and of none when the age is not known and the child mobile', () => {
    expect(codes([injury('2026-05-01', 'no')], '2015-01-01')).toEqual(['baby_injury'])
    expect(codes([injury('2026-05-01', 'not_known')], null)).toEqual([])
    expect(
      cumulativeHarmWarnings([injury('2026-03-01', 'no'), injury('2026-04-01', 'no')], null)[0]?.text,
    ).toBe('2 injuries to a baby under 6 months old or a child who is not mobile, the latest on 1 April 2026')
  })
})

describe('cumulative harm: was not brought', () => {
  it.each<[string, string, boolean]>([
    ['exactly 6 months after the first', '2026-07-31', true],
    ['6 months and a day', '2026-08-01', false],
    ['31 August after 28 February is over 6 months (28 August)', '2026-08-31', false],
  ])('the second %s: warned %s', (_what, second, warned) => {
    const first = second === '2026-08-31' ? '2026-02-28' : '2026-01-31'
    expect(codes([missed(first), missed(second)]).includes('was_not_brought')).toBe(warned)
  })

  it('does not warn of one', () => {
    expect(codes([missed('2026-01-01')])).toEqual([])
  })
})

describe('the thresholds', () => {
  it('come from the reference file, each with its source', () => {
    expect(THRESHOLDS.repeatedInjuries).toMatchObject({ count: 3, withinWeeks: 12 })
    expect(THRESHOLDS.babyInjury.underMonths).toBe(6)
    expect(THRESHOLDS.wasNotBrought).toMatchObject({ count: 2, withinMonths: 6 })
    expect(() =>
      readThresholds({ ...THRESHOLDS, wasNotBrought: { count: 2, withinMonths: 6, source: '' } }),
    ).toThrow()
  })

  it('are the partnership’s to change: two injuries in four weeks when set so', () => {
    const strict = { ...THRESHOLDS, repeatedInjuries: { count: 2, withinWeeks: 4, source: 'LSCP' } }
    expect(cumulativeHarmWarnings([injury('2026-01-01'), injury('2026-01-29')], null, strict)[0]?.code).toBe(
      'repeated_injuries',
    )
    expect(cumulativeHarmWarnings([injury('2026-01-01'), injury('2026-01-30')], null, strict)).toEqual([])
  })
})

describe('who adds and deletes', () => {
  it('lets those who work with children add, when they may view the child', () => {
    expect(mayContribute('partner_practitioner', true)).toBe(true)
    expect(mayContribute('social_worker', true)).toBe(true)
    expect(mayContribute('team_manager', true)).toBe(true)
    expect(mayContribute('partner_practitioner', false)).toBe(false)
    expect(mayContribute('performance_officer', true)).toBe(false)
    expect(mayContribute('administrator', true)).toBe(false)
  })

  it('lets the author or a manager of the case delete, never twice', () => {
    const entry = { recordedBy: 1, deletedAt: null }
    expect(mayDelete(entry, 1, false).allowed).toBe(true)
    expect(mayDelete(entry, 2, true).allowed).toBe(true)
    expect(mayDelete(entry, 2, false).allowed).toBe(false)
    expect(mayDelete({ ...entry, deletedAt: new Date() }, 1, true).allowed).toBe(false)
  })
})

describe('the contribution form', () => {
  const now = new Date('2026-12-18T10:00:00Z')
  const answers = {
    'occurred-day': '17',
    'occurred-month': '12',
    'occurred-year': '2026',
    source: 'Health visitor, home visit',
    basis: 'fact',
    significance: 'high',
    entryType: 'injury',
    whatHappened: 'A bruise on the left ear.',
    bodyPart: 'Left ear',
    childMobile: 'no',
  }

  it('reads an injury, its kind taken from the type when not answered', () => {
    const parsed = contributionSchema(now, null).parse(answers)
    expect(parsed).toMatchObject({
      occurredOn: '2026-12-17',
      agencyId: null,
      harmKind: 'injury',
      childMobile: 'no',
    })
  })

  it('asks where on the body and whether the child was mobile for an injury only', () => {
    const res = contributionSchema(now, null).safeParse({ ...answers, bodyPart: '', childMobile: '' })
    expect(res.error?.issues.map((i) => i.path[0])).toEqual(['bodyPart', 'childMobile'])
    const school = contributionSchema(now, null).parse({
      ...answers,
      entryType: 'education',
      harmKind: '',
    })
    expect(school).toMatchObject({ harmKind: null, bodyPart: null, childMobile: null })
  })

  it('lists every problem at once, in the order of the page, and refuses a date in the future', () => {
    const res = contributionSchema(now, null).safeParse({
      'occurred-day': '19',
      'occurred-month': '12',
      'occurred-year': '2026',
    })
    expect(res.error?.issues.map((i) => i.message)).toEqual([
      'Date it happened must be today or in the past',
      'Enter who observed or reported it',
      'Select whether it is fact or reported',
      'Select how significant it is',
      'Select the type of entry',
      'Enter what happened',
    ])
  })

  it('lets staff choose a listed agency, or their own service, and nothing else', () => {
    const agencies = [{ id: 4, name: 'Little Thurrock Primary School' }]
    expect(contributionSchema(now, agencies).parse({ ...answers, agency: '4' }).agencyId).toBe(4)
    expect(contributionSchema(now, agencies).parse({ ...answers, agency: 'social_care' }).agencyId).toBeNull()
    expect(contributionSchema(now, agencies).safeParse({ ...answers, agency: '5' }).success).toBe(false)
  })

  it('has every type in the reference list once', () => {
    expect(ENTRY_TYPES.map((t) => t.code)).toContain('was_not_brought')
  })
})

describe('the chronology', () => {
  const agencyOf = (type: string) => (type.startsWith('school.') ? 'School' : 'Children’s social care')

  it('leaves every line in when nothing is chosen', () => {
    expect(lineFilter({ agencies: [], types: [] }, ['contact.received'], agencyOf)).toEqual({
      events: true,
      eventTypes: null,
      entries: true,
      entryAgencies: null,
      entryTypes: null,
    })
  })

  it('turns the agencies chosen into the event types on the record that are theirs', () => {
    const f = lineFilter(
      { agencies: ['School'], types: [] },
      ['contact.received', 'school.exclusion'],
      agencyOf,
    )
    expect(f).toMatchObject({ events: true, eventTypes: ['school.exclusion'], entryAgencies: ['School'] })
    const none = lineFilter({ agencies: ['Police'], types: [] }, ['contact.received'], agencyOf)
    expect(none.eventTypes).toEqual([])
  })

  it('shows events only when "Recorded in Haven" is chosen, contributions only for their types', () => {
    expect(lineFilter({ agencies: [], types: ['injury'] }, [], agencyOf)).toMatchObject({
      events: false,
      entries: true,
      entryTypes: ['injury'],
    })
    expect(lineFilter({ agencies: [], types: ['haven_record'] }, [], agencyOf)).toMatchObject({
      events: true,
      entries: false,
      entryTypes: [],
    })
  })

  it('offers each agency and type once, types in the list’s order', () => {
    expect(
      filterChoices(
        ['School', 'Children’s social care', 'Health visiting', 'School'],
        ['injury', 'haven_record', 'education'],
      ),
    ).toEqual({
      agencies: ['Children’s social care', 'Health visiting', 'School'],
      types: [
        { code: 'education', label: 'Education (attendance, behaviour, learning)' },
        { code: 'injury', label: 'Injury' },
        { code: 'haven_record', label: 'Recorded in Haven' },
      ],
    })
  })

  describe('counting the lines a filter keeps', () => {
    const counts: LineCounts = {
      events: [
        { childId: 1, type: 'contact.received', lines: 3 },
        { childId: 1, type: 'school.exclusion', lines: 2 },
        { childId: 2, type: 'contact.received', lines: 5 },
      ],
      entries: [
        { childId: 1, agency: 'School', entryType: 'education', lines: 4 },
        { childId: 1, agency: 'Health visiting', entryType: 'injury', lines: 1 },
        { childId: 2, agency: 'School', entryType: 'injury', lines: 6 },
        // An entry whose case event is missing: offered in the filter, but no line.
        { childId: 2, agency: 'Police', entryType: 'injury', lines: 0 },
      ],
    }
    const kept = (children: number[], agencies: string[], types: string[]) =>
      linesKept(counts, children, lineFilter({ agencies, types }, onRecord(counts).eventTypes, agencyOf))

    it('counts every line of the children asked for when nothing is chosen', () => {
      expect(kept([1, 2], [], [])).toBe(21)
      expect(kept([1], [], [])).toBe(10)
      expect(kept([], [], [])).toBe(0)
    })

    it('counts an agency’s events and contributions, and a type’s', () => {
      expect(kept([1, 2], ['School'], [])).toBe(12)
      expect(kept([1, 2], [], ['injury'])).toBe(7)
      expect(kept([1, 2], [], ['haven_record'])).toBe(10)
      expect(kept([1, 2], ['School'], ['haven_record'])).toBe(2)
      expect(kept([1, 2], ['Police'], [])).toBe(0)
    })

    it('offers what is on record, each event type once', () => {
      expect(onRecord(counts)).toEqual({
        eventTypes: ['contact.received', 'school.exclusion'],
        agencies: ['School', 'Health visiting', 'School', 'Police'],
        entryTypes: ['education', 'injury', 'injury', 'injury'],
      })
    })
  })

  it('stands a contribution at the time it was recorded that day, else at midday', () => {
    const recorded = new Date('2026-12-18T10:00:00Z')
    expect(entryInstant('2026-12-18', recorded)).toBe(recorded)
    expect(entryInstant('2026-07-01', recorded).toISOString()).toBe('2026-07-01T11:00:00.000Z')
  })
})

describe('no multi-agency meeting', () => {
  // Friday 18 December 2026: six weeks before is Friday 6 November.
  const now = new Date('2026-12-18T10:00:00Z')
  const at = (iso: string) => new Date(`${iso}T10:00:00Z`)
  const rule = { weeks: 6, source: 'Haven’s default' }

  it('warns when the work began more than six weeks ago and no meeting was held since', () => {
    expect(meetingWarning(at('2026-11-05'), null, now, rule)).toEqual({
      code: 'no_meeting',
      text: 'No multi-agency meeting recorded in Haven since the work with this child began on 5 November 2026',
      source: 'Haven’s default',
    })
    expect(meetingWarning(at('2026-01-05'), at('2026-11-05'), now, rule)?.text).toBe(
      'No multi-agency meeting in the last 6 weeks: the last was on 5 November 2026',
    )
  })

  it('counts a meeting exactly six weeks ago as within them', () => {
    expect(meetingWarning(at('2026-01-05'), at('2026-11-06'), now, rule)).toBeNull()
  })

  it('does not warn of work begun exactly six weeks ago, nor of a child no one works with', () => {
    expect(meetingWarning(at('2026-11-06'), null, now, rule)).toBeNull()
    expect(meetingWarning(null, null, now, rule)).toBeNull()
  })

  it('reads the weeks from the reference file, with its source', () => {
    expect(MEETING_RULE.weeks).toBe(6)
    expect(MEETING_RULE.source).toMatch(/local safeguarding partnership/)
    expect(() => readMeetingRule({ weeks: 0, source: 'x' })).toThrow()
  })
})
