import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  agencyCheckSchema,
  contactDetailsSchema,
  decisionDepartsFromThreshold,
  DECISIONS,
  birthOrAgeMessage,
  contactDetailsFor,
  parseAwareAt,
  PARTNER_REASON,
  PARTNER_RECEIVED,
  previousReferralWithin12Months,
  readBirthOrAge,
  receivedAtFields,
  receivedAtSchema,
  routeContact,
  THRESHOLDS,
} from './model.js'

describe('re-referral: another referral in the 12 months before', () => {
  const referral = (id: number, referralDate: string) => ({ id, referralDate })

  it.each([
    ['2026-06-15', [referral(1, '2025-06-15')], 1], // exactly a year before counts
    ['2026-06-15', [referral(1, '2025-06-14')], null], // a day more does not
    ['2026-06-15', [referral(1, '2026-06-15')], 1], // the same day, an earlier referral
    ['2026-06-15', [referral(1, '2026-06-16')], null], // a later referral is not earlier
    ['2024-02-29', [referral(1, '2023-02-28')], 1], // 12 months before 29 February is 28 February
    ['2024-02-29', [referral(1, '2023-02-27')], null],
    ['2026-06-15', [], null],
  ])('a referral on %s after %j is a re-referral of %s', (date, earlier, expected) => {
    expect(previousReferralWithin12Months(date, earlier)?.id ?? null).toBe(expected)
  })

  it('names the most recent earlier referral', () => {
    const found = previousReferralWithin12Months('2026-06-15', [
      referral(1, '2025-09-01'),
      referral(3, '2026-01-10'),
      referral(2, '2025-12-01'),
    ])
    expect(found?.id).toBe(3)
  })

  it('property: a re-referral is never more than 366 days earlier, nor later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.array(fc.integer({ min: -800, max: 50 }), { maxLength: 8 }),
        (day, offsets) => {
          const d = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)
          const found = previousReferralWithin12Months(
            d(day),
            offsets.map((o, i) => referral(i, d(day + o))),
          )
          if (found === null) return
          const gap = (Date.parse(d(day)) - Date.parse(found.referralDate)) / 86_400_000
          expect(gap).toBeGreaterThanOrEqual(0)
          expect(gap).toBeLessThanOrEqual(366)
        },
      ),
    )
  })
})

describe('thresholds: a decision outside the level’s routes needs a reason', () => {
  it('knows every decision and level', () => {
    expect(THRESHOLDS.map((t) => t.level)).toEqual(['1', '2', '3', '4'])
    for (const level of THRESHOLDS)
      for (const route of level.routes) expect(DECISIONS.map((d) => d.code)).toContain(route)
  })

  it.each([
    ['4', 'strategy_discussion', false],
    ['4', 'early_help', true],
    ['1', 'no_further_action', false],
    ['1', 'referral', true],
    ['3', 'referral', false],
  ] as const)('level %s, %s: departs %s', (level, decision, departs) => {
    expect(decisionDepartsFromThreshold(level, decision)).toBe(departs)
  })

  it('has nothing to depart from before the level is set', () => {
    expect(decisionDepartsFromThreshold(null, 'no_further_action')).toBe(false)
  })
})

describe('a contact about a child already known goes to their worker', () => {
  it.each([
    [null, 'mash'],
    [{ workerId: null, teamId: null }, 'mash'],
    [{ workerId: 7, teamId: 2 }, 'allocated_worker'],
    [{ workerId: null, teamId: 2 }, 'allocated_worker'], // held by a team awaiting allocation
  ])('open case %j goes to %s', (openCase, to) => {
    expect(routeContact(openCase).to).toBe(to)
  })
})

