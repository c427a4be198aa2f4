import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT21 } from './rule-INT21.js'

const ctx = testContext()

describe('INT21 SEX in UASC matches Header', () => {
  it.each([
    ['the same', 'F', 'F', 0],
    ['the same in another case and spacing', 'F', ' f ', 0],
    ['different', 'F', 'M', 1],
    ['blank in UASC', 'F', '', 0],
    ['blank in Header', '', 'M', 0],
  ])('%s', (_, header, uasc, expected) => {
    const child = testChild({ Header: [{ SEX: header }], UASC: [{ SEX: uasc }] })
    expect(ruleINT21.check(child, ctx)).toHaveLength(expected)
  })

  it('names the UASC row', () => {
    const child = testChild({ Header: [{ SEX: 'F' }], UASC: [{ SEX: 'M' }] })
    expect(ruleINT21.check(child, ctx)[0]).toMatchObject({ table: 'UASC', row: 0, fields: ['SEX'] })
  })
})
