import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8868 } from './rule-8868.js'

const ctx = cinContext()
const s47 = (icpc: string | null, notRequired: string | null) =>
  section47({ DateOfInitialCPC: icpc, ICPCnotRequired: notRequired })

describe('8868 closed episode with an unfinished S47', () => {
  it.each([
    ['conference held, flag false', s47('2025-05-22', 'false'), 0],
    ['no conference, not required', s47(null, 'true'), 0],
    ['no conference, not required as 1', s47(null, '1'), 0],
    ['no conference, flag false', s47(null, 'false'), 2],
    ['no conference, flag blank', s47(null, ''), 2],
    ['no conference, flag left out', s47(null, null), 2],
    ['conference held and not required', s47('2025-05-22', 'true'), 2],
    ['conference held, flag blank', s47('2025-05-22', ''), 0],
  ])('%s', (_, enquiry, expected) => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ CINclosureDate: '2025-10-01', ReasonForClosure: 'RC7', section47s: [enquiry] }),
      ],
    })
    expect(rule8868.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves open episodes alone', () => {
    const child = cinChild({ cinDetails: [cinEpisode({ section47s: [s47(null, 'false')] })] })
    expect(rule8868.check(child, ctx)).toHaveLength(0)
  })

  it('reports the episode once and each unfinished enquiry', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({
          CINclosureDate: '2025-10-01',
          ReasonForClosure: 'RC7',
          section47s: [s47(null, 'false'), section47(), s47(null, '')],
        }),
      ],
    })
    expect(rule8868.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['CINdetails', 0],
      ['Section47', 0],
      ['Section47', 2],
    ])
  })
})
