/**
 * Recording a period's adoption record (the decision, its reversal, the match) in one transaction:
 * the permission checked again, the open period locked, the episodes' milestones read, the model's
 * rules applied, the row, the case event `care.adoption_recorded` and the audit row
 * `care.adoption_record`. A refusal leaves nothing written; a refusal of the user is audited on
 * its own. The time comes from the injected clock.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { NotFoundError } from '../../platform/http/errors.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ADOPTION_AUDIT,
  ADOPTION_EVENT,
  adoptionMilestones,
  adoptionRefusal,
  adoptionSummary,
  type AdoptionInput,
} from './adoption-model.js'
import * as adoption from './adoption-store.js'
import { CARE_SUBJECT } from './model.js'
import { CareStateError, changingRecord, type CareDeps } from './service.js'
import * as store from './store.js'
import type { Trx } from './store.js'

const NOT_IN_CARE = 'This child is not looked after: the decision and match are recorded during care'

/** Records (or corrects) the open period's adoption record. */
export async function recordAdoption(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  input: AdoptionInput,
  audit: AuditContext,
): Promise<{ periodId: number }> {
  const action = { action: ADOPTION_AUDIT, recordType: 'care_adoption' }
  return changingRecord(deps, actor, childId, audit, action, (trx, now, basis) =>
    writeAdoption(trx, actor, childId, input, audit, now, basis),
  )
}

/** The writes, in the caller's transaction once the permission is checked (the tests' and seeds' way in). */
export async function writeAdoption(
  trx: Trx,
  actor: { id: number },
  childId: number,
  input: AdoptionInput,
  audit: AuditContext,
  now: Date,
  basis: string | null,
): Promise<{ periodId: number }> {
  const period = await store.lockOpenPeriod(trx, childId)
  if (!period) throw new CareStateError(NOT_IN_CARE)
  const child = await store.childNamed(trx, childId)
  if (!child) throw new NotFoundError('No such child')
  const milestones = adoptionMilestones(await adoption.episodeFactsOf(trx, period.id))
  const refused = adoptionRefusal(input, {
    periodStart: period.start_date,
    dateOfBirth: child.date_of_birth,
    milestones,
  })
  if (refused) throw new CareStateError(refused.message, refused.field)
  await adoption.upsertAdoption(trx, { periodId: period.id, childId, input, by: actor.id, at: now })
  const detail = {
    decidedOn: input.decision.on,
    reversedOn: input.reversal?.on ?? null,
    reversalReason: input.reversal?.reason ?? null,
    matchedOn: input.match?.on ?? null,
  }
  await recordCaseEvent(trx, {
    childId,
    subjectType: CARE_SUBJECT,
    subjectId: period.id,
    type: ADOPTION_EVENT,
    occurredAt: now,
    summary: adoptionSummary(input),
    recordedBy: actor.id,
    attributes: detail,
  })
  await recordAudit(trx, audit, {
    action: ADOPTION_AUDIT,
    outcome: 'allowed',
    childId,
    recordType: 'care_adoption',
    recordId: period.id,
    basis,
    detail,
  })
  return { periodId: period.id }
}

/** The child's adoption records by period. The route has checked and audited the reader's view. */
export async function adoptionRecords({ db }: CareDeps, childId: number) {
  return adoption.adoptionsOfChild(db, childId)
}