describe('the contact form', () => {
  const valid = {
    channel: 'phone',
    referralSource: '2A',
    referrerName: 'A Teacher',
    reason: 'Bruising seen on the child’s arm.',
    consent: 'given',
  }

  it('accepts a complete contact and drops empty optional answers', () => {
    const parsed = contactDetailsSchema.parse(valid)
    expect(parsed.referrerPhone).toBeNull()
    expect(parsed.presentingNeeds).toEqual([])
    expect(parsed.outOfHours).toBe(false)
  })

  it.each([
    [{ referralSource: '11' }, 'referralSource', 'Select who made the contact'],
    [{ reason: '   ' }, 'reason', 'Enter the reason for the contact'],
    [{ consent: 'overridden' }, 'consentReason', 'Enter why consent was overridden'],
    [
      { consent: 'not_sought_risk' },
      'consentReason',
      'Enter why asking for consent would put the child at risk',
    ],
    [{ referrerName: '' }, 'referrerName', 'Enter the referrer'],
    [{ presentingNeeds: ['3B', 'XX'] }, 'presentingNeeds', 'Select presenting needs from the list'],
    [{ referrerEmail: 'not an email' }, 'referrerEmail', 'Enter an email address in the correct format'],
    [
      { outOfHours: 'yes', outOfHoursAction: 'x'.repeat(4001) },
      'outOfHoursAction',
      'What the emergency duty team did must be 4,000 characters or fewer',
    ],
    [{ reason: 'x'.repeat(10_001) }, 'reason', 'Reason for the contact must be 10,000 characters or fewer'],
  ])('refuses %j at %s', (change, field, message) => {
    const result = contactDetailsSchema.safeParse({ ...valid, ...change })
    expect(result.success).toBe(false)
    const issue = result.error?.issues.find((i) => i.path[0] === field)
    expect(issue?.message).toContain(message)
  })

  it('reads what the emergency duty team did only with “Received out of hours” ticked', () => {
    const action = 'Police attended; the children stayed with their grandmother.'
    expect(
      contactDetailsSchema.parse({ ...valid, outOfHours: 'yes', outOfHoursAction: action }),
    ).toMatchObject({
      outOfHours: true,
      outOfHoursAction: action,
    })
    // Under the box not ticked (all on the page without JavaScript): not saved, and too long blocks nothing.
    for (const outOfHoursAction of [action, 'x'.repeat(4001)])
      expect(contactDetailsSchema.parse({ ...valid, outOfHoursAction })).toMatchObject({
        outOfHours: false,
        outOfHoursAction: null,
      })
  })

  it('lets an anonymous referrer stay nameless', () => {
    expect(contactDetailsSchema.safeParse({ ...valid, referralSource: '9', referrerName: '' }).success).toBe(
      true,
    )
  })

  it.each([
    [
      { 'received-day': '31', 'received-month': '2', 'received-year': '2026', 'received-time': '10:00' },
      'received-day',
    ],
    [
      { 'received-day': '', 'received-month': '', 'received-year': '', 'received-time': '10:00' },
      'received-day',
    ],
    [
      { 'received-day': '1', 'received-month': '2', 'received-year': '2026', 'received-time': '25:00' },
      'received-time',
    ],
  ])('refuses the date and time %j', (fields, field) => {
    const result = receivedAtFields.safeParse(fields)
    expect(result.error?.issues[0]?.path[0]).toBe(field)
  })

  it('takes a reason up to the length policy’s limit, and names it as the partner’s page asks it', () => {
    expect(contactDetailsSchema.safeParse({ ...valid, reason: 'x'.repeat(10_000) }).success).toBe(true)
    const partner = contactDetailsFor(PARTNER_REASON)
    const long = partner.safeParse({ ...valid, reason: 'x'.repeat(200_000) })
    expect(long.error?.issues[0]?.message).toBe(
      'What has happened and why you are worried must be 10,000 characters or fewer',
    )
    expect(partner.safeParse({ ...valid, reason: ' ' }).error?.issues[0]?.message).toBe(
      'Enter what has happened and why you are worried',
    )
  })

  it.each([
    ['31', '2', '2026', 'must be a real date'],
    ['1', '1', '26', 'must be a real date'], // the year takes 4 numbers
    ['banana', '1', '2026', 'must be a real date'],
    ['', '', '', 'Enter the date'],
  ])('names the date as each page labels it: %s %s %s', (d, m, y, message) => {
    const fields = { 'received-day': d, 'received-month': m, 'received-year': y, 'received-time': '10:00' }
    const screener = receivedAtFields.safeParse(fields).error?.issues[0]?.message ?? ''
    const partner = receivedAtSchema(PARTNER_RECEIVED).safeParse(fields).error?.issues[0]?.message ?? ''
    expect(screener).toContain(message)
    expect(partner).toContain(message)
    if (message.startsWith('must')) {
      expect(screener).toBe(`Date received ${message}`)
      expect(partner).toBe(`Date of the contact ${message}`)
    }
    expect(partner).not.toMatch(/received/)
  })

  it('reads a date and a time', () => {
    expect(
      receivedAtFields.parse({
        'received-day': '3',
        'received-month': '11',
        'received-year': '2026',
        'received-time': '9:05',
      }),
    ).toEqual({ date: '2026-11-03', time: '09:05' })
  })
})

describe('information from an agency', () => {
  const check = { agencyKind: 'health', informant: 'Health visitor', information: 'Seen last week.' }

  it.each([
    ['', null],
    ['9:05', '09:05'],
    [' 14:30 ', '14:30'],
    ['00:00', '00:00'],
  ])('reads the time they gave it, %j, as %j', (given, time) => {
    expect(agencyCheckSchema.parse({ ...check, respondedTime: given }).respondedTime).toBe(time)
  })

  it.each(['25:00', '14.30', '2pm', '14:3'])('refuses %j as a time', (given) => {
    const parsed = agencyCheckSchema.safeParse({ ...check, respondedTime: given })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['respondedTime'])
  })

  it('takes no time at all as "just now"', () => {
    expect(agencyCheckSchema.parse(check).respondedTime).toBeNull()
  })
})

