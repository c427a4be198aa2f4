import { describe, expect, it } from 'vitest'
import { assessment, cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule2991Q } from './rule-2991Q.js'

const ctx = cinContext()

describe('2991Q section 47 with no assessment on the episode', () => {
  it.each([
    ['S47 and an assessment', [assessment()], 1, 0],
    ['S47 and no assessment', [], 1, 1],
    ['two S47s and no assessment', [], 2, 2],
    ['no S47 and no assessment', [], 0, 0],
    ['an assessment with no dates still counts', [assessment({ AssessmentActualStartDate: null })], 1, 0],
  ])('%s', (_, assessments, enquiries, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ assessments, section47s: Array.from({ length: enquiries }, () => section47()) }),
      ],
    })
    expect(rule2991Q.check(child, ctx)).toHaveLength(expected)
  })

  it('does not borrow an assessment from another episode', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ section47s: [] }),
        cinEpisode({ CINreferralDate: '2025-07-01', assessments: [], section47s: [section47()] }),
      ],
    })
    expect(rule2991Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 0]])
  })
})
