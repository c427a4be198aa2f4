/**
 * The child and family assessment's use cases. Every write checks the actor against the child,
 * writes its case events and audit row in one transaction, and reads the time from the injected
 * clock; a refusal is audited on its own. Authorisation goes through the platform's sign-off step
 * (platform/signoff), so the author can never authorise their own assessment.
 */
import {
  recordAudit,
  auditingRefusal,
  recordAuditsAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import { londonDate, londonToday } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { loadChildRecord, loadChildRecords } from '../../platform/permissions/store.js'
import type { SignOffDecision } from '../../platform/signoff/rule.js'
import {
  askSignOff,
  decideSignOff,
  signOffHistory,
  SignOffStateError,
} from '../../platform/signoff/service.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ASSESSMENT_SUBJECT,
  assessmentTitle,
  birthSituation,
  changeFor,
  CHILD_SEEN_TEXT,
  clockStart,
  CODES,
  editRefusal,
  labelOf,
  missingSections,
  sectionApplies,
  type SectionCode,
  visitSummary,
  writingBasis,
} from './model.js'
import { type FamilyRead, NO_RECORD, relativeReading, type RelativeReading } from './family-model.js'
import * as store from './store.js'
import type { Db, Trx } from './store.js'

export interface AssessmentDeps {
  db: Db
  clock: Clock
}

