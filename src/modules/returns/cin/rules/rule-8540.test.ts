import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8540 } from './rule-8540.js'

const ctx = cinContext()
const where = (hits: readonly { table: string; row: number }[]) => hits.map((h) => `${h.table}:${h.row}`)

describe('8540 disability missing or invalid', () => {
  it.each([
    ['NONE', ['NONE'], []],
    ['two valid codes', ['MOB', 'AUT'], []],
    ['an invalid code', ['MOB', 'XYZ'], ['ChildIdentifiers:0', 'Disabilities:1', 'CINdetails:0']],
    ['lower case is invalid', ['none'], ['ChildIdentifiers:0', 'Disabilities:0', 'CINdetails:0']],
    ['a blank Disability', [''], ['ChildIdentifiers:0', 'Disabilities:0', 'CINdetails:0']],
    ['an empty Disabilities element', [], ['ChildIdentifiers:0', 'CINdetails:0']],
    ['no Disabilities element', null, ['ChildIdentifiers:0', 'CINdetails:0']],
  ])('%s', (_, disabilities, expected) => {
    expect(where(rule8540.check(cinChild({ disabilities }), ctx))).toEqual(expected)
  })

  it.each([
    [
      'an unborn child is not checked',
      { PersonBirthDate: null, ExpectedPersonBirthDate: '2026-05-01' },
      'false',
      0,
    ],
    ['a referral with no further action is not checked', {}, 'true', 0],
    ['a referral flagged 0 is checked', {}, '0', 3],
    ['a referral with no readable flag is not checked', {}, '', 0],
  ])('%s', (_, fields, nfa, expected) => {
    const child = cinChild({
      ...fields,
      disabilities: ['XYZ'],
      cinDetails: [cinEpisode({ ReferralNFA: nfa })],
    })
    expect(rule8540.check(child, ctx)).toHaveLength(expected)
  })

  it('reports only the referrals that went on to further action', () => {
    const child = cinChild({
      disabilities: ['XYZ'],
      cinDetails: [
        cinEpisode({ ReferralNFA: 'true', cinPlans: [] }),
        cinEpisode({ CINreferralDate: '2025-07-01', ReferralNFA: 'false' }),
      ],
    })
    expect(where(rule8540.check(child, ctx))).toEqual([
      'ChildIdentifiers:0',
      'Disabilities:0',
      'CINdetails:1',
    ])
  })
})
