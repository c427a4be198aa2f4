import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1530 } from './rule-1530.js'
import { UPN_LA_CODES } from './shared-upn.js'

const ctx = cinContext()

describe('1530 UPN LA code', () => {
  it.each([
    ['201, a London borough', 'Z201251000001', 0],
    ['200, below the range', 'Z200251000001', 1],
    ['213, the last of its range', 'Z213251000001', 0],
    ['214, just past it', 'Z214251000001', 1],
    ['001, a pseudo LA code', 'Z001251000001', 0],
    ['000', 'Z000251000001', 1],
    ['006, past the pseudo codes', 'Z006251000001', 1],
    ['943, added in 2023/24', 'Z943251000001', 0],
    ['944', 'Z944251000001', 1],
    ['letters', 'ZAB1251000001', 1],
    ['a bad code in a UPN of the wrong length is left alone', 'Z999', 0],
    ['no UPN', null, 0],
  ])('%s', (_, upn, expected) => {
    expect(rule1530.check(cinChild({ UPN: upn }), ctx)).toHaveLength(expected)
  })

  it.each([
    ['815', true],
    ['814', false],
    ['839', true],
    ['842', false],
    ['420', true],
    ['421', false],
    ['939', false],
    ['1', false],
  ])('code %s recognised: %s', (code, known) => {
    expect(UPN_LA_CODES.has(code)).toBe(known)
  })
})
