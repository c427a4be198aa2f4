/**
 * Children's identifiers and their checks, one definition for every area that needs them (the
 * front door's forms, the DfE returns' rules, the synthetic authority).
 *
 * UPN (unique pupil number, DfE): 13 characters. Character 1 is a check letter; 2–4 the LA code;
 * 5–8 the establishment; 9–10 the year of allocation; 11–13 a serial, whose last character is a
 * letter in a temporary UPN. The check letter is the modulus-23 sum of characters 2–13, each
 * weighted by its position (2 to 13), read from A–Z without I, O and S; a letter in character 13
 * counts as its place in that alphabet.
 *
 * NHS number: 10 digits, the last a modulus-11 check over the first nine weighted 10 down to 2;
 * nine digits whose check would be 10 make no valid NHS number.
 */

export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

function upnCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48
  return UPN_CHECK_LETTERS.indexOf(ch)
}

/** The check letter for characters 2–13 of a UPN (a 12-character string), or null if they cannot be checked. */
export function upnCheckLetter(body: string): string | null {
  if (body.length !== 12) return null
  let sum = 0
  for (let i = 0; i < 12; i++) {
    const v = upnCharValue(body.charAt(i))
    if (v < 0) return null
    sum += v * (i + 2)
  }
  return UPN_CHECK_LETTERS.charAt(sum % 23)
}

const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/

/** True when a UPN has the right shape and check letter. */
export function isValidUpn(upn: string): boolean {
  return UPN_SHAPE.test(upn) && upnCheckLetter(upn.slice(1)) === upn.charAt(0)
}

/** The NHS modulus-11 check digit for nine digits, or null when the nine have none (remainder 10). */
export function nhsCheckDigit(nine: string): number | null {
  if (!/^\d{9}$/.test(nine)) return null
  let sum = 0
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  if (check === 10) return null
  return check
}

/** True when ten digits (spaces allowed, as the number is often written 3-3-4) pass the check. */
export function isValidNhsNumber(nhs: string): boolean {
  const digits = nhs.replace(/ /g, '')
  if (!/^\d{10}$/.test(digits)) return false
  return nhsCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48
}
