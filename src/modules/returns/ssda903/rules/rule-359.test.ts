import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule359 } from './rule-359.js'

const ctx = testContext() // year ends 31/03/2026

function child(dob: string, episode: Record<string, string>) {
  return testChild({ Header: [{ DOB: dob }], Episodes: [{ DECOM: '01/01/2025', ...episode }] })
}

describe('359 looked after past 18 other than under s20(5) in a community home', () => {
  it.each([
    ['18 the day before 31 March, open, fostered', '30/03/2008', { LS: 'V2', PLACE: 'U4' }, 1],
    ['18 on 31 March, open, fostered', '31/03/2008', { LS: 'V2', PLACE: 'U4' }, 0],
    ['over 18, open, V2 in K2', '30/03/2007', { LS: 'V2', PLACE: 'K2' }, 0],
    ['over 18, open, C2 in K2', '30/03/2007', { LS: 'C2', PLACE: 'K2' }, 1],
    ['over 18, ended', '30/03/2007', { LS: 'C2', PLACE: 'U4', DEC: '01/06/2025' }, 0],
    ['over 18, invalid end', '30/03/2007', { LS: 'C2', PLACE: 'U4', DEC: '31/06/2025' }, 0],
  ])('%s', (_, dob, episode, expected) => {
    expect(rule359.check(child(dob, episode), ctx)).toHaveLength(expected)
  })
})
