import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule502 } from './rule-502.js'

const ctx = testContext()
const child = (firstDecom: string, lastDecom: string, lastDec = '') =>
  testChild(
    { Episodes: [{ DECOM: '01/08/2025' }, { DECOM: firstDecom }] },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025' },
        { DECOM: lastDecom, DEC: lastDec },
      ],
    },
  )

describe('502 open episode last year does not start this year’s record', () => {
  it.each([
    ['same start', '10/02/2025', '10/02/2025', '', 0],
    ['a day later', '11/02/2025', '10/02/2025', '', 1],
    ['a day earlier', '09/02/2025', '10/02/2025', '', 1],
    ['last year it had ended', '01/05/2025', '10/02/2025', '01/03/2025', 0],
    ['last year its end unreadable', '01/05/2025', '10/02/2025', '1 March', 0],
    ['last year its start unreadable', '01/05/2025', '10/02/2O25', '', 0],
  ])('%s', (_, first, last, lastDec, expected) => {
    expect(rule502.check(child(first, last, lastDec), ctx)).toHaveLength(expected)
  })
  it('reports this year’s first episode', () => {
    expect(rule502.check(child('11/02/2025', '10/02/2025'), ctx)[0]).toMatchObject({
      row: 1,
      fields: ['DECOM'],
    })
  })
  it('does nothing with no episodes this year, or without last year’s return', () => {
    const none = testChild({}, { Episodes: [{ DECOM: '10/02/2025' }] })
    expect(rule502.check(none, ctx)).toHaveLength(0)
    expect(
      rule502.check(child('11/02/2025', '10/02/2025'), testContext('2025/26', { hasPrevious: false })),
    ).toHaveLength(0)
  })
})
