/**
 * The SQL of the IRO's escalations and the permanency planning meeting: `care_iro_escalation`, its
 * steps and `care_permanency_meeting` (migration 0065). No permission checks here; the escalation
 * service decides who may call what.
 */
import type { Db, Trx } from './store.js'
import type { PermanencyInput, RaiseInput } from './escalation-model.js'

/** The period's open escalation, locked for the change about to be made, or undefined. */
export async function lockOpenEscalation(trx: Trx, periodId: number) {
  return trx
    .selectFrom('care_iro_escalation')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst()
}

/** The period's open escalation (for a form's page), or undefined. */
export async function openEscalation(db: Db, periodId: number) {
  return db
    .selectFrom('care_iro_escalation')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('status', '=', 'open')
    .executeTakeFirst()
}

export async function insertEscalation(
  trx: Trx,
  e: { periodId: number; childId: number; input: RaiseInput; dueAt: Date; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_iro_escalation')
    .values({
      period_id: e.periodId,
      child_id: e.childId,
      category: e.input.category,
      concern: e.input.concern,
      reason: e.input.reason,
      stage: e.input.stage,
      due_at: e.dueAt,
      status: 'open',
      raised_by: e.by,
      raised_at: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Moves the escalation to a stage (open, with its due date) or closes it. */
export async function updateEscalation(
  trx: Trx,
  id: number,
  to: { stage: string; status: 'open' | 'resolved' | 'referred'; dueAt: Date | null; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_iro_escalation')
    .set({
      stage: to.stage,
      status: to.status,
      due_at: to.dueAt,
      closed_at: to.status === 'open' ? null : to.at,
    })
    .where('id', '=', id)
    .execute()
}

export async function insertStep(
  trx: Trx,
  s: {
    escalationId: number
    stage: string
    kind: 'sent' | 'responded'
    because?: 'raised' | 'not_resolved' | 'late'
    outcome?: 'resolved' | 'not_resolved'
    note: string | null
    dueAt: Date | null
    by: number
    at: Date
  },
): Promise<void> {
  await trx
    .insertInto('care_iro_escalation_step')
    .values({
      escalation_id: s.escalationId,
      stage: s.stage,
      kind: s.kind,
      because: s.because ?? null,
      outcome: s.outcome ?? null,
      note: s.note,
      due_at: s.dueAt,
      by_user: s.by,
      at: s.at,
    })
    .execute()
}

/** The child's escalations, newest first, with who raised each. */
export async function escalationsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_iro_escalation as e')
    .innerJoin('app_user as u', 'u.id', 'e.raised_by')
    .select([
      'e.id',
      'e.period_id',
      'e.category',
      'e.concern',
      'e.reason',
      'e.stage',
      'e.due_at',
      'e.status',
      'e.raised_at',
      'e.closed_at',
      'u.display_name as raisedByName',
    ])
    .where('e.child_id', '=', childId)
    .orderBy('e.raised_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

/** The steps of the escalations given, oldest first, with who took each. */
export async function stepsOf(db: Db, escalationIds: readonly number[]) {
  if (escalationIds.length === 0) return []
  return db
    .selectFrom('care_iro_escalation_step as s')
    .innerJoin('app_user as u', 'u.id', 's.by_user')
    .select(['s.escalation_id', 's.stage', 's.kind', 's.because', 's.outcome', 's.note', 's.due_at', 's.at'])
    .select('u.display_name as byName')
    .where('s.escalation_id', 'in', escalationIds)
    .orderBy('s.id')
    .execute()
}

export async function permanencyMeetingOf(db: Db, periodId: number) {
  return db
    .selectFrom('care_permanency_meeting')
    .selectAll()
    .where('period_id', '=', periodId)
    .executeTakeFirst()
}

/** Records the meeting; false when the period already has one (another request just now). */
export async function insertPermanencyMeeting(
  trx: Trx,
  m: { periodId: number; childId: number; input: PermanencyInput; by: number; at: Date },
): Promise<boolean> {
  const rows = await trx
    .insertInto('care_permanency_meeting')
    .values({
      period_id: m.periodId,
      child_id: m.childId,
      held_on: m.input.heldOn,
      chair: m.input.chair,
      plan: m.input.plan,
      note: m.input.note,
      recorded_by: m.by,
      recorded_at: m.at,
    })
    .onConflict((oc) => oc.column('period_id').doNothing())
    .returning('period_id')
    .execute()
  return rows.length === 1
}
