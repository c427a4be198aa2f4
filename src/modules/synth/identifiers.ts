/**
 * Identifiers for synthetic children, built to pass the DfE's and the NHS's checks (defined in
 * `people/identifiers.ts`). NHS numbers start 999, the range the NHS keeps for test data, so
 * none is a real patient's.
 */
import { nhsCheckDigit, upnCheckLetter } from '../people/identifiers.js'
import type { Random } from './random.js'

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

/** A synthetic NHS number in the 999 test range with a valid check digit. */
export function makeNhsNumber(random: Random): string {
  for (;;) {
    const nine = `999${random.digits(6)}`
    const check = nhsCheckDigit(nine)
    if (check !== null) return `${nine}${check}`
  }
}
