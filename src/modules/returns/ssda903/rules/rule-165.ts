/**
 * 165: MOTHER, when given, is 0 or 1, and fits the child:
 * - a male child (SEX M) has no MOTHER;
 * - a female child (SEX F) looked after during the year has MOTHER completed;
 * - a female care leaver (OC3 data) not looked after during the year has no MOTHER.
 * "Looked after during the year" counts episodes other than short breaks (LS V3, V4) that were
 * open at some time from 1 April to 31 March. As in the DfE's condition, the last two parts apply
 * only to a child with such episodes in this year's file, whether or not they fall in the year.
 *
 * Read differently from the community validator, on two points:
 * - it still tests SEX against the codes 1 and 2, which the return replaced with M, F and U in
 *   2024/25, so its male and female parts no longer fire; Haven uses M and F.
 * - it tests the value of MOTHER only for children with episodes; a bad code is a bad code,
 *   so Haven tests it on every Header row.
 * A hit is on the Header row, and on the OC3 rows when the care leaver part fails.
 */
import { SSDA903_FLAG_CODES } from '../codes.js'
import type { Ssda903Rule } from '../rule.js'
import { HitList, careLeaverRows, isShortBreak, openDuringYear } from './shared-row-checks.js'

const FIELDS = ['MOTHER', 'SEX'] as const

export const rule165: Ssda903Rule = {
  code: '165',
  type: 'error',
  message: 'Data entry for mother status is invalid.',
  affects: [
    { table: 'Header', fields: FIELDS },
    { table: 'OC3', fields: ['ACTIV', 'ACCOM', 'IN_TOUCH'] },
    { table: 'Episodes', fields: ['DECOM', 'DEC', 'LS'] },
  ],
  check(child, ctx) {
    const hits = new HitList()
    const episodes = child.current.Episodes.filter((e) => !isShortBreak(e))
    const lookedAfter = episodes.some((e) => openDuringYear(e, ctx))
    const leaver = careLeaverRows(child.current.OC3)
    for (const header of child.current.Header) {
      const mother = header.MOTHER
      if (mother !== null && (!SSDA903_FLAG_CODES.has(mother) || header.SEX === 'M')) {
        hits.add('Header', header, FIELDS)
        continue
      }
      if (header.SEX !== 'F' || episodes.length === 0) continue
      if (mother === null && lookedAfter) hits.add('Header', header, FIELDS, 'No mother status')
      if (mother !== null && !lookedAfter && leaver.length > 0) {
        hits.add('Header', header, FIELDS, 'Care leaver not looked after this year')
        for (const row of leaver) hits.add('OC3', row, ['ACTIV', 'ACCOM', 'IN_TOUCH'])
      }
    }
    return hits.done()
  },
}
