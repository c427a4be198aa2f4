/**
 * 371: a child placed in supported accommodation not subject to children's homes regulations
 * (K3) is at least 16 when the episode starts. Open episodes are checked too, unlike the
 * community validator (see shared-placement-age.ts).
 */
import { minimumPlacementAgeRule } from './shared-placement-age.js'

export const rule371 = minimumPlacementAgeRule({
  code: '371',
  message:
    'Child in supported accomodation not subject to children’s homes regulations should be at least 16.',
  place: 'K3',
  years: 16,
})
