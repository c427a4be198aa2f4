/**
 * 373: a child placed in a residential school (S1) is at least 4 when the episode starts.
 * Open episodes are checked too, unlike the community validator (see shared-placement-age.ts).
 */
import { minimumPlacementAgeRule } from './shared-placement-age.js'

export const rule373 = minimumPlacementAgeRule({
  code: '373',
  message: 'Child placed in a school should be at least 4 years old.',
  place: 'S1',
  years: 4,
})
