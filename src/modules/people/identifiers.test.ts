import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidNhsNumber, isValidUpn, nhsCheckDigit, upnCheckLetter } from './identifiers.js'

describe('NHS numbers', () => {
  it.each([
    ['9434765919', true], // the NHS's published example
    ['943 476 5919', true],
    ['9434765918', false], // wrong check digit
    ['943476591', false], // nine digits
    ['94347659199', false],
    ['943476591A', false],
  ])('%s valid: %s', (nhs, expected) => {
    expect(isValidNhsNumber(nhs)).toBe(expected)
  })

  it('gives 0 for a remainder of 0, and no digit when the check would be 10', () => {
    expect(nhsCheckDigit('100000000')).toBe(1) // 10 → 11 - 10
    expect(nhsCheckDigit('000000000')).toBe(0) // 11 - 0 = 11 → 0
    expect(nhsCheckDigit('000000006')).toBeNull() // 6 × 2 = 12, remainder 1 → 10: no number
  })

  it('property: exactly one final digit makes nine digits valid, unless none does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [...'0123456789'].filter((d) => isValidNhsNumber(nine + d))
        const check = nhsCheckDigit(nine)
        expect(valid).toEqual(check === null ? [] : [String(check)])
      }),
    )
  })
})

describe('UPNs', () => {
  it('computes the DfE check letter', () => {
    // 2*8 + 3*2 + 4*3 + 5*2 + 6*0 + 7*0 + 8*0 + 9*1 + 10*2 + 11*5 + 12*0 + 13*1 = 141; 141 mod 23 = 3 → D
    expect(upnCheckLetter('823200012501')).toBe('D')
    expect(isValidUpn('D823200012501')).toBe(true)
    expect(isValidUpn('E823200012501')).toBe(false)
    expect(isValidUpn('D82320001250')).toBe(false)
    expect(isValidUpn('D82320001250I')).toBe(false) // I is not in the check alphabet
  })

  it('property: every 12-digit body has exactly one valid check letter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (body) => {
        const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((l) => isValidUpn(l + body))
        expect(letters).toEqual([upnCheckLetter(body)])
      }),
    )
  })
})
