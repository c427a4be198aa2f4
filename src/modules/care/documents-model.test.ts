import { describe, expect, it } from 'vitest'
import {
  daysLookedAfter,
  documentSchema,
  documentsLacking,
  documentWords,
  isHeld,
  latestListedStart,
  lookedAfterFor,
  lookedAfterOverFourWeeks,
  niNumberExpected,
  type DocumentsState,
} from './documents-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const today = '2026-03-20'
const none: DocumentsState = {
  birth_certificate: null,
  identity_document: null,
  identity_document_expires_on: null,
  ni_number: null,
  account: null,
}
const everything: DocumentsState = {
  birth_certificate: 'held',
  identity_document: 'held',
  identity_document_expires_on: '2030-01-01',
  ni_number: 'held',
  account: 'held',
}

describe('looked after for more than 4 weeks', () => {
  it.each([
    // Care began on Friday 20 February: exactly 4 weeks ago is not enough; a day more is.
    ['2026-02-20', 28, false],
    ['2026-02-19', 29, true],
    ['2026-03-20', 0, false],
    ['2025-03-20', 365, true],
    // Across the clocks going forward (29 March 2026): days, not hours.
    ['2026-03-01', 29, true],
  ])('since %s: %i days, on the list %s', (since, days, listed) => {
    const until = since === '2026-03-01' ? '2026-03-30' : today
    expect(daysLookedAfter(since, until)).toBe(days)
    expect(lookedAfterOverFourWeeks(since, until)).toBe(listed)
  })

  it('gives the query the latest start that is on the list, agreeing with the rule', () => {
    expect(latestListedStart(today)).toBe('2026-02-19')
    expect(lookedAfterOverFourWeeks(latestListedStart(today), today)).toBe(true)
    expect(lookedAfterOverFourWeeks('2026-02-20', today)).toBe(false)
  })

  it.each([
    ['2026-03-20', 'less than a day'],
    ['2026-03-19', '1 day'],
    ['2026-03-13', '1 week'],
    ['2026-02-19', '4 weeks and 1 day'],
    ['2025-12-10', '3 months'],
    ['2025-03-20', '1 year'],
    ['2024-01-21', '2 years and 1 month'],
  ])('since %s reads %j', (since, words) => {
    expect(lookedAfterFor(since, today)).toBe(words)
  })
})

describe('the NI number is expected from 16', () => {
  it.each([
    ['2010-03-21', false], // 16 tomorrow
    ['2010-03-20', true], // 16 today
    ['2000-01-01', true],
    [null, false], // no date of birth: no age to judge by
  ])('born %s: expected %s', (dob, expected) => {
    expect(niNumberExpected(dob, today)).toBe(expected)
  })

  it('a child born on 29 February is 16 on the day in a leap year, not the day before', () => {
    expect(niNumberExpected('2012-02-29', '2028-02-28')).toBe(false)
    expect(niNumberExpected('2012-02-29', '2028-02-29')).toBe(true)
  })

  it('leaves the NI number off what a 15-year-old lacks, and puts it on at 16', () => {
    const state = { ...everything, ni_number: null }
    expect(documentsLacking(state, { dateOfBirth: '2010-03-21' }, today)).toEqual([])
    expect(documentsLacking(state, { dateOfBirth: '2010-03-20' }, today)).toEqual(['ni_number'])
  })
})

describe('what counts as held', () => {
  it('held is held; applied for, not held or nothing recorded is not', () => {
    for (const status of ['applied', 'not_held', null] as const)
      expect(isHeld({ ...everything, birth_certificate: status }, 'birth_certificate', today)).toBe(false)
    expect(isHeld(everything, 'birth_certificate', today)).toBe(true)
    expect(isHeld({ ...everything, account: 'not_held' }, 'account', today)).toBe(false)
  })

  it('an identity document counts through the day it expires, not after', () => {
    const on = (expires: string | null) =>
      isHeld({ ...everything, identity_document_expires_on: expires }, 'identity_document', today)
    expect(on('2026-03-20')).toBe(true)
    expect(on('2026-03-19')).toBe(false)
    // An ARC recorded without an expiry.
    expect(on(null)).toBe(true)
  })

  it('lists what is lacking in the pages’ order', () => {
    expect(documentsLacking(none, { dateOfBirth: '2009-01-01' }, today)).toEqual([
      'birth_certificate',
      'identity_document',
      'ni_number',
      'account',
    ])
    expect(documentsLacking(everything, { dateOfBirth: '2009-01-01' }, today)).toEqual([])
  })
})

