/**
 * Recording a contact and finding its children: one row per child, a child whose case is open
 * passed to the allocated worker, every other child into triage with the decision clocks running
 * from the time the contact was received. Each use case checks the permission rule and writes its
 * change, case events and audit rows in one transaction.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  labelOf,
  REFERRAL_SOURCES,
  routeContact,
  type ContactAbout,
  type ContactAdult,
  type ContactDetails,
} from './model.js'
import { startSchoolNoticeIfNeeded } from './encompass-service.js'
import { contactReceivedSummary } from './labels.js'
import { agencyOf } from './partner-service.js'
import type { PoliceRisk } from './police-notifications.js'
import {
  authorise,
  ContactStateError,
  isInFuture,
  liveContactChild,
  NotAllowedError,
  NotFoundError,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'

export interface DescribedChild {
  name: string
  birth: string | null
  address: string | null
}

export interface NewContact {
  details: ContactDetails
  receivedAt: Date
  /** When the person making the contact became aware of the worry, if they said. */
  awareAt?: Date | null
  /** Records found by the screener's search. */
  childIds: number[]
  /** Children a partner describes in words, for the screener to find. */
  described: DescribedChild[]
  domesticAbuse?: boolean
  /** What the police said about the risk, on a police notification. */
  policeRisk?: PoliceRisk | null
  /** Safety now, school and GP, interpreter, the child's words (the forms ask; other callers may not). */
  about?: ContactAbout | null
  /** The adults involved, any alleged perpetrator marked. */
  adults?: readonly ContactAdult[]
}

/** What a contact's children became: waiting to be found, in triage, or with the allocated worker. */
export interface RoutedChild {
  contactChildId: number
  childId: number | null
  route: string
}

/**
 * Records a contact and one row per child. A child whose case is open goes straight to the
 * allocated worker and team; every other child waits for triage, with the decision clocks running
 * from the time the contact was received.
 */
export async function recordContact(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  input: NewContact,
  audit: AuditContext,
) {
  const agencyId = await checkNewContact({ db, clock }, actor, input, audit)
  return db.transaction().execute((trx) => writeContact(trx, actor, input, agencyId, audit))
}

/** The contact, its adults and one row per child, routed, in the caller's transaction. */
async function writeContact(
  trx: Trx,
  actor: Actor,
  input: NewContact,
  agencyId: number | null,
  audit: AuditContext,
): Promise<{ contactId: number; children: RoutedChild[] }> {
  const d = input.details
  const contactId = await store.insertContact(trx, {
    receivedAt: input.receivedAt,
    awareAt: input.awareAt ?? null,
    details: d,
    agencyId,
    domesticAbuse: input.domesticAbuse ?? d.presentingNeeds.some((n) => n === '3A' || n === '3B'),
    recordedBy: actor.id,
    policeRisk: input.policeRisk ?? null,
    about: input.about ?? null,
  })
  await store.insertAdults(trx, contactId, input.adults ?? [])
  await recordAudit(trx, audit, {
    action: 'contact.record',
    outcome: 'allowed',
    recordType: 'contact',
    recordId: contactId,
    detail: { children: input.childIds.length + input.described.length, source: d.referralSource },
  })
  const children: RoutedChild[] = []
  for (const described of input.described) {
    const id = await store.insertDescribedChild(trx, contactId, described)
    children.push({ contactChildId: id, childId: null, route: 'awaiting_match' })
  }
  for (const childId of input.childIds) {
    const id = await store.insertFoundChild(trx, contactId, childId)
    const route = await startChild(trx, actor, audit, id, childId, input.receivedAt, d.referralSource)
    children.push({ contactChildId: id, childId, route })
  }
  return { contactId, children }
}

/** What early help sends when it asks for social care's involvement in a child it works with. */
export interface StepUpContact {
  childId: number
  /** Why social care is needed now, followed by the episode's summary as early help sends it. */
  reason: string
  consent: ContactDetails['consent']
  consentReason: string | null
  referrerName: string
  referrerRole: string
}

