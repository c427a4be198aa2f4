/**
 * Cancelling and re-arranging conferences: the initial conference's due date (never moved by
 * arranging it) and the cancel form, which for an initial conference also asks whether one is
 * still needed. Friday 11 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { describe, expect, it } from 'vitest'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { checkAnswers } from '../../platform/http/form.js'
import { CANCEL_FIELD_IDS, cancelSchema, CHANGEABLE_KINDS, icpcDueOf } from './conference-model.js'

describe('when an initial conference is due', () => {
  it.each([
    { starts: ['2026-12-11'], due: '2027-01-06' },
    // Brothers and sisters whose discussions were on different days: the earliest due date.
    { starts: ['2026-12-14', '2026-12-11'], due: '2027-01-06' },
    { starts: ['2026-03-02', '2026-03-04'], due: '2026-03-23' },
    { starts: [null, '2026-03-04'], due: '2026-03-25' },
    { starts: [null], due: null },
    { starts: [], due: null },
  ])('from enquiries started $starts: $due', ({ starts, due }) => {
    expect(icpcDueOf(englandAndWales, starts)).toBe(due)
  })
})

describe('cancelling a conference', () => {
  it('can be done to every kind once arranged', () => {
    expect([...CHANGEABLE_KINDS].sort()).toEqual(['initial', 'review', 'transfer_in'])
  })

  it.each([
    {
      kind: 'initial',
      answers: { reason: 'Chair ill', stillNeeded: 'yes' },
      data: { reason: 'Chair ill', stillNeeded: true },
    },
    {
      kind: 'initial',
      answers: { reason: ' Moved away ', stillNeeded: 'no' },
      data: { reason: 'Moved away', stillNeeded: false },
    },
    // A review or a transfer-in is always still needed (its clock runs from the plan or the notification).
    { kind: 'review', answers: { reason: 'Chair ill' }, data: { reason: 'Chair ill', stillNeeded: null } },
    {
      kind: 'transfer_in',
      answers: { reason: 'Not moved yet', stillNeeded: 'no' },
      data: { reason: 'Not moved yet', stillNeeded: null },
    },
  ] as const)('$kind with $answers', ({ kind, answers, data }) => {
    const checked = checkAnswers(cancelSchema(kind), answers, CANCEL_FIELD_IDS)
    expect(checked.ok && checked.data).toEqual(data)
  })

  it('lists every problem at once: no reason, and for an initial conference no answer on whether one is needed', () => {
    const initial = checkAnswers(cancelSchema('initial'), { reason: '  ' }, CANCEL_FIELD_IDS)
    expect(initial.ok ? [] : initial.errors.list).toEqual([
      { text: 'Enter why the conference is cancelled', href: '#reason' },
      { text: 'Select whether an initial conference is still needed', href: '#stillNeeded' },
    ])
    const maybe = checkAnswers(
      cancelSchema('initial'),
      { reason: 'Chair ill', stillNeeded: 'maybe' },
      CANCEL_FIELD_IDS,
    )
    expect(maybe.ok ? [] : maybe.errors.list).toEqual([
      { text: 'Select whether an initial conference is still needed', href: '#stillNeeded' },
    ])
    const review = checkAnswers(cancelSchema('review'), {}, CANCEL_FIELD_IDS)
    expect(review.ok ? [] : review.errors.list).toEqual([
      { text: 'Enter why the conference is cancelled', href: '#reason' },
    ])
    const long = checkAnswers(cancelSchema('review'), { reason: 'x'.repeat(4001) }, CANCEL_FIELD_IDS)
    expect(long.ok ? [] : long.errors.list).toEqual([
      { text: 'The reason must be 4,000 characters or fewer', href: '#reason' },
    ])
  })
})