describe('when the person making the contact became aware', () => {
  const now = new Date('2026-11-23T12:00:00Z')
  const received = new Date('2026-11-23T09:15:00Z')
  const aware = (day: string, month: string, year: string, time: string) => ({
    'aware-day': day,
    'aware-month': month,
    'aware-year': year,
    'aware-time': time,
  })

  it('is optional', () => {
    expect(parseAwareAt({}, received, 'you', now)).toEqual({ at: null, problem: null })
    expect(parseAwareAt(aware(' ', '', '', ''), received, 'you', now)).toEqual({ at: null, problem: null })
  })

  it('reads a London date and time, midnight when no time is given', () => {
    expect(parseAwareAt(aware('20', '11', '2026', '2:40'), received, 'you', now).at?.toISOString()).toBe(
      '2026-11-20T02:40:00.000Z',
    )
    // Summer time: 23:30 on 30 June in London is 22:30 UTC.
    expect(
      parseAwareAt(aware('30', '6', '2026', '23.30'), received, 'the referrer', now).at?.toISOString(),
    ).toBe('2026-06-30T22:30:00.000Z')
    expect(parseAwareAt(aware('20', '11', '2026', ''), received, 'you', now).at?.toISOString()).toBe(
      '2026-11-20T00:00:00.000Z',
    )
  })

  it.each([
    [aware('31', '11', '2026', '10:00'), 'aware-day', 'Date the referrer became aware must be a real date'],
    [
      aware('20', '11', '2026', '25:00'),
      'aware-time',
      'Enter the time the referrer became aware, like 23:30',
    ],
    [aware('24', '11', '2026', '10:00'), 'aware-day', 'Date the referrer became aware must be in the past'],
    [
      aware('23', '11', '2026', '10:00'),
      'aware-day',
      'Date the referrer became aware must be on or before the date of the contact',
    ],
  ])('refuses %o', (values, field, text) => {
    expect(parseAwareAt(values, received, 'the referrer', now)).toEqual({
      at: null,
      problem: { field, text },
    })
  })
})

describe('a child’s date of birth or age, as a partner writes it', () => {
  const today = '2026-12-04'

  it.each([
    '14 3 2019',
    '14/03/2019',
    '14-3-2019',
    '14.3.2019',
    '14 March 2019',
    '14 mar 2019',
    '4 12 2026', // born today
    '5 12 2008', // 17 today, 18 tomorrow
    '0',
    '6',
    'about 6',
    'About 6',
    'aged 6',
    '6 years old',
    '6 yrs',
    '17',
    '8 months',
    'about 23 months old',
  ])('accepts %j', (written) => {
    expect(readBirthOrAge(written, today)).toEqual({ ok: true, text: written })
  })

  it('keeps what was written, its spaces tidied', () => {
    expect(readBirthOrAge('  about   6 ', today)).toEqual({ ok: true, text: 'about 6' })
  })

  it.each([
    ['banana', 'unreadable'],
    ['about six', 'unreadable'],
    ['2019', 'unreadable'],
    ['14 3 19', 'unreadable'],
    ['14 3 2019 or so', 'unreadable'],
    ['-3', 'unreadable'],
    ['31 2 2019', 'not-a-date'],
    ['14 13 2019', 'not-a-date'],
    ['14 Smarch 2019', 'not-a-date'],
    ['1 1 2030', 'future'],
    ['5 12 2026', 'future'], // tomorrow
    ['4 12 2008', 'adult-birth'], // 18 today
    ['1 1 1900', 'adult-birth'],
    ['18', 'adult-age'],
    ['about 40', 'adult-age'],
    ['24 months', 'adult-age'], // a child of 2 or more is given in years
    ['999', 'adult-age'],
  ])('refuses %j as %s', (written, problem) => {
    expect(readBirthOrAge(written, today)).toEqual({ ok: false, problem })
  })

  it.each([
    ['unreadable', 'Enter child 2’s date of birth, like 14 3 2019, or their age in years, like 6'],
    ['not-a-date', 'Child 2’s date of birth must be a real date, like 14 3 2019'],
    ['future', 'Child 2’s date of birth must be today or in the past'],
    ['adult-birth', 'Child 2’s date of birth must be less than 18 years ago'],
    ['adult-age', 'Child 2’s age must be 17 or under'],
  ] as const)('words %s for the child it is about', (problem, message) => {
    expect(birthOrAgeMessage(2, problem)).toBe(message)
  })

  it('property: any date from today back to the 18th birthday not yet reached is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6574 }), (daysAgo) => {
        const born = new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000)
        const written = `${born.getUTCDate()} ${born.getUTCMonth() + 1} ${born.getUTCFullYear()}`
        const expected = born.toISOString().slice(0, 10) > '2008-12-04'
        expect(readBirthOrAge(written, today).ok).toBe(expected)
      }),
    )
  })
})