/**
 * A step-up: early help's contact to the front door about a child it already works with, in the
 * caller's transaction (early help's step-up is one change). The caller has checked the actor may
 * see the child and lead this step. The contact comes from early help (referral source 5D) by the
 * `step_up` channel; a partner who leads the early help makes it for their agency, as their own
 * contacts are. The child's record is linked as a screener links it, so the contact goes to triage,
 * or straight to the allocated worker when the child's case is open.
 */
export async function recordStepUpContact(
  trx: Trx,
  actor: Actor,
  c: StepUpContact,
  receivedAt: Date,
  audit: AuditContext,
): Promise<{ contactId: number; contactChildId: number; route: string }> {
  const agencyId = actor.role === 'partner_practitioner' ? await agencyOf(trx, actor) : null
  const details: ContactDetails = {
    channel: 'step_up',
    outOfHours: false,
    outOfHoursAction: null,
    referralSource: '5D',
    referrerName: c.referrerName,
    referrerRole: c.referrerRole,
    referrerAgencyId: null,
    referrerPhone: null,
    referrerEmail: null,
    reason: c.reason,
    presentingNeeds: [],
    consent: c.consent,
    consentReason: c.consentReason,
  }
  const { contactId, children } = await writeContact(
    trx,
    actor,
    { details, receivedAt, childIds: [c.childId], described: [] },
    agencyId,
    audit,
  )
  const [child] = children
  if (!child) throw new Error('A step-up contact has its one child')
  return { contactId, contactChildId: child.contactChildId, route: child.route }
}

/**
 * Who may record this contact, before anything is written: the role, a child at least, a time
 * received not in the future, each named child open to the actor, and for a partner their agency
 * (returned, as the contact's submitting agency).
 */
async function checkNewContact(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  input: NewContact,
  audit: AuditContext,
): Promise<number | null> {
  const now = clock.now()
  requireRole(actor, 'contact.submit')
  if (input.childIds.length + input.described.length === 0)
    throw new ContactStateError('Add at least one child the contact is about', 'children')
  if (isInFuture(input.receivedAt, now))
    throw new ContactStateError('Date and time received must be in the past', 'received-day')
  const partner = actor.role === 'partner_practitioner'
  // A partner describes children in words and never links records: they cannot search them.
  if (partner && input.childIds.length > 0)
    throw new NotAllowedError('Partners describe the children; the front door finds their records.')
  for (const childId of input.childIds) await authorise({ db, clock }, actor, 'child.view', childId, audit)
  await checkAbout(db, actor, input)
  const agencyId = partner ? await agencyOf(db, actor) : null
  if (partner && agencyId === null)
    throw new NotAllowedError(
      'Your account is not linked to an agency, so you cannot submit a contact. Ask an administrator.',
    )
  return agencyId
}

/**
 * The school and GP named from the list are agencies of their kind, and each adult linked to a
 * record is a relative of a child on the contact (a partner, who cannot search records, links none).
 */
async function checkAbout(db: FrontdoorDeps['db'], actor: Actor, input: NewContact) {
  const about = input.about
  if (about?.schoolAgencyId != null) {
    const found = await store.agenciesOfKind(db, [about.schoolAgencyId], 'education')
    if (found.length === 0) throw new ContactStateError('Select the school from the list', 'schoolAgencyId')
  }
  if (about?.gpAgencyId != null) {
    const found = await store.agenciesOfKind(db, [about.gpAgencyId], 'health')
    if (found.length === 0) throw new ContactStateError('Select the GP practice from the list', 'gpAgencyId')
  }
  const adults = input.adults ?? []
  const linked = adults.flatMap((a, i) => (a.personId === null ? [] : [{ n: i + 1, id: a.personId }]))
  if (linked.length === 0) return
  if (actor.role === 'partner_practitioner')
    throw new NotAllowedError('Partners describe the adults; the front door finds their records.')
  const related = new Set((await store.adultsRelatedTo(db, input.childIds)).map((r) => r.id))
  for (const { n, id } of linked)
    if (!related.has(id))
      throw new ContactStateError(
        `Select adult ${n}’s record from the list of the children’s family`,
        `adult${n}PersonId`,
      )
}

