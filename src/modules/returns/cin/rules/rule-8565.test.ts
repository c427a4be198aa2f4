import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode, cinPlan, cpPlan, section47 } from '../test-child.js'
import { rule8565 } from './rule-8565.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

// Closed 1 October; everything else in the episode is over by then unless a case says otherwise.
const closed = { CINclosureDate: '2025-10-01', ReasonForClosure: 'RC7' }
const ended = [cinPlan({ CINPlanEndDate: '2025-09-30' })]

describe('8565 activity after the episode closed', () => {
  it.each([
    ['nothing after closure', cinEpisode({ ...closed, cinPlans: ended }), []],
    [
      'an open episode is not checked',
      cinEpisode({ cinPlans: [cinPlan({ CINPlanEndDate: '2026-01-01' })] }),
      [],
    ],
    [
      'initial conference the day after',
      cinEpisode({ ...closed, cinPlans: ended, DateOfInitialCPC: '2025-10-02' }),
      ['CINdetails:0'],
    ],
    [
      'initial conference on the day',
      cinEpisode({ ...closed, cinPlans: ended, DateOfInitialCPC: '2025-10-01' }),
      [],
    ],
    [
      'assessment authorised the day after',
      cinEpisode({
        ...closed,
        cinPlans: ended,
        assessments: [assessment({ AssessmentAuthorisationDate: '2025-10-02' })],
      }),
      ['Assessments:0', 'CINdetails:0'],
    ],
    [
      'assessment started the day after',
      cinEpisode({
        ...closed,
        cinPlans: ended,
        assessments: [
          assessment({ AssessmentActualStartDate: '2025-10-02', AssessmentAuthorisationDate: null }),
        ],
      }),
      ['Assessments:0', 'CINdetails:0'],
    ],
    [
      'S47 started the day after',
      cinEpisode({
        ...closed,
        cinPlans: ended,
        section47s: [section47({ S47ActualStartDate: '2025-10-02', DateOfInitialCPC: null })],
      }),
      ['Section47:0', 'CINdetails:0'],
    ],
    [
      'S47 conference the day after',
      cinEpisode({ ...closed, cinPlans: ended, section47s: [section47({ DateOfInitialCPC: '2025-10-02' })] }),
      ['Section47:0', 'CINdetails:0'],
    ],
    [
      'CP plan ended the day after',
      cinEpisode({
        ...closed,
        cinPlans: ended,
        childProtectionPlans: [cpPlan({ CPPendDate: '2025-10-02' })],
      }),
      ['ChildProtectionPlans:0', 'CINdetails:0'],
    ],
    [
      'CP plan ended on the day',
      cinEpisode({
        ...closed,
        cinPlans: ended,
        childProtectionPlans: [cpPlan({ CPPendDate: '2025-10-01' })],
      }),
      [],
    ],
    [
      'CIN plan ended the day after',
      cinEpisode({ ...closed, cinPlans: [cinPlan({ CINPlanEndDate: '2025-10-02' })] }),
      ['CINplanDates:0', 'CINdetails:0'],
    ],
    [
      'CIN plan ended on the day',
      cinEpisode({ ...closed, cinPlans: [cinPlan({ CINPlanEndDate: '2025-10-01' })] }),
      [],
    ],
    [
      'CIN plan started the day after',
      cinEpisode({
        ...closed,
        cinPlans: [cinPlan({ CINPlanStartDate: '2025-10-02', CINPlanEndDate: null })],
      }),
      ['CINplanDates:0', 'CINdetails:0'],
    ],
    [
      'CIN plan still open is not activity after closure',
      cinEpisode({ ...closed, cinPlans: [cinPlan()] }),
      [],
    ],
  ])('%s', (_, episode, expected) => {
    expect(where(rule8565.check(cinChild({ cinDetails: [episode] }), ctx))).toEqual(expected)
  })

  it('reports every late item and the episode once', () => {
    const episode = cinEpisode({
      ...closed,
      cinPlans: [cinPlan({ CINPlanEndDate: '2025-11-01' })],
      childProtectionPlans: [cpPlan({ CPPendDate: '2025-11-01' })],
    })
    expect(where(rule8565.check(cinChild({ cinDetails: [episode] }), ctx))).toEqual([
      'ChildProtectionPlans:0',
      'CINplanDates:0',
      'CINdetails:0',
    ])
  })
})
