import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8866 } from './rule-8866.js'

const ctx = cinContext()

describe('8866 referral source missing or invalid', () => {
  it.each([
    ['valid code', '2025-05-01', '1A', 0],
    ['valid code 10', '2025-05-01', '10', 0],
    ['invalid code', '2025-05-01', '11', 1],
    ['lower case', '2025-05-01', '1a', 1],
    ['blank', '2025-05-01', '', 1],
    ['left out', '2025-05-01', null, 1],
    ['blank, referred 1 April 2013', '2013-04-01', '', 1],
    ['blank, referred 31 March 2013', '2013-03-31', '', 0],
    ['invalid, referred before April 2013', '2012-01-01', 'X', 0],
    ['blank, no referral date', null, '', 0],
  ])('%s', (_, referral, source, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ CINreferralDate: referral, ReferralSource: source })],
    })
    expect(rule8866.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the episode row', () => {
    const child = cinChild({ cinDetails: [cinEpisode(), cinEpisode({ ReferralSource: '99' })] })
    expect(rule8866.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['CINdetails', 1]])
  })
})