/** A step the assessment's present state does not allow (changed meanwhile, already sent). */
export class AssessmentStateError extends Error {
  constructor(
    message: string,
    readonly field = 'form',
  ) {
    super(message)
    this.name = 'AssessmentStateError'
  }
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`
const WHAT = 'this assessment'

class RefusedOnChild extends NotAllowedError {
  constructor(
    readonly childId: number,
    reason: string,
  ) {
    super(reason)
  }
}

/** Runs a write; a refusal is audited on its own (the write rolled back) and rethrown. */
function auditingRefusals<T>(
  db: Db,
  audit: AuditContext,
  action: string,
  childId: number,
  recordId: number | null,
  work: () => Promise<T>,
): Promise<T> {
  return auditingRefusal(db, audit, { action, childId, recordType: 'assessment', recordId }, work)
}

/** The child's record, and the basis on which this person writes its assessment; refused otherwise. */
async function requireWriter(trx: Trx, actor: Actor, childId: number, now: Date) {
  const record = await loadChildRecord(trx, childId)
  if (!record) throw new NotFoundError(`No child ${childId}`)
  const decision = allow(actor, 'child.edit', record, now)
  if (!decision.allowed) throw new RefusedOnChild(childId, decision.reason)
  const basis = writingBasis(actor, record, now)
  if (basis === null)
    throw new RefusedOnChild(
      childId,
      'Only the allocated social worker or a manager of the case can start or change this child’s assessment.',
    )
  return { record, basis }
}

/** Whether this person may start and write the child's assessments, and authorise them; for the pages. */
export function rights(actor: Actor, child: ChildRecord, now: Date) {
  return {
    canWrite: allow(actor, 'child.edit', child, now).allowed && writingBasis(actor, child, now) !== null,
    canAuthorise: allow(actor, 'child.allocate', child, now).allowed,
  }
}

export interface StartContext {
  /** Who starts it (checked by the caller: the allocated worker, a manager, a strategy discussion's outcome). */
  actorId: number
  audit: AuditContext
  /** The relationship the caller allowed the actor on, for the audit row. */
  basis?: string | null
}

/**
 * Starts a child and family assessment from a referral, in the caller's transaction: for the
 * pages here (`beginAssessment`, which checks the actor first) and for other modules (a strategy
 * discussion whose outcome is a child and family assessment). The 45-working-day clock counts
 * from the referral date: the `assessment.started` event stands at the start of that day. The
 * front door's "start the assessment" task on the referral stops (`referral.assessment_started`).
 */
export async function startAssessment(
  trx: Trx,
  deps: AssessmentDeps,
  ctx: StartContext,
  s: { childId: number; referralId: number; startedOn: string },
): Promise<{ assessmentId: number }> {
  const now = deps.clock.now()
  const referral = await store.referral(trx, s.referralId)
  if (!referral || referral.child_id !== s.childId)
    throw new AssessmentStateError('Select a referral of this child', 'referralId')
  if (referral.status === 'closed')
    throw new AssessmentStateError(
      'This referral is closed: an assessment cannot start from it',
      'referralId',
    )
  if (await store.assessmentFromReferral(trx, s.referralId))
    throw new AssessmentStateError('An assessment has already been started from this referral', 'referralId')
  if (s.startedOn < referral.referral_date)
    throw new AssessmentStateError('An assessment cannot start before its referral', 'referralId')
  const child = await store.childNamed(trx, s.childId)
  // An unborn child's assessment is a pre-birth assessment (the same clock, other sections).
  const title = assessmentTitle(birthSituation(child ?? { kind: 'child', date_of_birth: null }, s.startedOn))
  const assessmentId = await store.insertAssessment(trx, {
    childId: s.childId,
    referralId: s.referralId,
    startedOn: s.startedOn,
    by: ctx.actorId,
    at: now,
  })
  await recordCaseEvent(trx, {
    childId: s.childId,
    subjectType: ASSESSMENT_SUBJECT,
    subjectId: assessmentId,
    type: 'assessment.started',
    // The clock counts from the referral, not from the day the worker opened the form.
    occurredAt: clockStart(referral.referral_date),
    summary: `${title} started`,
    recordedBy: ctx.actorId,
    attributes: { referralId: s.referralId, startedOn: s.startedOn },
  })
  await recordCaseEvent(trx, {
    childId: s.childId,
    subjectType: 'referral',
    subjectId: s.referralId,
    type: 'referral.assessment_started',
    occurredAt: now,
    summary: `${title} started from the referral`,
    recordedBy: ctx.actorId,
    attributes: { assessmentId },
  })
  await recordAudit(trx, ctx.audit, {
    action: 'assessment.start',
    outcome: 'allowed',
    childId: s.childId,
    recordType: 'assessment',
    recordId: assessmentId,
    basis: ctx.basis ?? null,
    detail: { referralId: s.referralId, startedOn: s.startedOn },
  })
  return { assessmentId }
}

/** The allocated worker or a manager starts the assessment from the child's referral, today. */
export async function beginAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  childId: number,
  referralId: number,
  audit: AuditContext,
): Promise<{ assessmentId: number }> {
  return auditingRefusals(deps.db, audit, 'assessment.start', childId, null, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const { basis } = await requireWriter(trx, actor, childId, now)
      return startAssessment(
        trx,
        deps,
        { actorId: actor.id, audit, basis },
        { childId, referralId, startedOn: londonToday(now) },
      )
    }),
  )
}

/** The child's referrals and which have an assessment, for the start page. */
export async function startContext({ db }: AssessmentDeps, childId: number) {
  const child = await store.childNamed(db, childId)
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const referrals = await store.referralsOf(db, childId)
  return {
    child: { id: child.id, name: fullName(child), unborn: child.kind === 'unborn' },
    referrals,
    open: referrals.filter((r) => r.status !== 'closed' && r.assessment_id === null),
  }
}

/** An assessment on the child's record with its sign-off history; not found when it is not this child's. */
export async function viewAssessment({ db }: AssessmentDeps, childId: number, assessmentId: number) {
  const [assessment, child] = await Promise.all([
    store.assessmentOn(db, assessmentId, childId),
    store.childNamed(db, childId),
  ])
  if (!assessment || !child) throw new NotFoundError(`No assessment ${assessmentId} on child ${childId}`)
  const [signOffs, task] = await Promise.all([
    signOffHistory(db, ASSESSMENT_SUBJECT, assessmentId),
    store.clockTask(db, assessmentId),
  ])
  const situation = birthSituation(child, assessment.started_on)
  return {
    child: { id: child.id, name: fullName(child) },
    situation,
    title: assessmentTitle(situation),
    assessment,
    signOffs,
    awaiting: signOffs.find((s) => s.status === 'awaiting') ?? null,
    lastReturned: signOffs.findLast((s) => s.status === 'returned') ?? null,
    task: task ?? null,
    missing: missingSections(assessment, situation),
  }
}

/**
 * Saves one section's answers. `version` is the one the form was shown with: if the assessment
 * changed meanwhile (another tab, a colleague), nothing is saved and the form says so.
 */
export async function saveAssessmentSection(
  deps: AssessmentDeps,
  actor: Actor,
  childId: number,
  assessmentId: number,
  section: SectionCode,
  version: number | null,
  input: Record<string, unknown>,
  audit: AuditContext,
): Promise<void> {
  await auditingRefusals(deps.db, audit, 'assessment.edit', childId, assessmentId, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const { basis } = await requireWriter(trx, actor, childId, now)
      const row = await store.lockAssessment(trx, assessmentId)
      if (!row || row.child_id !== childId) throw new NotFoundError(`No assessment ${assessmentId}`)
      const refusal = editRefusal(row.status)
      if (refusal) throw new AssessmentStateError(refusal)
      const child = await store.childNamed(trx, childId)
      if (child && !sectionApplies(birthSituation(child, row.started_on), section))
        throw new AssessmentStateError(
          'The child is not born yet, so there is no child to see. Record the birth first; the baby is then seen before the assessment is sent.',
        )
      if (
        version !== row.version ||
        !(await store.saveSection(trx, assessmentId, version, changeFor(section, input), actor.id, now))
      )
        throw new AssessmentStateError(
          'Someone has changed this assessment since you opened this page. Go back to the assessment to see the latest answers, then make your change again.',
        )
      await recordAudit(trx, audit, {
        action: 'assessment.edit',
        outcome: 'allowed',
        childId,
        recordType: 'assessment',
        recordId: assessmentId,
        basis,
        detail: { section, version: version + 1 },
      })
    }),
  )
}

/** Sends the completed assessment to a manager through the platform's sign-off step. */
export async function sendForAuthorisation(
  deps: AssessmentDeps,
  actor: Actor,
  childId: number,
  assessmentId: number,
  version: number | null,
  audit: AuditContext,
): Promise<{ managerId: number | null }> {
  return auditingRefusals(deps.db, audit, 'assessment.send', childId, assessmentId, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const { basis } = await requireWriter(trx, actor, childId, now)
      const row = await store.lockAssessment(trx, assessmentId)
      if (!row || row.child_id !== childId) throw new NotFoundError(`No assessment ${assessmentId}`)
      const refusal = editRefusal(row.status)
      if (refusal) throw new AssessmentStateError(refusal)
      if (version !== row.version)
        throw new AssessmentStateError(
          'Someone has changed this assessment since you opened this page. Check the answers again before sending it.',
        )
      const child = await store.childNamed(trx, childId)
      const situation = birthSituation(child ?? { kind: 'child', date_of_birth: null }, row.started_on)
      const missing = missingSections(row, situation)
      if (missing.length > 0)
        throw new AssessmentStateError(
          `Complete every section before sending the assessment: ${missing.map((s) => s.title.toLowerCase()).join(', ')}`,
        )
      await store.setStatus(trx, assessmentId, 'awaiting_authorisation', actor.id, now)
      const { managerId } = await askSignOff(trx, {
        subjectType: ASSESSMENT_SUBJECT,
        subjectId: assessmentId,
        childId,
        askedBy: actor.id,
        at: now,
        summary: `${assessmentTitle(situation)}${child ? ` for ${fullName(child)}` : ''}`,
      })
      await recordAudit(trx, audit, {
        action: 'assessment.send',
        outcome: 'allowed',
        childId,
        recordType: 'assessment',
        recordId: assessmentId,
        basis,
        detail: { managerId },
      })
      return { managerId }
    }),
  )
}

/**
 * A manager authorises the assessment (its authorisation date, the DfE's, is today in London; the
 * 45-working-day clock stops) or returns it to the worker with the reason (it can be changed and
 * sent again). The platform's rule refuses the person who sent it.
 */
export async function decideAssessment(
  deps: AssessmentDeps,
  actor: Actor,
  childId: number,
  assessmentId: number,
  decision: SignOffDecision,
  audit: AuditContext,
): Promise<{ outcome: 'authorised' | 'returned'; authorisedOn: string | null }> {
  return auditingRefusals(deps.db, audit, 'assessment.authorise', childId, assessmentId, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const record = await loadChildRecord(trx, childId)
      if (!record) throw new NotFoundError(`No child ${childId}`)
      const allowed = allow(actor, 'child.allocate', record, now)
      if (!allowed.allowed) throw new RefusedOnChild(childId, allowed.reason)
      const row = await store.lockAssessment(trx, assessmentId)
      if (!row || row.child_id !== childId) throw new NotFoundError(`No assessment ${assessmentId}`)
      if (row.status !== 'awaiting_authorisation')
        throw new AssessmentStateError('This assessment is not waiting for authorisation.')
      const child = await store.childNamed(trx, childId)
      const title = assessmentTitle(
        birthSituation(child ?? { kind: 'child', date_of_birth: null }, row.started_on),
      )
      let outcome
      try {
        outcome = await decideSignOff(trx, actor, {
          subjectType: ASSESSMENT_SUBJECT,
          subjectId: assessmentId,
          at: now,
          decision,
          what: WHAT,
        })
      } catch (err) {
        if (err instanceof SignOffStateError) throw new AssessmentStateError(err.message)
        throw err
      }
      const authorisedOn = outcome.outcome === 'authorised' ? londonDate(now.getTime()) : null
      if (authorisedOn) {
        await store.setStatus(trx, assessmentId, 'authorised', actor.id, now, { on: authorisedOn })
        await recordCaseEvent(trx, {
          childId,
          subjectType: ASSESSMENT_SUBJECT,
          subjectId: assessmentId,
          type: 'assessment.authorised',
          occurredAt: now,
          summary: `${title} authorised: ${(labelOf(CODES.outcomes, row.outcome) ?? '').toLowerCase()}`,
          recordedBy: actor.id,
          attributes: { outcome: row.outcome, primaryNeed: row.primary_need, factors: row.factors ?? [] },
        })
      } else {
        await store.setStatus(trx, assessmentId, 'in_progress', actor.id, now)
        await recordCaseEvent(trx, {
          childId,
          subjectType: ASSESSMENT_SUBJECT,
          subjectId: assessmentId,
          type: 'assessment.returned',
          occurredAt: now,
          summary: `${title} returned to the worker`,
          recordedBy: actor.id,
        })
      }
      await recordAudit(trx, audit, {
        action: authorisedOn ? 'assessment.authorise' : 'assessment.return',
        outcome: 'allowed',
        childId,
        recordType: 'assessment',
        recordId: assessmentId,
        basis: allowed.basis,
        detail: { signOffId: outcome.signOffId },
      })
      return { outcome: outcome.outcome, authorisedOn }
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// Prior involvement, first visit, household seen

/** How a related person stands to the child, in words, from the people module's relationship. */
function relationText(type: string, pointsAtChild: boolean): string {
  const words = type.replace(/_/g, ' ')
  // "Sam is the mother of" the child when the row points at the child; otherwise the child is theirs.
  return pointsAtChild ? words.charAt(0).toUpperCase() + words.slice(1) : `Child is their ${words}`
}

/** A relative a page of the child read (or left out), for the audit trail. */
export interface RelativeRead {
  id: number
  relation: string
  reading: RelativeReading
}

/**
 * Writes the audit rows of a page's reads of the child's relatives, before anything of theirs is
 * shown (a failed audit write fails the page): one row per relative, on the relative's own trail
 * (`child_id` the relative; `record_id` and `detail.onRecordOf` the child whose page read it;
 * `detail.panel` which page or panel), allowed on the basis relied on, or denied with the reason
 * when their records were left out (a restricted relative the reader may not open).
 */
export async function auditRelativeReads(
  db: Db,
  audit: AuditContext,
  childId: number,
  panel: FamilyRead,
  relatives: readonly RelativeRead[],
): Promise<void> {
  const rows = relatives.filter((r) => r.id !== childId && r.reading.reason !== NO_RECORD)
  await recordAuditsAlone(
    db,
    audit,
    rows.map((r) => ({
      action: 'assessment.relative_history',
      outcome: r.reading.read ? 'allowed' : 'denied',
      childId: r.id,
      recordType: 'child',
      recordId: childId,
      basis: r.reading.basis,
      detail: {
        onRecordOf: childId,
        panel,
        relation: r.relation,
        ...(r.reading.reason ? { reason: r.reading.reason } : {}),
      },
    })),
  )
}

/**
 * The history of the child, their brothers and sisters and their parents and carers, pulled
 * together from other modules' published views: contacts and referrals at the front door, and
 * earlier assessments. Each relative is read only as `relativeReading` allows for this reader
 * (a restricted one they may not open is named only as a restricted record, its history never
 * read), and each read is audited on the relative's trail before anything is shown.
 */
export async function priorInvolvement(
  { db, clock }: AssessmentDeps,
  reader: Actor,
  childId: number,
  audit: AuditContext,
  exceptAssessment?: number,
) {
  const [child, related, viaParents] = await Promise.all([
    store.childNamed(db, childId),
    store.relatedPeople(db, childId),
    store.childrenOfParents(db, childId),
  ])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  const family = new Map<number, { id: number; name: string; relation: string }>()
  for (const p of related)
    if (p.id !== childId && !family.has(p.id))
      family.set(p.id, {
        id: p.id,
        name: fullName(p),
        relation: relationText(p.relationship_type, p.pointsAtChild),
      })
  for (const p of viaParents)
    if (p.id !== childId && !family.has(p.id))
      family.set(p.id, {
        id: p.id,
        name: fullName(p),
        relation: 'Brother or sister (a parent or carer in common)',
      })
  const now = clock.now()
  const records = await loadChildRecords(db, [...family.keys()])
  const reads: RelativeRead[] = [...family.values()].map((p) => ({
    ...p,
    reading: relativeReading(reader, records.get(p.id) ?? null, now),
  }))
  await auditRelativeReads(db, audit, childId, 'prior_involvement', reads)
  const people = [
    { id: childId as number | null, name: fullName(child), relation: 'The child', restricted: false },
    ...reads.flatMap((r) => {
      const p = family.get(r.id)
      if (!p) return []
      if (r.reading.read)
        return [{ id: p.id as number | null, name: p.name, relation: p.relation, restricted: false }]
      // Only that a restricted record is there, and how related: not who, nor anything of it.
      if (r.reading.restrictedOnly)
        return [{ id: null, name: 'Restricted record', relation: p.relation, restricted: true }]
      return []
    }),
  ]
  const open = people.flatMap((p) => (p.id !== null && !p.restricted ? [p.id] : []))
  const history = await store.historyOf(db, open)
  return people.map((p) => ({
    ...p,
    contacts: history.contacts.filter((c) => c.child_id === p.id),
    referrals: history.referrals.filter((r) => r.child_id === p.id),
    assessments: history.assessments.filter(
      (a) => a.child_id === p.id && a.assessment_id !== exceptAssessment,
    ),
  }))
}

/**
 * The visit measures of an assessment, as the worklists have them: its row of
 * `assessment_visit_measure_v` (migration 0040, the one definition) through `visitSummary` (the one rule),
 * with the other children of the household and the day each was first seen. Each of them is read
 * as `relativeReading` allows for this reader, and audited on their own trail: a restricted
 * brother or sister the reader may not open is counted but not named, nor when they were seen.
 * Null for an assessment deleted or not found.
 */
export async function visitMeasures(
  { db, clock }: AssessmentDeps,
  reader: Actor,
  assessmentId: number,
  audit: AuditContext,
) {
  const row = await store.visitRow(db, assessmentId)
  if (!row) return null
  return measuresOf({ db, clock }, reader, row, await store.visitHousehold(db, assessmentId), audit)
}

type VisitRow = NonNullable<Awaited<ReturnType<typeof store.visitRow>>>
type HouseholdMember = Awaited<ReturnType<typeof store.visitHousehold>>[number]

/** The measures of an assessment from its rows, each brother's or sister's read checked and audited. */
async function measuresOf(
  { db, clock }: AssessmentDeps,
  reader: Actor,
  row: VisitRow,
  members: readonly HouseholdMember[],
  audit: AuditContext,
) {
  const now = clock.now()
  const [calendar, records] = await Promise.all([
    loadWorkingCalendar(db),
    loadChildRecords(
      db,
      members.map((m) => m.id),
    ),
  ])
  const reads: RelativeRead[] = members.map((m) => ({
    id: m.id,
    relation: 'Brother or sister in the household',
    reading: relativeReading(reader, records.get(m.id) ?? null, now),
  }))
  await auditRelativeReads(db, audit, row.child_id, 'visit_measures', reads)
  const household = members.map((m, i) =>
    reads[i]?.reading.read
      ? {
          name: fullName(m),
          hidden: false,
          seenOn: m.first_seen_on,
          seenText: m.first_seen_source ? CHILD_SEEN_TEXT[m.first_seen_source] : null,
        }
      : {
          name: reads[i]?.reading.restrictedOnly ? 'Restricted record' : 'Another child',
          hidden: true,
          seenOn: null,
          seenText: null,
        },
  )
  return { ...visitSummary(row, calendar), household }
}

/** The child's assessments, newest first, with their clocks, for the list and the record. */
export async function assessmentList(deps: AssessmentDeps, childId: number) {
  const [assessments, child] = await Promise.all([
    store.assessmentsOf(deps.db, childId),
    store.childNamed(deps.db, childId),
  ])
  return listed(assessments, child)
}

function listed(
  assessments: Awaited<ReturnType<typeof store.assessmentsOf>>,
  child: Parameters<typeof birthSituation>[0] | undefined,
) {
  return assessments.map((a) => {
    const situation = birthSituation(child ?? { kind: 'child', date_of_birth: null }, a.started_on)
    return {
      ...a,
      outcomeText: labelOf(CODES.outcomes, a.outcome),
      preBirth: situation.preBirth,
      title: assessmentTitle(situation),
    }
  })
}

/** The child's assessments, with the clock and visit measures of the latest, for the record page. */
export async function recordPanel(deps: AssessmentDeps, reader: Actor, childId: number, audit: AuditContext) {
  const rows = await store.recordPanelRows(deps.db, childId)
  return {
    assessments: listed(rows.assessments, rows.child),
    measures: rows.visit ? await measuresOf(deps, reader, rows.visit, rows.household, audit) : null,
    canStartFrom: rows.canStartFrom,
  }
}