describe('the forms', () => {
  const dob = '2012-06-01'
  const day = (prefix: string, iso: string) => {
    const [y, m, d] = iso.split('-')
    return { [`${prefix}-day`]: d, [`${prefix}-month`]: m, [`${prefix}-year`]: y }
  }
  const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? [] : (r.error?.issues.map((i) => i.message) ?? [])

  it('a birth certificate held says where it is kept; applied for says when', () => {
    const schema = documentSchema('birth_certificate', now, dob)
    expect(schema.parse({ status: 'held', keptAt: 'On file at the office' })).toMatchObject({
      status: 'held',
      keptAt: 'On file at the office',
      appliedOn: null,
    })
    expect(messages(schema.safeParse({ status: 'held' }))).toEqual(['Enter where the original is kept'])
    expect(schema.parse({ status: 'applied', ...day('applied', '2026-03-02') }).appliedOn).toBe('2026-03-02')
    // Kept-at answered but not held: not kept.
    expect(schema.parse({ status: 'not_held', keptAt: 'Somewhere' }).keptAt).toBeNull()
  })

  it('refuses dates in the future and before the child’s birth', () => {
    const schema = documentSchema('account', now, dob)
    const open = (iso: string) =>
      schema.safeParse({ status: 'held', kind: 'junior_isa', ...day('opened', iso) })
    expect(messages(open('2026-03-21'))).toEqual(['The date it was opened must be today or in the past'])
    expect(messages(open('2012-05-31'))).toEqual([
      'The date it was opened must be on or after the child’s date of birth, 1 June 2012',
    ])
    expect(open('2012-06-01').success).toBe(true)
  })

  it('refuses a kind not listed', () => {
    expect(
      messages(
        documentSchema('account', now, dob).safeParse({
          status: 'held',
          kind: 'piggy_bank',
          ...day('opened', '2020-01-01'),
        }),
      ),
    ).toEqual(['Select a kind of account from the list'])
    expect(
      messages(
        documentSchema('identity_document', now, dob).safeParse({
          status: 'applied',
          kind: 'driving_licence',
          ...day('applied', '2026-01-01'),
        }),
      ),
    ).toEqual(['Select a document from the list'])
  })

  it('a passport held needs its issue and an expiry after it; an ARC may have no expiry', () => {
    const schema = documentSchema('identity_document', now, dob)
    const passport = (issued: string, expires: string | null) =>
      schema.safeParse({
        status: 'held',
        kind: 'passport',
        ...day('issued', issued),
        ...(expires ? day('expires', expires) : {}),
      })
    expect(messages(passport('2024-05-03', '2024-05-02'))).toEqual([
      'The expiry date must be after the date of issue, 3 May 2024',
    ])
    expect(messages(passport('2024-05-03', '2024-05-03'))).toHaveLength(1)
    expect(messages(passport('2024-05-03', null))).toEqual(['Enter the expiry date'])
    // An expiry in the future is the point of it.
    expect(passport('2024-05-03', '2029-05-03').data).toMatchObject({
      kind: 'passport',
      expiresOn: '2029-05-03',
    })
    expect(schema.parse({ status: 'held', kind: 'arc', ...day('issued', '2025-11-01') })).toMatchObject({
      kind: 'arc',
      issuedOn: '2025-11-01',
      expiresOn: null,
    })
    expect(messages(schema.safeParse({ status: 'held', ...day('issued', '2025-11-01') }))).toEqual([
      'Select which document',
    ])
    // Not held: nothing else is kept.
    expect(
      schema.parse({ status: 'not_held', kind: 'passport', ...day('issued', '2025-11-01') }),
    ).toMatchObject({
      kind: null,
      issuedOn: null,
    })
  })

  it('an NI number received says when; never the number', () => {
    const schema = documentSchema('ni_number', now, '2010-01-01')
    const r = schema.parse({ status: 'held', ...day('received', '2025-12-01'), number: 'QQ123456C' })
    expect(r).toMatchObject({ status: 'held', receivedOn: '2025-12-01' })
    expect(JSON.stringify(r)).not.toContain('QQ')
    expect(messages(schema.safeParse({ status: 'applied' }))).toHaveLength(1)
  })
})

describe('a record in words', () => {
  const base = {
    kind: null,
    keptAt: null,
    appliedOn: null,
    issuedOn: null,
    expiresOn: null,
    receivedOn: null,
    openedOn: null,
    provider: null,
  }
  it.each([
    [
      { ...base, item: 'birth_certificate', status: 'held', keptAt: 'on file at the office' },
      'Birth certificate held: the original is kept on file at the office',
    ],
    [
      { ...base, item: 'birth_certificate', status: 'applied', appliedOn: '2026-03-02' },
      'Birth certificate applied for on 2 March 2026',
    ],
    [
      {
        ...base,
        item: 'identity_document',
        status: 'held',
        kind: 'passport',
        issuedOn: '2024-05-03',
        expiresOn: '2029-05-03',
      },
      'Passport held: issued 3 May 2024, expires 3 May 2029',
    ],
    [{ ...base, item: 'identity_document', status: 'not_held' }, 'No passport or Home Office document held'],
    [
      { ...base, item: 'ni_number', status: 'held', receivedOn: '2025-12-01' },
      'National Insurance number received on 1 December 2025',
    ],
    [
      {
        ...base,
        item: 'account',
        status: 'held',
        kind: 'junior_isa',
        openedOn: '2020-01-06',
        provider: 'Thameside Savers',
      },
      'Junior ISA with Thameside Savers opened on 6 January 2020',
    ],
  ] as const)('%j reads %j', (record, words) => {
    expect(documentWords(record)).toBe(words)
  })
})
