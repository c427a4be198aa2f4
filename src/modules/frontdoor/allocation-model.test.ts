import { describe, expect, it } from 'vitest'
import { isQualified, suggestionText, suggestWorker, type AllocationCandidate } from './allocation-model.js'

const worker = (
  id: number,
  caseload: number,
  level: AllocationCandidate['practiceLevel'] = 'social_worker',
) => ({
  id,
  caseload,
  practiceLevel: level,
})

describe('the worker suggested for a referral', () => {
  it('is the worker who holds a sibling, even with the heaviest caseload', () => {
    const s = suggestWorker([worker(1, 3), worker(2, 19)], [{ workerId: 2, siblingName: 'Ava' }])
    expect(s).toEqual({ workerId: 2, reason: 'sibling', siblingNames: ['Ava'] })
    expect(s && suggestionText(s)).toBe('Suggested: holds Ava’s case')
  })

  it('prefers the worker holding more of the siblings', () => {
    const s = suggestWorker(
      [worker(1, 2), worker(2, 9)],
      [
        { workerId: 1, siblingName: 'Mia' },
        { workerId: 2, siblingName: 'Ava' },
        { workerId: 2, siblingName: 'Leo' },
      ],
    )
    expect(s).toEqual({ workerId: 2, reason: 'sibling', siblingNames: ['Ava', 'Leo'] })
    expect(s && suggestionText(s)).toBe('Suggested: holds Ava and Leo’s case')
  })

  it('ignores a sibling held by a worker not on the list (another team, or left)', () => {
    const s = suggestWorker([worker(1, 8), worker(3, 4)], [{ workerId: 2, siblingName: 'Ava' }])
    expect(s).toEqual({ workerId: 3, reason: 'caseload' })
  })

  it('otherwise suggests the qualified worker with the lightest caseload, never an unqualified one', () => {
    expect(
      suggestWorker(
        [worker(1, 12), worker(2, 0, 'unqualified'), worker(3, 0, null), worker(4, 7, 'asye')],
        [],
      ),
    ).toEqual({ workerId: 4, reason: 'caseload' })
  })

  it('breaks a tie on caseload by the lower id, and suggests nobody when nobody is qualified', () => {
    expect(suggestWorker([worker(5, 4), worker(2, 4)], [])).toEqual({ workerId: 2, reason: 'caseload' })
    expect(suggestWorker([worker(1, 0, 'unqualified')], [])).toBeNull()
    expect(suggestWorker([], [{ workerId: 1, siblingName: 'Ava' }])).toBeNull()
  })

  it('counts only registered practice levels as qualified', () => {
    expect(
      ['asye', 'social_worker', 'senior_practitioner', 'advanced_practitioner'].every((l) =>
        isQualified(l as never),
      ),
    ).toBe(true)
    expect(isQualified('unqualified')).toBe(false)
    expect(isQualified(null)).toBe(false)
  })
})
