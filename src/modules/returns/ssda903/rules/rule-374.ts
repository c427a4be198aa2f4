/**
 * 374: a child placed in residential employment (P3) is at least 14 when the episode starts.
 * Open episodes are checked too, unlike the community validator (see shared-placement-age.ts).
 */
import { minimumPlacementAgeRule } from './shared-placement-age.js'

export const rule374 = minimumPlacementAgeRule({
  code: '374',
  message: 'Child in residential employment should be at least 14 years old.',
  place: 'P3',
  years: 14,
})
