import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8640 } from './rule-8640.js'

const ctx = cinContext()

describe('8640 reason for closure invalid', () => {
  it.each([
    ['RC1', 'RC1', 0],
    ['RC9', 'RC9', 0],
    ['RC10', 'RC10', 1],
    ['RC0', 'RC0', 1],
    ['lower case', 'rc1', 1],
    ['a word', 'Died', 1],
    ['blank', '', 0],
    ['left out', null, 0],
  ])('%s', (_, reason, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ CINclosureDate: '2025-10-01', ReasonForClosure: reason })],
    })
    expect(rule8640.check(child, ctx)).toHaveLength(expected)
  })

  it('reports each episode with a bad code', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ ReasonForClosure: 'X' }),
        cinEpisode({ ReasonForClosure: 'RC7' }),
        cinEpisode({ ReasonForClosure: 'Y' }),
      ],
    })
    expect(rule8640.check(child, ctx).map((h) => h.row)).toEqual([0, 2])
  })
})
