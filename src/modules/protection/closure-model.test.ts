import { describe, expect, it } from 'vitest'
import { REASON_FOR_CLOSURE } from '../returns/cin/codes.js'
import {
  closureBlockers,
  readStepDown,
  SOCIAL_CARE_CLOSURE_REASONS,
  STEP_DOWN_REASON,
} from './closure-model.js'

describe('closing a social care case', () => {
  it('closes with the CIN census reasons the returns module lists, each worded', () => {
    expect(SOCIAL_CARE_CLOSURE_REASONS.map((r) => r.code)).toEqual([...REASON_FOR_CLOSURE])
    expect(SOCIAL_CARE_CLOSURE_REASONS.every((r) => r.label !== r.code)).toBe(true)
  })

  it.each([
    [{ cpPlans: 0, cinPlans: 0, assessments: 0 }, 0],
    [{ cpPlans: 1, cinPlans: 0, assessments: 0 }, 1],
    [{ cpPlans: 0, cinPlans: 1, assessments: 0 }, 1],
    [{ cpPlans: 0, cinPlans: 0, assessments: 2 }, 1],
    [{ cpPlans: 1, cinPlans: 1, assessments: 1 }, 3],
  ])('is blocked by open work %o (%i reasons)', (open, count) => {
    expect(closureBlockers(open)).toHaveLength(count)
  })

  it('says which plan blocks it', () => {
    expect(closureBlockers({ cpPlans: 0, cinPlans: 1, assessments: 0 })).toEqual([
      'The child is on a child in need plan: end the plan before closing the case',
    ])
  })
})

describe('the step-down asked on every closure', () => {
  it('needs an answer, a note when yes, and yes for RC9', () => {
    expect(readStepDown({}, 'RC7').issues.map((i) => i.field)).toEqual(['stepDown'])
    expect(readStepDown({ stepDown: 'no' }, 'RC7')).toEqual({ note: null, issues: [] })
    expect(readStepDown({ stepDown: 'no' }, STEP_DOWN_REASON).issues[0]?.message).toBe(
      'RC9 is a referral to early help: select yes, or choose another reason for closure',
    )
    expect(readStepDown({ stepDown: 'yes', stepDownNote: ' ' }, 'RC9').issues[0]?.field).toBe('stepDownNote')
    expect(readStepDown({ stepDown: 'yes', stepDownNote: ' Keep routines ' }, 'RC9')).toEqual({
      note: 'Keep routines',
      issues: [],
    })
    // A note left in the hidden box of "no" is not kept.
    expect(readStepDown({ stepDown: 'no', stepDownNote: 'stray' }, 'RC7').note).toBeNull()
  })
})
