/**
 * The audit trail's codes in words, for the auditor's page: what was done (`child.view`), on what
 * basis (`front_door`) and with what outcome (`denied`). The trail keeps the codes; only the page
 * shows the words. A code with no words here (a module's new action) is still shown readably.
 */
import type { AuditOutcome } from './audit.js'
import type { Relationship } from '../permissions/relationships.js'

/** Every relationship the permission rules record as a basis, and the other bases recorded. */
const BASES: Record<Relationship, string> & Record<string, string> = {
  allocated_worker: 'Allocated worker',
  team_manager: 'Manager of the allocated team',
  allocated_team: 'Member of the allocated team',
  restriction_grant: 'Restricted-record grant',
  process_participant: 'Participant in a multi-agency process',
  agency_lead: 'Agency lead',
  front_door: 'Front door (standing access)',
  service_oversight: 'Service manager (standing access)',
  break_glass: 'Emergency access (break-glass)',
  submitting_agency: 'Agency that made the contact',
  family_history: 'Family history of a child they may see',
}

/** What was attempted, as a verb: the outcome column says whether it was allowed. */
const ACTIONS: Record<string, string> = {
  'access_review.close': 'Close an emergency access review',
  'access_review.list': 'List emergency access reviews',
  'access_review.view': 'View an emergency access review',
  'agencies.manage': 'Manage partner agencies and teams',
  'agency.create': 'Add an agency',
  'agency.disable': 'Disable an agency',
  'agency.view': 'View an agency',
  'annex_a.export': 'Export Ofsted’s Annex A lists',
  'assessment.authorise': 'Authorise or return an assessment',
  'assessment.edit': 'Edit an assessment',
  'assessment.relative_history': 'Read a relative’s history on a child’s record or assessment',
  'assessment.return': 'Return an assessment to the worker',
  'assessment.send': 'Send an assessment for authorisation',
  'assessment.start': 'Start a child and family assessment',
  'assessment.view': 'View an assessment',
  'audit.search': 'Search the audit trail',
  'audit.view': 'View the audit trail',
  'case_note.amend': 'Amend a case note',
  'case_note.delete': 'Delete a case note',
  'case_note.record': 'Record a case note',
  'case_note.view': 'View case notes',
  'casenotes_child.view': 'View a child’s case notes',
  'child.allocate': 'Allocate a child’s case',
  'child.break_glass': 'Use emergency access',
  'child.create': 'Add a child’s record',
  'child.edit': 'Change a child’s record',
  'child.emergency_access': 'View an emergency access',
  'child.list': 'List children',
  'child.own_record_attempt': 'Open their own record',
  'child.restrict': 'Restrict a child’s record',
  'child.restriction_review': 'Review a record’s restriction',
  'child.search': 'Search for children',
  'child.view': 'View a child’s record',
  'child_page.view': 'View a page of a child’s record',
  'child_protection_conference.view': 'View a child protection conference',
  'cin_census.export': 'Export the CIN census from Haven’s records',
  'cin_plan.action_add': 'Add an action to a child in need plan',
  'cin_plan.action_progress': 'Record an action on a child in need plan delivered or not',
  'cin_plan.end': 'Send the end of a child in need plan for authorisation',
  'cin_plan.end_authorise': 'Authorise or return the end of a child in need plan',
  'cin_plan.end_return': 'Return the end of a child in need plan to the worker',
  'cin_plan.review': 'Record a child in need plan review',
  'cin_plan.start': 'Start a child in need plan',
  'cin_plan.view': 'View a child in need plan',
  'cin_plan.visit': 'Record a child in need visit',
  'conference.add_child': 'Add a brother or sister to an arranged child protection conference',
  'conference.arrange': 'Arrange a child protection conference',
  'conference.cancel': 'Cancel an arranged child protection conference',
  'conference.rearrange': 'Re-arrange a child protection conference to another date',
  'conference.record': 'Record a child protection conference as held',
  'conference.view': 'View a child protection conference',
  'contact.acknowledge': 'Acknowledge a contact',
  'contact.agency_check.record': 'Record an agency’s information',
  'contact.authorise': 'Authorise a front-door decision',
  'contact.checks_consent': 'Record consent to agency checks',
  'contact.child.link': 'Link a child to a contact',
  'contact.decide': 'Decide a contact',
  'contact.feedback': 'Record feedback to the referrer',
  'contact.household.add': 'Add a household child to a contact',
  'contact.household.exclude': 'Mark someone as not of the household',
  'contact.link': 'Link a duplicate contact',
  'contact.list': 'List contacts',
  'contact.police_notifications.view': 'View police notifications',
  'contact.rate': 'Rate a contact',
  'contact.recommend': 'Recommend a front-door decision',
  'contact.record': 'Record a contact',
  'contact.release': 'Give a contact back to the queue',
  'contact.return': 'Return a recommendation to triage',
  'contact.school_notice': 'Record that the school was told (Operation Encompass)',
  'contact.submit': 'Submit a contact',
  'contact.take': 'Take a contact from the queue',
  'contact.transfer_accept': 'Record the home authority’s acceptance of a transfer',
  'contact.triage': 'Screen a contact',
  'contact.triage.view': 'View a contact’s triage',
  'contact.unlink': 'Unlink a duplicate contact',
  'contact.view': 'View a contact',
  'contact.withdraw': 'Withdraw a contact',
  'contact_child.view': 'View a child’s triage',
  'contact_child_task.view': 'View a child’s triage from a task',
  'cp_plan.action_add': 'Add an action to a child protection plan',
  'cp_plan.action_progress': 'Record an action on a child protection plan delivered or not',
  'cp_plan.core_group': 'Record a core group meeting',
  'cp_plan.end': 'Send the end of a child protection plan for authorisation',
  'cp_plan.end_authorise': 'Authorise or return the end of a child protection plan',
  'cp_plan.end_return': 'Return the end of a child protection plan to the worker',
  'cp_plan.end_transferred': 'End a child protection plan: the child moved to another authority',
  'cp_plan.start': 'Start a child protection plan',
  'cp_plan.view': 'View a child protection plan',
  'cp_plan.visit': 'Record a child protection visit',
  'cp_plan_action.view': 'View an action on a child protection plan',
  'cp_review.record': 'Record a child protection review conference',
  'cp_transfer_in.conference_held': 'Record a transfer-in conference as held (child protection)',
  'cp_transfer_in.join': 'Join a child to a transfer-in notification (child protection)',
  'cp_transfer_in.record': 'Record a transfer-in notification (child protection)',
  'cp_transfer_in.view': 'View a transfer-in notification (child protection)',
  'cp_transfer_out.conference_held': 'Record the receiving authority’s transfer-in conference as held',
  'cp_transfer_out.record': 'Record a child on a plan moving to another authority',
  'cp_transfer_out.view': 'View a child on a plan moving to another authority',
  'demo.seed': 'Load the demo authority',
  'document.add_version': 'Add a new version of a document',
  'document.delete': 'Delete a document',
  'document.download': 'Download a document',
  'document.upload': 'Add a document to a child’s record',
  'document.view': 'View a child’s documents',
  'documents_child.view': 'View a child’s documents',
  'draft.delete': 'Delete a draft',
  'draft.expire': 'Expire a draft',
  'draft.restore': 'Restore a draft',
  'draft.save': 'Save a draft',
  'emergency_access.view': 'View an emergency access',
  'mash.authorisation_queue.view': 'View the decisions to authorise',
  'mash.queue.view': 'View the MASH queue',
  'notification.read': 'Read a notification',
  'out_of_hours.contact': 'Make a contact from an out-of-hours record',
  'out_of_hours.record': 'Record out-of-hours work',
  'out_of_hours.view': 'View an out-of-hours record',
  'out_of_hours_record.view': 'View an out-of-hours record',
  'oversight.record': 'Record management oversight',
  'oversight.view': 'View management oversight',
  'partner_contact.view': 'View a partner agency’s contact',
  'people.compare': 'Compare two records',
  'people.merge': 'Merge two records',
  'people.merge_reverse': 'Reverse a merge',
  'people.search': 'Search for people',
  'performance.view': 'View performance figures',
  'person_merge.view': 'View a merge of two records',
  'protection.contribute': 'Send an agency’s contribution to a meeting',
  'protection.invite': 'Invite an agency to a strategy discussion or conference',
  'protection_invitation.view': 'View an invitation to a strategy discussion or conference',
  'referral.allocate': 'Allocate a referral',
  'referral.close': 'Close a referral',
  'referral.create': 'Open a referral',
  'referral.queue.view': 'View the referrals queue',
  'referral.view': 'View a referral',
  'request.csrf_refused': 'Send a form (expired or forged)',
  'request.role_refused': 'Open a page their role does not allow',
  'request.sign_in_required': 'Open a page without signing in',
  'return_upload.create': 'Upload a return to be checked',
  'return_upload.delete': 'Delete an uploaded return',
  'return_upload.download': 'Download an uploaded return’s report',
  'return_upload.progress': 'Ask how far an uploaded return’s check has gone',
  'return_upload.view': 'View an uploaded return’s report',
  'returns.validate': 'Validate a statutory return',
  's47.conference_not_needed':
    'End a section 47 enquiry with no conference when its initial conference is cancelled',
  's47.outcome': 'Send a section 47 outcome for authorisation',
  's47.outcome_authorise': 'Authorise or return a section 47 outcome',
  's47.outcome_return': 'Return a section 47 outcome to the worker',
  'sign_off.list': 'View the sign-offs waiting for a manager',
  'sign_off.withdraw': 'Withdraw a sign-off whose record no longer stands',
  'sso.group_mapping_add': 'Add a single sign-on group',
  'sso.group_mapping_remove': 'Remove a single sign-on group',
  'sso_group_mapping.view': 'View a single sign-on group',
  'staff_account.view': 'View an account',
  'staff_notification.view': 'View a notification',
  'strategy_discussion.record': 'Record a strategy discussion',
  'strategy_discussion.request': 'Ask for a strategy discussion',
  'strategy_discussion.view': 'View a strategy discussion',
  'synth.load': 'Load synthetic data',
  'synth.load.batch': 'Load a batch of synthetic data',
  'task.create': 'Put a task on a worker’s list',
  'task.reassign': 'Move a task to another worker',
  'team.create': 'Add a team',
  'team.set_manager': 'Set a team’s manager',
  'team.view': 'View a team’s caseload',
  'transfer_in.conference': 'Record a transfer-in conference as held',
  'transfer_in.record': 'Record a child transferring in',
  'user.add': 'Add an account',
  'user.confirm': 'Confirm an account made at single sign-on',
  'user.disable': 'Disable an account',
  'user.enable': 'Enable an account',
  'user.link_person': 'Link an account to a person',
  'user.refuse': 'Refuse an account made at single sign-on',
  'user.sign_in': 'Sign in',
  'user.sign_in_warning': 'Sign in after failed attempts',
  'user.sign_out': 'Sign out',
  'user.sso_account_created': 'Make an account at single sign-on',
  'user.sso_refresh': 'Refresh single sign-on details',
  'user.update': 'Change an account',
  'users.manage': 'Manage accounts',
  'worklist.view': 'View a worklist',
}

const OUTCOMES: Record<AuditOutcome, string> = { allowed: 'Allowed', denied: 'Denied', failed: 'Failed' }

/** `child_page` as "Child page", for a code with no words of its own. */
function words(code: string): string {
  const text = code.replace(/_/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** What was attempted, in words: `care_episode.view`, with none of its own, reads "Care episode: view". */
export function actionLabel(action: string): string {
  const known = ACTIONS[action]
  if (known) return known
  const [area = '', ...rest] = action.split('.')
  return rest.length ? `${words(area)}: ${rest.map((r) => r.replace(/_/g, ' ')).join(' ')}` : words(area)
}

/** Whether the action has words of its own here (not the readable fallback). */
export function hasOwnLabel(action: string): boolean {
  return Object.hasOwn(ACTIONS, action)
}

/** The basis of access in words, or null when none was recorded. */
export function basisLabel(basis: string | null): string | null {
  if (basis === null || basis === '') return null
  return Object.hasOwn(BASES, basis) ? (BASES[basis] ?? words(basis)) : words(basis)
}

export function outcomeLabel(outcome: string): string {
  return Object.hasOwn(OUTCOMES, outcome) ? OUTCOMES[outcome as AuditOutcome] : words(outcome)
}
