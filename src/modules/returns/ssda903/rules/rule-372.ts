/**
 * 372: a child placed in a young offender institution (R5) is at least 10 when the episode starts.
 * Open episodes are checked too, unlike the community validator (see shared-placement-age.ts).
 */
import { minimumPlacementAgeRule } from './shared-placement-age.js'

export const rule372 = minimumPlacementAgeRule({
  code: '372',
  message: 'Child in youth custody or prison should be at least 10.',
  place: 'R5',
  years: 10,
})
