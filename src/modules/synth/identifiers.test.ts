import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidNhsNumber, isValidUpn, nhsCheckDigit, upnCheckLetter } from '../people/identifiers.js'
import { makeNhsNumber, makeUpn } from './identifiers.js'
import { streamFor } from './random.js'

describe('UPN check letter (modulus 23 over characters 2–13)', () => {
  it.each([
    ['Z201251000001', true],
    ['A201251000001', false],
    ['Z20125100000', false],
    ['Z20125100000I', false],
    ['z201251000001', false],
  ])('%s valid: %s', (upn, valid) => {
    expect(isValidUpn(upn)).toBe(valid)
  })

  it('computes the letter from the weighted sum', () => {
    // 2·2 + 1·4 + 2·5 + 5·6 + 1·7 + 1·13 = 68; 68 mod 23 = 22 → Z
    expect(upnCheckLetter('201251000001')).toBe('Z')
    expect(upnCheckLetter('20125100000')).toBeNull()
  })

  it('makes valid, distinct UPNs for the LA, and any one-character change breaks them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_999_999 }), fc.integer({ min: 0, max: 9 }), (n, digit) => {
        const upn = makeUpn('883', 2021, n)
        expect(upn).toHaveLength(13)
        expect(upn.slice(1, 4)).toBe('883')
        expect(isValidUpn(upn)).toBe(true)
        const at = 4 + (n % 9)
        if (upn.charAt(at) !== String(digit)) {
          expect(isValidUpn(upn.slice(0, at) + String(digit) + upn.slice(at + 1))).toBe(false)
        }
      }),
    )
    expect(makeUpn('883', 2021, 1)).not.toBe(makeUpn('883', 2021, 2))
  })
})

describe('NHS number check digit (modulus 11)', () => {
  it.each([
    ['9434765919', true],
    ['9434765918', false],
    ['943476591', false],
    ['94347659190', false],
  ])('%s valid: %s', (nhs, valid) => {
    expect(isValidNhsNumber(nhs)).toBe(valid)
  })

  it('has no check digit when the remainder leaves 10', () => {
    // 1·10 + 0·9 + … + 0·2 = 10 → 11 − 10 = 1; and 0000000 06: 6·2 = 12 → 11 − 1 = 10 → none
    expect(nhsCheckDigit('000000006')).toBeNull()
    expect(nhsCheckDigit('100000000')).toBe(1)
  })

  it('makes valid numbers in the 999 test range', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const nhs = makeNhsNumber(streamFor(seed))
        expect(nhs.startsWith('999')).toBe(true)
        expect(isValidNhsNumber(nhs)).toBe(true)
        const last = Number(nhs.charAt(9))
        expect(isValidNhsNumber(nhs.slice(0, 9) + String((last + 1) % 10))).toBe(false)
      }),
    )
  })
})
