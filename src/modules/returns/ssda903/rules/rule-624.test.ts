import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule624 } from './rule-624.js'

const ctx = testContext()

const episode = { DECOM: '01/06/2025' }

function run(now: string, before: string) {
  return rule624.check(
    testChild({ Header: [{ MC_DOB: now }], Episodes: [episode] }, { Header: [{ MC_DOB: before }] }),
    ctx,
  )
}

describe('624 MC_DOB agrees with last year', () => {
  it.each([
    ['the same day', '01/05/2024', '01/05/2024', 0],
    ['the same day written differently', '1/5/2024', '01/05/2024', 0],
    ['the day before', '30/04/2024', '01/05/2024', 1],
    ['the day after', '02/05/2024', '01/05/2024', 1],
    ['blank this year', '', '01/05/2024', 1],
    ['blank last year', '01/05/2024', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(run(now, before)).toHaveLength(expected)
  })

  it('does nothing without last year', () => {
    const none = testContext('2025/26', { hasPrevious: false })
    const child = testChild(
      { Header: [{ MC_DOB: '' }], Episodes: [episode] },
      { Header: [{ MC_DOB: '01/05/2024' }] },
    )
    expect(rule624.check(child, none)).toHaveLength(0)
  })

  it('does not check a care leaver with no episodes this year (628 and 612 want MC_DOB blank)', () => {
    const leaver = testChild(
      { Header: [{ MOTHER: '', MC_DOB: '' }], OC3: [{ IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'S' }] },
      { Header: [{ MOTHER: '1', MC_DOB: '01/05/2024' }], Episodes: [episode] },
    )
    expect(rule624.check(leaver, ctx)).toHaveLength(0)
  })
})