/**
 * A child is linked to a contact: the contact enters their chronology and the decision clocks
 * start from receipt. If the child's case is open the contact goes to the allocated worker.
 */
export async function startChild(
  trx: Trx,
  actor: Actor,
  audit: AuditContext,
  contactChildId: number,
  childId: number,
  receivedAt: Date,
  source: string,
): Promise<string> {
  const route = routeContact(await store.findOpenCase(trx, childId))
  if (route.to === 'allocated_worker')
    await store.routeToAllocatedWorker(trx, contactChildId, {
      workerId: route.workerId,
      teamId: route.teamId,
    })
  const referrer = await store.contactReferrer(trx, contactChildId)
  await recordCaseEvent(trx, {
    childId,
    subjectType: 'contact',
    subjectId: contactChildId,
    type: 'contact.received',
    occurredAt: receivedAt,
    summary: contactReceivedSummary({
      source: labelOf(REFERRAL_SOURCES, source),
      ...referrer,
      toAllocatedWorker: route.to === 'allocated_worker',
    }),
    recordedBy: actor.id,
    attributes: { source, route: route.to },
  })
  await startSchoolNoticeIfNeeded(trx, actor.id, contactChildId)
  await recordAudit(trx, audit, {
    action: 'contact.child.link',
    outcome: 'allowed',
    childId,
    recordType: 'contact_child',
    recordId: contactChildId,
    detail: { route: route.to },
  })
  return route.to === 'allocated_worker' ? 'routed_to_allocated_worker' : 'in_triage'
}

/** The screener finds the record of a child a partner described, and links it to the contact. */
export async function linkChild(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  childId: number,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  await authorise({ db, clock }, actor, 'child.view', childId, audit)
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.status !== 'awaiting_match') throw new ContactStateError('This child has already been found.')
    if (await store.contactHasChild(trx, row.contact_id, childId))
      throw new ContactStateError('That child is already on this contact.', 'childId')
    await store.linkFoundChild(trx, contactChildId, childId)
    const route = await startChild(
      trx,
      actor,
      audit,
      contactChildId,
      childId,
      row.received_at,
      row.referral_source,
    )
    return { route, contactId: row.contact_id }
  })
}

/**
 * A contact and its children. Its routes name the contact as their subject, so the platform has
 * checked access to every child on it (or, for a partner, that their agency made it) and audited
 * the view before this reads it.
 */
export async function viewContact({ db }: FrontdoorDeps, contactId: number) {
  return db.transaction().execute(async (trx) => {
    const contact = await store.loadContact(trx, contactId)
    if (!contact) throw new NotFoundError(`No contact ${contactId}`)
    const children = await store.loadContactChildren(trx, contactId)
    const about = await store.loadContactAbout(trx, contactId)
    return { contact, children, about }
  })
}

/**
 * What a contact says beyond the concern (its adults, school and GP), for a page whose route has
 * already allowed and audited the contact or one child on it.
 */
export async function contactAbout({ db }: FrontdoorDeps, contactId: number) {
  return store.loadContactAbout(db, contactId)
}

/** The adults related to these children, whom the screener may link an adult on the contact to. */
export async function adultsToLink({ db }: FrontdoorDeps, childIds: readonly number[]) {
  return store.adultsRelatedTo(db, childIds)
}

/** The contact a child's place on it belongs to (the route naming it has checked access). */
export async function contactOfContactChild({ db }: FrontdoorDeps, contactChildId: number) {
  const row = await store.contactChildById(db, contactChildId)
  if (!row) throw new NotFoundError(`No contact child ${contactChildId}`)
  return { contactId: row.contact_id }
}

/** The agencies a contact may come from, for the screener's form. */
export async function referrerAgencies({ db }: FrontdoorDeps) {
  return store.agencies(db)
}
