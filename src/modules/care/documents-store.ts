/**
 * The SQL of documents and money: the `care_document` rows (migration 0062), a child's history
 * and their latest state through the published view `care_documents_v`, and the list of children
 * looked after long enough to be on it. No permission checks here beyond the list's SQL filter of
 * the children the reader may see; the documents service decides who may call what.
 */
import { sql } from 'kysely'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import type { DocumentRecord } from './documents-model.js'
import type { Db, Trx } from './store.js'

export async function insertDocument(
  trx: Trx,
  d: { childId: number; periodId: number; record: DocumentRecord; by: number; at: Date },
): Promise<number> {
  const r = d.record
  const { id } = await trx
    .insertInto('care_document')
    .values({
      child_id: d.childId,
      period_id: d.periodId,
      item: r.item,
      status: r.status,
      kind: r.kind,
      kept_at: r.keptAt,
      applied_on: r.appliedOn,
      issued_on: r.issuedOn,
      expires_on: r.expiresOn,
      received_on: r.receivedOn,
      opened_on: r.openedOn,
      provider: r.provider,
      recorded_by: d.by,
      recorded_at: d.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Every record of the child's documents, newest first, with who recorded it. */
export async function documentsOf(db: Db, childId: number) {
  return db
    .selectFrom('care_document as d')
    .leftJoin('app_user as u', 'u.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.item',
      'd.status',
      'd.kind',
      'd.kept_at',
      'd.applied_on',
      'd.issued_on',
      'd.expires_on',
      'd.received_on',
      'd.opened_on',
      'd.provider',
      'd.recorded_at',
      'u.display_name as recordedByName',
    ])
    .where('d.child_id', '=', childId)
    .orderBy('d.id', 'desc')
    .execute()
}

/** The child's row of the published view: looked after now, each item's latest state. */
export async function documentsStateOf(db: Db, childId: number) {
  return db.selectFrom('care_documents_v').selectAll().where('child_id', '=', childId).executeTakeFirst()
}

/**
 * The children looked after since `startedBy` or before, whom the reader may see, each with what
 * they hold, their date of birth, and the teams and workers their case is allocated to (live
 * allocations). Oldest care first. What they lack is the model's rule, applied by the service.
 */
export async function listCandidates(db: Db, actor: Actor, startedBy: string, now: Date) {
  return db
    .selectFrom('care_documents_v as v')
    .innerJoin('person', 'person.id', 'v.child_id')
    .selectAll('v')
    .select([
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      sql<{ id: number; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
          from child_access a join team t on t.id = a.team_id
         where a.child_id = v.child_id and a.basis = 'allocated_team' and a.revoked_at is null
           and (a.expires_at is null or a.expires_at > ${now})), '[]'::json)`.as('teams'),
      sql<{ id: number; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'name', u.display_name) order by u.display_name, u.id)
          from child_access a join app_user u on u.id = a.user_id
         where a.child_id = v.child_id and a.basis = 'allocated_worker' and a.revoked_at is null
           and (a.expires_at is null or a.expires_at > ${now})), '[]'::json)`.as('workers'),
    ])
    .where('v.looked_after_since', '<=', startedBy)
    .where('person.deleted_at', 'is', null)
    .where(visibleChildren(actor, now))
    .orderBy('v.looked_after_since')
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .orderBy('v.child_id')
    .execute()
}
