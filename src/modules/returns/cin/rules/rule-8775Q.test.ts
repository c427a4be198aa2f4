import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8775Q } from './rule-8775Q.js'

const ctx = cinContext()

describe('8775Q child over 25', () => {
  it.each([
    ['born 30 March 2001, open', '2001-03-30', null, 2],
    ['born 31 March 2001, open', '2001-03-31', null, 0],
    ['born 1 April 2001, open', '2001-04-01', null, 0],
    ['born 1980, open', '1980-01-01', null, 2],
    ['born 1980, closure unreadable', '1980-01-01', '2025-02-30', 2],
    ['closed the day after the 25th birthday', '2000-06-15', '2025-06-16', 2],
    ['closed on the 25th birthday', '2000-06-15', '2025-06-15', 0],
    ['closed the day before the 25th birthday', '2000-06-15', '2025-06-14', 0],
    ['born 29 February 2000, closed 28 February 2025', '2000-02-29', '2025-02-28', 0],
    ['born 29 February 2000, closed 1 March 2025', '2000-02-29', '2025-03-01', 2],
    ['no date of birth', null, null, 0],
  ])('%s', (_, birth, closed, expected) => {
    const child = cinChild({
      PersonBirthDate: birth,
      cinDetails: [
        cinEpisode({
          CINreferralDate: '2024-01-01',
          CINclosureDate: closed,
          ReasonForClosure: closed === null ? null : 'RC7',
        }),
      ],
    })
    expect(rule8775Q.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the child once and each late or open episode', () => {
    const child = cinChild({
      PersonBirthDate: '1990-01-01',
      cinDetails: [
        cinEpisode({ CINclosureDate: '2014-06-01' }),
        cinEpisode({ CINclosureDate: '2025-06-01' }),
        cinEpisode(),
      ],
    })
    expect(rule8775Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([
      ['ChildIdentifiers', 0],
      ['CINdetails', 1],
      ['CINdetails', 2],
    ])
  })

  it('says nothing of an old child with no episodes', () => {
    expect(rule8775Q.check(cinChild({ PersonBirthDate: '1980-01-01', cinDetails: [] }), ctx)).toHaveLength(0)
  })
})
