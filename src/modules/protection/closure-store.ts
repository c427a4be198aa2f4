/**
 * Case closure's SQL (migration 0050): the proposals and their checklists. What is still open on
 * the child's case is read through the published views of the modules that own it (the front
 * door's `frontdoor_referral_v`, protection's plan views, the assessment's `assessment_v`).
 */
import { sql } from 'kysely'
import type { ClosureChecklist } from '../../platform/casework/closure.js'
import type { CaseClosureStatus } from '../../platform/db/schema.js'
import type { OpenWork } from './closure-model.js'
import type { Trx } from './store.js'

/** The child's open case: their latest referral not closed (the front door's published view). */
export async function openReferralOf(db: Trx, childId: number) {
  const { rows } = await sql<{ id: number | string; referral_date: string }>`
    select id, referral_date from frontdoor_referral_v
     where child_id = ${childId} and status <> 'closed'
     order by referral_date desc, id desc
     limit 1`.execute(db)
  const row = rows[0]
  return row ? { id: Number(row.id), referralDate: String(row.referral_date) } : undefined
}

/** What is still open on the child's case: plans not ended, assessments not authorised. */
export async function openWorkOf(db: Trx, childId: number): Promise<OpenWork> {
  const { rows } = await sql<{ cp: number | string; cin: number | string; assessments: number | string }>`
    select (select count(*) from protection_cp_plan_v where child_id = ${childId} and end_date is null) as cp,
           (select count(*) from protection_cin_plan_v where child_id = ${childId} and end_date is null) as cin,
           (select count(*) from assessment_v where child_id = ${childId} and status <> 'authorised') as assessments
  `.execute(db)
  const row = rows[0]
  return {
    cpPlans: Number(row?.cp ?? 0),
    cinPlans: Number(row?.cin ?? 0),
    assessments: Number(row?.assessments ?? 0),
  }
}

export async function insertClosure(
  trx: Trx,
  c: {
    childId: number
    referralId: number
    checklist: ClosureChecklist
    referralPrompted: boolean
    stepDownNote: string | null
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('case_closure')
    .values({
      child_id: c.childId,
      referral_id: c.referralId,
      reason_code: c.checklist.reasonCode,
      checklist: JSON.stringify(c.checklist),
      referral_prompted: c.referralPrompted,
      step_down: c.stepDownNote !== null,
      step_down_note: c.stepDownNote,
      proposed_by: c.by,
      proposed_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The closure waiting on the child, locked until the transaction ends. */
export async function lockAwaitingOf(trx: Trx, childId: number) {
  return trx
    .selectFrom('case_closure')
    .select(['id'])
    .where('child_id', '=', childId)
    .where('status', '=', 'awaiting')
    .forUpdate()
    .executeTakeFirst()
}

/** A closure, locked until the transaction ends (two managers deciding at once). */
export async function lockClosure(trx: Trx, id: number) {
  return trx.selectFrom('case_closure').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function markDecided(
  trx: Trx,
  id: number,
  d: { status: Exclude<CaseClosureStatus, 'awaiting'>; by: number; at: Date },
) {
  await trx
    .updateTable('case_closure')
    .set({
      status: d.status,
      decided_by: d.by,
      decided_at: d.at,
      closed_at: d.status === 'authorised' ? d.at : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'awaiting')
    .execute()
}

const named = (db: Trx) =>
  db
    .selectFrom('case_closure as c')
    .innerJoin('people_person_v as p', 'p.id', 'c.child_id')
    .innerJoin('app_user as a', 'a.id', 'c.proposed_by')
    .leftJoin('app_user as d', 'd.id', 'c.decided_by')
    .selectAll('c')
    .select([
      'p.given_name',
      'p.family_name',
      'a.display_name as proposedByName',
      'd.display_name as decidedByName',
    ])

/** A closure with the child's and the people's names. */
export async function loadClosure(db: Trx, id: number) {
  return named(db).where('c.id', '=', id).executeTakeFirst()
}

/** The child's closures, newest first. */
export async function closuresOf(db: Trx, childId: number) {
  return named(db)
    .where('c.child_id', '=', childId)
    .orderBy('c.proposed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/** The child a closure is about (route subjects). */
export async function closureChild(db: Trx, id: number): Promise<number | null> {
  const row = await db.selectFrom('case_closure').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}
