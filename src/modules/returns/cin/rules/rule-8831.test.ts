import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8831 } from './rule-8831.js'

const ctx = cinContext()
const nfa = (parts: Parameters<typeof cinEpisode>[0] = {}) =>
  cinEpisode({ ReferralNFA: 'true', assessments: [], cinPlans: [], ...parts })

describe('8831 activity on a referral with no further action', () => {
  it.each([
    ['NFA, nothing recorded', nfa(), 0],
    [
      'NFA, an assessment with a start date',
      nfa({ assessments: [assessment({ AssessmentAuthorisationDate: null })] }),
      2,
    ],
    [
      'NFA, an assessment with only an authorisation date',
      nfa({ assessments: [assessment({ AssessmentActualStartDate: null })] }),
      2,
    ],
    [
      'NFA, an assessment with no dates',
      nfa({
        assessments: [assessment({ AssessmentActualStartDate: null, AssessmentAuthorisationDate: null })],
      }),
      0,
    ],
    ['NFA, an S47 with a start date', nfa({ section47s: [section47()] }), 2],
    ['NFA, an S47 with no start date', nfa({ section47s: [section47({ S47ActualStartDate: null })] }), 0],
    ['NFA, a conference date on the episode', nfa({ DateOfInitialCPC: '2025-05-22' }), 1],
    ['NFA as 1, an assessment', nfa({ ReferralNFA: '1', assessments: [assessment()] }), 2],
    ['further action, an assessment', nfa({ ReferralNFA: 'false', assessments: [assessment()] }), 0],
    ['flag blank, an assessment', nfa({ ReferralNFA: '', assessments: [assessment()] }), 0],
  ])('%s', (_, episode, expected) => {
    expect(rule8831.check(cinChild({ cinDetails: [episode] }), ctx)).toHaveLength(expected)
  })

  it('reports the episode and each row with activity', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode(),
        nfa({
          assessments: [
            assessment({ AssessmentActualStartDate: null, AssessmentAuthorisationDate: null }),
            assessment(),
          ],
          section47s: [section47(), section47({ S47ActualStartDate: null })],
        }),
      ],
    })
    expect(rule8831.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 1],
      ['Assessments', 2],
      ['Section47', 0],
    ])
  })

  it('reports every enquiry when the episode records a conference date', () => {
    const child = cinChild({
      cinDetails: [
        nfa({ DateOfInitialCPC: '2025-05-22', section47s: [section47({ S47ActualStartDate: null })] }),
      ],
    })
    expect(rule8831.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['Section47', 0],
    ])
  })
})
