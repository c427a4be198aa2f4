import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8839 } from './rule-8839.js'

const ctx = cinContext()
const open = (flag: string | null = 'false') => section47({ DateOfInitialCPC: null, ICPCnotRequired: flag })
const held = () => section47()

describe('8839 two or more open S47s in one episode', () => {
  it.each([
    ['one open', [open()], 0],
    ['two open', [open(), open()], 2],
    ['two open, flags blank and left out', [open(''), open(null)], 2],
    ['one open, one not required', [open(), open('true')], 0],
    ['one open, one not required as 1', [open(), open('1')], 0],
    ['two open and one not required: all three without a date', [open(), open('true'), open()], 3],
    ['two open and one held', [open(), held(), open()], 2],
    ['one open and one held', [open(), held()], 0],
  ])('%s', (_, enquiries, expected) => {
    expect(
      rule8839.check(cinChild({ cinDetails: [cinEpisode({ section47s: enquiries })] }), ctx),
    ).toHaveLength(expected)
  })

  it('counts within each episode, not across them', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [open()] }), cinEpisode({ section47s: [open()] })],
    })
    expect(rule8839.check(child, ctx)).toHaveLength(0)
  })

  it('reports the enquiry rows', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ section47s: [held()] }),
        cinEpisode({ section47s: [open(), held(), open()] }),
      ],
    })
    expect(rule8839.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['Section47', 1],
      ['Section47', 3],
    ])
  })
})
