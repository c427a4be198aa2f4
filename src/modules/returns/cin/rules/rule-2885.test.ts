import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, cpPlan, section47 } from '../test-child.js'
import { rule2885 } from './rule-2885.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('2885 plan starts on the day of the initial conference', () => {
  describe('against the section 47 enquiry', () => {
    it.each([
      ['the same day', '2025-05-22', '2025-05-22', []],
      ['the day before', '2025-05-22', '2025-05-21', ['ChildProtectionPlans:0', 'Section47:0']],
      ['the day after', '2025-05-22', '2025-05-23', ['ChildProtectionPlans:0', 'Section47:0']],
      ['no conference date', '2025-05-22', null, ['ChildProtectionPlans:0', 'Section47:0']],
      ['a plan starting before the census year is not checked', '2025-03-31', '2025-03-01', []],
      [
        'a plan starting on 1 April is checked',
        '2025-04-01',
        '2025-03-01',
        ['ChildProtectionPlans:0', 'Section47:0'],
      ],
    ])('%s', (_, start, icpc, expected) => {
      const child = cinChild({
        cinDetails: [
          cinEpisode({
            section47s: [section47({ DateOfInitialCPC: icpc })],
            childProtectionPlans: [cpPlan({ CPPstartDate: start })],
          }),
        ],
      })
      expect(where(rule2885.check(child, ctx))).toEqual(expected)
    })

    it('passes the enquiries when any plan matches, but still reports the plan that does not', () => {
      const child = cinChild({
        cinDetails: [
          cinEpisode({
            section47s: [
              section47({ DateOfInitialCPC: '2025-05-22' }),
              section47({ DateOfInitialCPC: null }),
            ],
            childProtectionPlans: [
              cpPlan({ CPPstartDate: '2025-05-22' }),
              cpPlan({ CPPstartDate: '2025-10-01' }),
            ],
          }),
        ],
      })
      expect(where(rule2885.check(child, ctx))).toEqual(['ChildProtectionPlans:1'])
    })

    it.each([
      ['true', ['ChildProtectionPlans:0', 'CINdetails:0']],
      ['1', ['ChildProtectionPlans:0', 'CINdetails:0']],
      ['TRUE', ['ChildProtectionPlans:0', 'CINdetails:0']],
      ['false', ['ChildProtectionPlans:0', 'Section47:0']],
      ['0', ['ChildProtectionPlans:0', 'Section47:0']],
    ])('an enquiry with ICPCnotRequired %s', (flag, expected) => {
      // An enquiry that needed no conference is set aside, and the episode's own date is used.
      const child = cinChild({
        cinDetails: [
          cinEpisode({
            DateOfInitialCPC: '2025-05-22',
            section47s: [section47({ DateOfInitialCPC: null, ICPCnotRequired: flag })],
            childProtectionPlans: [cpPlan({ CPPstartDate: '2025-05-23' })],
          }),
        ],
      })
      expect(where(rule2885.check(child, ctx))).toEqual(expected)
    })
  })

  describe('against the episode when there is no enquiry', () => {
    it.each([
      ['the same day', '2025-05-22', '2025-05-22', []],
      ['the day before', '2025-05-22', '2025-05-21', ['ChildProtectionPlans:0', 'CINdetails:0']],
      ['the day after', '2025-05-22', '2025-05-23', ['ChildProtectionPlans:0', 'CINdetails:0']],
      ['no conference date', '2025-05-22', null, ['ChildProtectionPlans:0', 'CINdetails:0']],
    ])('%s', (_, start, icpc, expected) => {
      const child = cinChild({
        cinDetails: [
          cinEpisode({
            DateOfInitialCPC: icpc,
            section47s: [],
            childProtectionPlans: [cpPlan({ CPPstartDate: start })],
          }),
        ],
      })
      expect(where(rule2885.check(child, ctx))).toEqual(expected)
    })
  })

  it('passes an episode with no plan', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47({ DateOfInitialCPC: null })] })],
    })
    expect(rule2885.check(child, ctx)).toHaveLength(0)
  })
})
