/**
 * Identifiers the synthetic children carry, built so they pass the DfE's and the NHS's checks.
 *
 * UPN (unique pupil number): 13 characters. Character 1 is a check letter; 2–4 the LA code;
 * 5–8 the establishment number; 9–10 the year of allocation; 11–13 a serial. The check letter
 * is the DfE's modulus-23 sum over characters 2–13, each weighted by its position (2 to 13).
 *
 * NHS number: 10 digits, the last a modulus-11 check over the first nine weighted 10 down to 2.
 * Synthetic numbers start 999, the range the NHS keeps for test data, so none is a real patient.
 */
import type { Random } from './random.js'

const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** The value of a UPN character in the check sum: a digit is itself; a letter (character 13 of a temporary UPN) its place in the check alphabet. */
function upnCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48
  const i = UPN_CHECK_LETTERS.indexOf(ch)
  return i < 0 ? -1 : i
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

/** True when a UPN has the right shape and check letter. */
export function isValidUpn(upn: string): boolean {
  if (!/^[A-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return false
  return upnCheckLetter(upn.slice(1)) === upn.charAt(0)
}

/**
 * The UPN `laCode` allocated in `year` to the child numbered `serial` in the population: the
 * establishment and serial digits spell out the number, so no two synthetic children share a
 * UPN (rule 1520) below nine million children.
 */
export function makeUpn(laCode: string, year: number, serial: number): string {
  const n = serial % 9_000_000
  const establishment = 1000 + Math.floor(n / 1000)
  const body = `${laCode}${String(establishment).padStart(4, '0')}${String(year % 100).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  return `${upnCheckLetter(body) as string}${body}`
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

export function isValidNhsNumber(nhs: string): boolean {
  if (!/^\d{10}$/.test(nhs)) return false
  return nhsCheckDigit(nhs.slice(0, 9)) === nhs.charCodeAt(9) - 48
}

/** A synthetic NHS number in the 999 test range with a valid check digit. */
export function makeNhsNumber(random: Random): string {
  for (;;) {
    const nine = `999${random.digits(6)}`
    const check = nhsCheckDigit(nine)
    if (check !== null) return `${nine}${check}`
  }
}
