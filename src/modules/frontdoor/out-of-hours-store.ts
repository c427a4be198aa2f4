/** The front door's SQL for the emergency duty team's out-of-hours records. */
import type { OutOfHoursInput } from './out-of-hours-model.js'
import type { Trx } from './store.js'

export async function insertOutOfHours(
  trx: Trx,
  r: OutOfHoursInput & { recordedBy: number; recordedAt: Date },
) {
  const { id } = await trx
    .insertInto('out_of_hours_record')
    .values({
      called_at: r.calledAt,
      caller_name: r.callerName,
      caller_role: r.callerRole,
      referral_source: r.referralSource,
      children: JSON.stringify(r.children),
      what_happened: r.whatHappened,
      action_taken: r.actionTaken,
      advice_given: r.adviceGiven,
      police_involved: r.policeInvolved,
      health_involved: r.healthInvolved,
      consent: r.consent,
      handover: r.handover,
      recorded_by: r.recordedBy,
      recorded_at: r.recordedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const COLUMNS = [
  'o.id',
  'o.called_at',
  'o.caller_name',
  'o.caller_role',
  'o.referral_source',
  'o.children',
  'o.what_happened',
  'o.action_taken',
  'o.advice_given',
  'o.police_involved',
  'o.health_involved',
  'o.consent',
  'o.handover',
  'o.recorded_by',
  'o.recorded_at',
  'o.contact_id',
  'o.converted_at',
  'u.display_name as recordedByName',
  'u.team_id as recordedByTeam',
] as const

export async function outOfHoursRecord(trx: Trx, id: number) {
  return trx
    .selectFrom('out_of_hours_record as o')
    .innerJoin('app_user as u', 'u.id', 'o.recorded_by')
    .select(COLUMNS)
    .where('o.id', '=', id)
    .executeTakeFirst()
}

/** Records the MASH has not yet made a contact of, earliest call first. */
export async function awaitingHandover(trx: Trx, limit = 50) {
  return trx
    .selectFrom('out_of_hours_record as o')
    .innerJoin('app_user as u', 'u.id', 'o.recorded_by')
    .select(COLUMNS)
    .where('o.contact_id', 'is', null)
    .orderBy('o.called_at')
    .orderBy('o.id')
    .limit(limit)
    .execute()
}

/**
 * What the emergency duty team sees of its own work: its members' records since `since`, newest
 * first (a worker without a team sees their own).
 */
export async function teamRecords(trx: Trx, who: { userId: number; teamId: number | null }, since: Date) {
  let query = trx
    .selectFrom('out_of_hours_record as o')
    .innerJoin('app_user as u', 'u.id', 'o.recorded_by')
    .select(COLUMNS)
    .where('o.called_at', '>=', since)
  query =
    who.teamId === null
      ? query.where('o.recorded_by', '=', who.userId)
      : query.where('u.team_id', '=', who.teamId)
  return query.orderBy('o.called_at', 'desc').orderBy('o.id', 'desc').limit(200).execute()
}

export async function markConverted(trx: Trx, id: number, c: { contactId: number; by: number; at: Date }) {
  const row = await trx
    .updateTable('out_of_hours_record')
    .set({ contact_id: c.contactId, converted_by: c.by, converted_at: c.at })
    .where('id', '=', id)
    .where('contact_id', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}
