/**
 * 436: a new episode for a change of both legal status and placement (RNE T, or U with the same
 * carers) differs from the episode before in legal status and in placement (type, postcode, URN
 * or provider).
 *
 * Reading: the community validator applies this rule to U and B; see rule 435 for why Haven
 * takes T and U here.
 */
import { rneRule } from './support-4xx-5xx.js'

export const rule436 = rneRule({
  code: '436',
  message:
    'Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.',
  reasons: new Set(['T', 'U']),
  legalStatusChanged: true,
  placementChanged: true,
})
