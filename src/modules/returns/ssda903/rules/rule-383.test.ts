import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule383 } from './rule-383.js'

const ctx = testContext()

function child(after: Record<string, string>, temporary = 'T3') {
  return testChild({
    Episodes: [
      { DECOM: '01/09/2025', RNE: 'P', PLACE: 'U4', PL_POST: 'AB1 2CD', ...after },
      { DECOM: '01/08/2025', RNE: 'P', PLACE: temporary, PL_POST: 'EF3 4GH' },
      { DECOM: '01/06/2025', RNE: 'S', PLACE: 'U4', PL_POST: 'AB1 2CD' },
    ],
  })
}

describe('383 back to the usual placement after a temporary one', () => {
  it.each([
    ['back to the same placement', {}, 0],
    ['same postcode written differently', { PL_POST: 'ab12cd' }, 0],
    ['another placement type', { PLACE: 'U6' }, 1],
    ['another postcode', { PL_POST: 'AB1 2CE' }, 1],
    ['not a change of placement only', { RNE: 'B' }, 1],
  ])('%s', (_, after, expected) => {
    expect(rule383.check(child(after), ctx)).toHaveLength(expected)
  })

  it('reports the episode after the temporary one, found by start date', () => {
    expect(rule383.check(child({ PLACE: 'U6' }), ctx)).toMatchObject([{ row: 0, fields: ['PLACE'] }])
  })

  it('ignores a move that is not through a temporary placement', () => {
    expect(rule383.check(child({ PLACE: 'U6' }, 'U5'), ctx)).toHaveLength(0)
  })

  it('needs an episode before the temporary one', () => {
    const c = testChild({
      Episodes: [
        { DECOM: '01/08/2025', PLACE: 'T3' },
        { DECOM: '01/09/2025', RNE: 'B', PLACE: 'U6' },
      ],
    })
    expect(rule383.check(c, ctx)).toHaveLength(0)
  })
})
