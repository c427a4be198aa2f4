/**
 * 399: a child looked after only on short breaks (every episode under legal status V3 or V4)
 * has no MOTHER, and no reviews (REVIEW, REVIEW_CODE). Reported: every episode, the Header row,
 * and each review row with something in it.
 */
import { NO_HITS, hit } from '../../engine.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import { isBlank } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

export const rule399: Ssda903Rule = {
  code: '399',
  type: 'error',
  message:
    'Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.',
  affects: [
    { table: 'Episodes', fields: ['LS'] },
    { table: 'Header', fields: ['MOTHER'] },
    { table: 'Reviews', fields: ['REVIEW', 'REVIEW_CODE'] },
  ],
  check(child) {
    const episodes = child.current.Episodes
    if (episodes.length === 0 || !episodes.every((e) => e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)))
      return NO_HITS
    const mothers = child.current.Header.filter((h) => !isBlank(h, 'MOTHER'))
    const reviews = child.current.Reviews.filter((r) => !isBlank(r, 'REVIEW') || !isBlank(r, 'REVIEW_CODE'))
    if (mothers.length === 0 && reviews.length === 0) return NO_HITS
    return [
      ...episodes.map((e) => hit('Episodes', e, ['LS'])),
      ...child.current.Header.map((h) => hit('Header', h, ['MOTHER'])),
      ...reviews.map((r) => hit('Reviews', r, ['REVIEW', 'REVIEW_CODE'])),
    ]
  },
}
