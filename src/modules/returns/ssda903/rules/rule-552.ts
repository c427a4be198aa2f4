/**
 * 552: the (latest) decision to place for adoption is on or before the day the child was first
 * placed for adoption this year (the earliest A3–A6 episode). Reported on that episode and the
 * decision.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { Ssda903Rule } from '../rule.js'
import { firstEpisode, isAdoptionPlacement, latestDecision } from './support-4xx-5xx.js'

export const rule552: Ssda903Rule = {
  code: '552',
  type: 'error',
  message:
    'Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.',
  affects: [
    { table: 'Episodes', fields: ['DECOM'] },
    { table: 'PlacedAdoption', fields: ['DATE_PLACED'] },
  ],
  check(child) {
    const decision = latestDecision(child.current.PlacedAdoption)
    if (decision === null) return NO_HITS
    const placed = firstEpisode(child.current.Episodes.filter(isAdoptionPlacement))
    if (placed === null || placed.DECOM! >= decision.DATE_PLACED!) return NO_HITS
    return [hit('Episodes', placed, ['DECOM']), hit('PlacedAdoption', decision, ['DATE_PLACED'])]
  },
}
