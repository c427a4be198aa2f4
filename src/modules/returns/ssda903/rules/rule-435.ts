/**
 * 435: a new episode for a change of placement only (RNE P, or B with the same carers) has the
 * same legal status as the episode before and a different placement (type, postcode, URN or
 * provider).
 *
 * Reading: the community validator applies this rule to P and T, and rule 436 to U and B. T is
 * a change of both legal status and placement, and B a change of placement with the same
 * carers, so Haven groups them as the reasons mean and the messages say: P and B here, T and U
 * under 436.
 */
import { rneRule } from './support-4xx-5xx.js'

export const rule435 = rneRule({
  code: '435',
  message:
    'Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.',
  reasons: new Set(['P', 'B']),
  legalStatusChanged: false,
  placementChanged: true,
})
