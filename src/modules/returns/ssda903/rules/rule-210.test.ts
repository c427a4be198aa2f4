import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule210 } from './rule-210.js'

const ctx = testContext() // year ends 31/03/2026; a week before is 24/03/2026

function child(upn: string, episodes: { DECOM: string; DEC?: string }[]) {
  return testChild({ Header: [{ UPN: upn }], Episodes: episodes })
}

describe('210 UN4 for a child looked after more than a week at 31 March', () => {
  it.each([
    ['started 23 March', '23/03/2026', 1],
    ['started 24 March', '24/03/2026', 0],
    ['started 25 March', '25/03/2026', 0],
    ['started last year', '01/01/2025', 1],
  ])('%s, still looked after', (_, decom, expected) => {
    expect(rule210.check(child('UN4', [{ DECOM: decom }]), ctx)).toHaveLength(expected)
  })

  it('counts the period of care from its first episode', () => {
    const episodes = [{ DECOM: '01/03/2026', DEC: '25/03/2026' }, { DECOM: '25/03/2026' }]
    expect(rule210.check(child('UN4', episodes), ctx)).toHaveLength(1)
  })

  it('starts a new period after a gap', () => {
    const episodes = [{ DECOM: '01/03/2026', DEC: '10/03/2026' }, { DECOM: '25/03/2026' }]
    expect(rule210.check(child('UN4', episodes), ctx)).toHaveLength(0)
  })

  it('ignores a child no longer looked after at 31 March', () => {
    expect(rule210.check(child('UN4', [{ DECOM: '01/01/2026', DEC: '01/02/2026' }]), ctx)).toHaveLength(0)
  })

  it('does not take an episode with an invalid end as still open', () => {
    expect(rule210.check(child('UN4', [{ DECOM: '01/01/2026', DEC: '31/02/2026' }]), ctx)).toHaveLength(0)
  })

  it('ignores other UPNs and messy dates', () => {
    expect(rule210.check(child('UN3', [{ DECOM: '01/01/2026' }]), ctx)).toHaveLength(0)
    expect(rule210.check(child('UN4', [{ DECOM: 'soon' }]), ctx)).toHaveLength(0)
  })
})
