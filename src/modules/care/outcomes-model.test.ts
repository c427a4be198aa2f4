/** The outcomes OC2 asks that the health records do not hold: their dates, ages and codes. */
import { describe, expect, it } from 'vitest'
import { outcomeRefusal, outcomeSchema, outcomeWords } from './outcomes-model.js'

const s = { periodStart: '2024-01-10', dateOfBirth: '2014-05-20' }

describe('an outcome’s date', () => {
  it('is in the period of care', () => {
    expect(outcomeRefusal({ kind: 'substance_misuse', date: '2024-01-09', code: 'none' }, s)?.field).toBe(
      'date-day',
    )
    expect(outcomeRefusal({ kind: 'substance_misuse', date: '2024-01-10', code: 'none' }, s)).toBeNull()
  })

  it('is on or after the 10th birthday for a conviction or caution (rule 542)', () => {
    expect(outcomeRefusal({ kind: 'offence', date: '2024-05-19', code: 'conviction' }, s)?.message).toBe(
      'The date must be on or after 20 May 2024, the child’s 10th birthday: no child under 10 is convicted or cautioned',
    )
    expect(outcomeRefusal({ kind: 'offence', date: '2024-05-20', code: 'youth_caution' }, s)).toBeNull()
  })

  it('is at an age from 4 to 16 for a reason for no SDQ (rules 188, 189)', () => {
    const young = { periodStart: '2018-01-01', dateOfBirth: '2016-03-01' }
    expect(outcomeRefusal({ kind: 'sdq_reason', date: '2020-02-29', code: 'SDQ2' }, young)?.field).toBe(
      'date-day',
    )
    expect(outcomeRefusal({ kind: 'sdq_reason', date: '2020-03-01', code: 'SDQ2' }, young)).toBeNull()
    expect(outcomeRefusal({ kind: 'sdq_reason', date: '2033-02-28', code: 'SDQ5' }, young)).toBeNull()
    expect(outcomeRefusal({ kind: 'sdq_reason', date: '2033-03-01', code: 'SDQ5' }, young)?.field).toBe(
      'date-day',
    )
  })
})

describe('the forms', () => {
  const now = new Date('2026-03-20T12:00:00Z')
  const day = { 'date-day': '3', 'date-month': '2', 'date-year': '2026' }
  const messages = (r: ReturnType<ReturnType<typeof outcomeSchema>['safeParse']>) =>
    r.success ? [] : r.error.issues.map((i) => i.message)

  it('take one answer of the list: an intervention received is not also offered (rule 158)', () => {
    const r = outcomeSchema('substance_misuse', now).safeParse({ code: 'received', ...day })
    expect(r.success && r.data).toEqual({ kind: 'substance_misuse', date: '2026-02-03', code: 'received' })
    expect(messages(outcomeSchema('substance_misuse', now).safeParse({ code: 'both', ...day }))).toEqual([
      'Select whether an intervention was received or offered',
    ])
  })

  it('have no SDQ1: too young or too old is worked out from the age', () => {
    expect(messages(outcomeSchema('sdq_reason', now).safeParse({ code: 'SDQ1', ...day }))).toEqual([
      'Select why the questionnaire was not completed',
    ])
    expect(outcomeSchema('sdq_reason', now).safeParse({ code: 'SDQ3', ...day }).success).toBe(true)
  })

  it('need the date, not in the future', () => {
    expect(messages(outcomeSchema('offence', now).safeParse({ code: 'conviction' }))).toEqual([
      'Enter the date of the conviction or caution',
    ])
    expect(
      messages(
        outcomeSchema('offence', now).safeParse({
          code: 'conviction',
          'date-day': '21',
          'date-month': '3',
          'date-year': '2026',
        }),
      ),
    ).toEqual(['Date of the conviction or caution must be today or in the past'])
  })

  it('read in words', () => {
    expect(outcomeWords({ kind: 'offence', code: 'youth_caution' })).toBe('Youth caution')
    expect(outcomeWords({ kind: 'substance_misuse', code: 'offered' })).toBe(
      'Substance misuse problem identified: an intervention was offered but not taken up',
    )
    expect(outcomeWords({ kind: 'sdq_reason', code: 'SDQ2' })).toBe(
      'No SDQ completed: the carer refused to complete it',
    )
  })
})
