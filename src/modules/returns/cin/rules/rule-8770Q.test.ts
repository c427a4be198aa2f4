import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8770Q } from './rule-8770Q.js'

const ctx = cinContext()

describe('8770Q school-age child with no UPN or reason', () => {
  it.each([
    ['born 31 August 2020, no UPN, no reason', '2020-08-31', null, null, 1],
    ['born 1 September 2020, no UPN, no reason', '2020-09-01', null, null, 0],
    ['born 30 August 2020, no UPN, no reason', '2020-08-30', null, null, 1],
    ['school age, UPN given', '2015-06-15', 'Z201251000001', null, 0],
    ['school age, reason UN1', '2015-06-15', null, 'UN1', 1],
    ['school age, reason UN2', '2015-06-15', null, 'UN2', 0],
    ['school age, reason UN7', '2015-06-15', null, 'UN7', 0],
    ['school age, reason in lower case', '2015-06-15', null, 'un3', 0],
    ['school age, unknown reason', '2015-06-15', null, 'UN8', 1],
    ['school age, reason blank', '2015-06-15', null, '', 1],
    ['no date of birth', null, null, null, 0],
  ])('%s', (_, birth, upn, reason, expected) => {
    const child = cinChild({ PersonBirthDate: birth, UPN: upn, UPNunknown: reason })
    expect(rule8770Q.check(child, ctx)).toHaveLength(expected)
  })

  it.each([
    ['only referrals with no further action', ['true', '1'], 0],
    ['one referral with further action', ['true', 'false'], 1],
    ['further action as 0', ['0'], 1],
    ['flag blank', [''], 0],
  ])('%s', (_, flags, expected) => {
    const child = cinChild({ UPN: null, cinDetails: flags.map((f) => cinEpisode({ ReferralNFA: f })) })
    expect(rule8770Q.check(child, ctx)).toHaveLength(expected)
  })

  it('moves with the collection year (2024/25: born on or before 31 August 2019)', () => {
    const ctx2024 = cinContext('2024/25')
    expect(rule8770Q.check(cinChild({ UPN: null, PersonBirthDate: '2019-08-31' }), ctx2024)).toHaveLength(1)
    expect(rule8770Q.check(cinChild({ UPN: null, PersonBirthDate: '2019-09-01' }), ctx2024)).toHaveLength(0)
  })

  it('reports the child identifiers row', () => {
    const hits = rule8770Q.check(cinChild({ UPN: null }), ctx)
    expect(hits.map((h) => [h.table, h.row])).toEqual([['ChildIdentifiers', 0]])
  })
})
