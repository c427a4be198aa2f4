import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule4220 } from './rule-4220.js'

const ctx = cinContext()

describe('4220 ethnicity required and valid', () => {
  it.each([
    ['WBRI', 'WBRI', 0],
    ['REFU', 'REFU', 0],
    ['NOBT', 'NOBT', 0],
    ['lower case', 'wbri', 1],
    ['a code from another list', 'WHIT', 1],
    ['blank', '', 1],
    ['missing', null, 1],
  ])('%s', (_, ethnicity, expected) => {
    const hits = rule4220.check(cinChild({ Ethnicity: ethnicity }), ctx)
    expect(hits).toHaveLength(expected)
    if (expected) expect(hits[0]).toMatchObject({ table: 'ChildCharacteristics', row: 0 })
  })
})
