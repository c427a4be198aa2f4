/**
 * The front door's use cases, in one list: what its pages and other modules may call. Each lives
 * in the file for its part of the domain:
 *
 * - `contact-service.ts`: recording a contact, finding a described child, reading a contact.
 * - `triage-service.ts`: the triage page, agency checks, the level of need and urgency.
 * - `decision-service.ts`: the recommendation and its authorisation (or return), the transfer's
 *   acceptance, the allocated worker's acknowledgement, feedback, withdrawal.
 * - `authorisation-service.ts`: the managers' queue of recommendations awaiting authorisation.
 * - `referral-service.ts`: opening, allocating and closing referrals.
 * - `queue-service.ts`: the MASH queue, referrals awaiting allocation, a home page's counts.
 * - `partner-service.ts`: a partner's account, their agency's contacts, what a partner reads.
 * - `bulk.ts`: police domestic abuse notifications decided together.
 *
 * Each takes `FrontdoorDeps` (the database and the clock), checks the permission rule, and writes
 * its change, case events and audit rows in one transaction.
 */
export { ContactStateError, NotAllowedError, NotFoundError, type FrontdoorDeps } from './service-support.js'
export {
  adultsToLink,
  contactAbout,
  contactOfContactChild,
  linkChild,
  recordContact,
  referrerAgencies,
  viewContact,
  type DescribedChild,
  type NewContact,
} from './contact-service.js'
export {
  rateContactChild,
  recordAgencyCheck,
  recordChecksConsent,
  viewChecksConsent,
  viewTriage,
  withholdChecks,
  type ShownCheck,
} from './triage-service.js'
export {
  acknowledgeRoutedContact,
  askForStrategyDiscussion,
  authoriseRecommendation,
  recommendDecision,
  recordFeedback,
  recordTransferAcceptance,
  withdrawContactChild,
} from './decision-service.js'
export { decisionState, viewAuthorisationQueue, type DecisionState } from './authorisation-service.js'
export {
  allocateReferral,
  closeReferralNoFurtherAction,
  teamsTakingReferrals,
  viewReferral,
} from './referral-service.js'
export { frontDoorSummary, viewAllocationQueue, viewMashQueue, type QueueFilters } from './queue-service.js'
export {
  agencyContacts,
  agencyOf,
  partnerProfile,
  partnerStatus,
  type PartnerProfile,
} from './partner-service.js'
export { policeNotifications, recommendPoliceNotifications } from './bulk.js'
