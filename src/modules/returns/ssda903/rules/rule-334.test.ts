import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule334 } from './rule-334.js'

const ctx = testContext()

function child(int: string) {
  return testChild({
    Episodes: [
      { DECOM: '01/01/2025', DEC: '01/03/2025', RNE: 'S', REC: 'E4A' },
      { DECOM: '01/06/2025', RNE: 'S' },
      { DECOM: '01/07/2025', RNE: 'P' },
    ],
    AD1: [{ DATE_INT: int }],
  })
}

describe('334 decision to place for adoption not before the latest period of care', () => {
  it.each([
    ['the day before the latest start', '31/05/2025', 2],
    ['on the latest start', '01/06/2025', 0],
    ['after', '02/06/2025', 0],
    ['blank', '', 0],
  ])('%s', (_, int, expected) => {
    expect(rule334.check(child(int), ctx)).toHaveLength(expected)
  })

  it('reports the starting episode', () => {
    expect(rule334.check(child('01/02/2025'), ctx)[0]).toMatchObject({ table: 'Episodes', row: 1 })
  })
})
