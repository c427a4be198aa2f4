/**
 * The front door's SQL for Operation Encompass: what a notification needs to decide whether the
 * school is told, the record of telling them, and its clock.
 */
import type { ContactSchoolNoticeTable } from '../../platform/db/schema.js'
import type { Insertable } from 'kysely'
import type { Trx } from './store.js'

/** The contact's kind and the child's date of birth, as the people module publishes it. */
export async function noticeFacts(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .select([
      'cc.id',
      'cc.child_id',
      'cc.status',
      'c.domestic_abuse',
      'c.referral_source',
      'c.channel',
      'c.received_at',
      'c.deleted_at',
      'c.dash_risk',
      'c.marac_referral',
      'c.injury_mentioned',
      'p.date_of_birth',
    ])
    .where('cc.id', '=', contactChildId)
    .executeTakeFirst()
}

export async function insertSchoolNotice(trx: Trx, notice: Insertable<ContactSchoolNoticeTable>) {
  const { id } = await trx
    .insertInto('contact_school_notice')
    .values(notice)
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The school told, and the clock for telling them, for one child on a contact. */
export async function schoolNoticeOf(trx: Trx, contactChildId: number) {
  const [notice, clock] = await Promise.all([
    trx
      .selectFrom('contact_school_notice as n')
      .innerJoin('app_user as u', 'u.id', 'n.told_by')
      .select([
        'n.school',
        'n.told_person',
        'n.told_at',
        'n.method',
        'n.note',
        'u.display_name as told_by_name',
      ])
      .where('n.contact_child_id', '=', contactChildId)
      .executeTakeFirst(),
    trx
      .selectFrom('task')
      .select(['due_at', 'due_soon_at', 'stopped_at'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(contactChildId))
      .where('clock_code', '=', 'operation-encompass')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ])
  return { notice: notice ?? null, clock: clock ?? null }
}
