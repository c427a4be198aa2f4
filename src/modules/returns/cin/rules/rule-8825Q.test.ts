import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8825Q } from './rule-8825Q.js'

const ctx = cinContext()

describe('8825Q closed after assessment, but no assessment', () => {
  it.each([
    ['RC8, no assessment', 'RC8', 0, 1],
    ['RC9, no assessment', 'RC9', 0, 1],
    ['RC8, one assessment', 'RC8', 1, 0],
    ['RC9, two assessments', 'RC9', 2, 0],
    ['RC7, no assessment', 'RC7', 0, 0],
    ['lower-case rc8, no assessment', 'rc8', 0, 0],
    ['no reason, no assessment', null, 0, 0],
  ])('%s', (_, reason, count, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          CINclosureDate: '2025-06-20',
          ReasonForClosure: reason,
          cinPlans: [],
          assessments: Array.from({ length: count }, () => assessment()),
        }),
      ],
    })
    expect(rule8825Q.check(child, ctx)).toHaveLength(expected)
  })

  it('looks at the assessments of the same episode only', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments: [assessment()] }),
        cinEpisode({ CINclosureDate: '2025-06-20', ReasonForClosure: 'RC8', assessments: [], cinPlans: [] }),
      ],
    })
    expect(rule8825Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})
