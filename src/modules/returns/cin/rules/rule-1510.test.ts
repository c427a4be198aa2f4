import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1510, upnCheckLetter } from './rule-1510.js'

const ctx = cinContext()

describe('1510 UPN check letter', () => {
  it.each([
    ['right letter', 'Z201251000001', 0],
    ['wrong letter', 'A201251000001', 1],
    ['lower-case letter (the check is case-sensitive)', 'z201251000001', 1],
    ['right letter, another number', 'N201251000002', 0],
    ['one digit changed, letter kept', 'Z201251000002', 1],
    ['temporary UPN ending in a letter: not checkable here', 'A20125100000A', 0],
    ['twelve characters: not checkable here', 'A20125100000', 0],
    ['fourteen characters: not checkable here', 'A2012510000011', 0],
    ['no UPN', null, 0],
    ['blank UPN', '', 0],
  ])('%s', (_, upn, expected) => {
    expect(rule1510.check(cinChild({ UPN: upn }), ctx)).toHaveLength(expected)
  })

  it('computes the letter from the weighted sum modulo 23', () => {
    // 2·2 + 0·3 + 1·4 + 2·5 + 5·6 + 1·7 + 2·13 = 81; 81 mod 23 = 12 → N (I, O and S are skipped)
    expect(upnCheckLetter('?201251000002')).toBe('N')
    expect(upnCheckLetter('?201251000000')).toBe('K')
    expect(upnCheckLetter('?000000000000')).toBe('A')
    expect(upnCheckLetter('?00000000000X')).toBeNull()
  })
})

describe('1510 check letter invariants', () => {
  const twelveDigits = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 })
    .map((d) => d.join(''))

  it('a UPN made with its own check letter passes', () => {
    fc.assert(
      fc.property(twelveDigits, (digits) => {
        const letter = upnCheckLetter(`?${digits}`) as string
        expect(rule1510.check(cinChild({ UPN: `${letter}${digits}` }), ctx)).toHaveLength(0)
      }),
    )
  })

  it('changing any one digit changes the check letter (23 is prime, every weight is below it)', () => {
    fc.assert(
      fc.property(
        twelveDigits,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, at, by) => {
          const changed = digits.slice(0, at) + String((Number(digits[at]) + by) % 10) + digits.slice(at + 1)
          expect(upnCheckLetter(`?${changed}`)).not.toBe(upnCheckLetter(`?${digits}`))
        },
      ),
    )
  })
})
