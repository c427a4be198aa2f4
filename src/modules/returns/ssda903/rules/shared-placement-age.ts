/**
 * Rules 371, 372, 373 and 374 share one shape: a child in a given placement type is at least a
 * given age on the day the episode starts (DECOM), by the Header's DOB. Each rule file names its
 * code, message, placement and age, and builds its rule here.
 *
 * The community validator checks only episodes that have ended (it needs a DEC); Haven checks
 * open ones too, since the age at the start does not depend on the end. A blank or unreadable
 * DOB or DECOM is left to the rules about valid dates.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { dobOf, isUnder } from '../episodes.js'
import type { EpisodeRow, Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export interface PlacementAgeSpec {
  code: string
  message: string
  /** The placement type (PLACE) the age applies to. */
  place: string
  /** The youngest a child may be when an episode in that placement starts, in whole years. */
  years: number
}

/** An episode in `place` that starts before the child's `years`th birthday. */
export function minimumPlacementAgeRule(spec: PlacementAgeSpec): Ssda903Rule {
  const { place, years } = spec
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [
      { table: 'Episodes', fields: ['DECOM', 'PLACE'] },
      { table: 'Header', fields: ['DOB'] },
    ],
    check(child) {
      const dob = dobOf(child)
      if (dob === null) return NO_HITS
      let hits: RuleHit<Ssda903Table>[] | undefined
      const episodes = child.current.Episodes
      for (let i = 0; i < episodes.length; i++) {
        const e = episodes[i] as EpisodeRow
        if (e.PLACE === place && e.DECOM !== null && isUnder(dob, years, e.DECOM))
          (hits ??= []).push(hit('Episodes', e, ['DECOM', 'PLACE']))
      }
      return hits ?? NO_HITS
    },
  }
}
