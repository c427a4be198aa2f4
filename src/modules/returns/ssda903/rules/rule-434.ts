/**
 * 434: a new episode for a change of legal status only (RNE L) has a legal status different
 * from the episode before and the same placement (type, postcode, URN and provider).
 */
import { rneRule } from './support-4xx-5xx.js'

export const rule434 = rneRule({
  code: '434',
  message:
    "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
  reasons: new Set(['L']),
  legalStatusChanged: true,
  placementChanged: false,
})
