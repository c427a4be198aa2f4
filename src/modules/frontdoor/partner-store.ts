/**
 * The front door's SQL for partner agencies and police notifications: a partner's account and
 * agency, their agency's contacts, and the police domestic abuse notifications the MASH decides
 * together. People's data comes from the people module's published views.
 */
import { sql } from 'kysely'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import { openDecisionClock } from './triage-store.js'
import type { Trx } from './store.js'

/** The partner agency a staff member works for, which limits what a partner sees. */
export async function agencyOfUser(trx: Trx, userId: number): Promise<number | null> {
  const row = await trx.selectFrom('app_user').select('agency_id').where('id', '=', userId).executeTakeFirst()
  return row?.agency_id ?? null
}

/** A partner practitioner's account and their agency, if it is in use. */
export async function partnerAccount(trx: Trx, userId: number) {
  return trx
    .selectFrom('app_user as u')
    .leftJoin('agency as a', (join) => join.onRef('a.id', '=', 'u.agency_id').on('a.disabled_at', 'is', null))
    .select([
      'u.id',
      'u.display_name',
      'u.job_title',
      'u.email',
      'a.id as agencyId',
      'a.name as agencyName',
      'a.kind as agencyKind',
      'a.referral_source as agencySource',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/** An agency's contacts, newest first, one row per child as the partner described them. */
export async function agencyContactRows(trx: Trx, agencyId: number) {
  return trx
    .selectFrom('contact as c')
    .innerJoin('contact_child as cc', 'cc.contact_id', 'c.id')
    .leftJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.received_at',
      'c.reason',
      'u.display_name as submittedBy',
      'cc.id as contactChildId',
      'cc.described_name',
      'cc.status',
      'cc.decision',
      'cc.feedback_at',
    ])
    .where('c.submitted_by_agency_id', '=', agencyId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .orderBy('cc.id')
    .limit(200)
    .execute()
}

/** A police domestic abuse notification, for a contact aliased `alias`. */
function isPoliceNotificationSql(alias: string) {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  return sql<boolean>`(${col('domestic_abuse')} and (${col('referral_source')} = '6' or ${col('channel')} = 'police_notification'))`
}

/**
 * What the police said about the risk on the notification (`c`, `cc`), and how many police
 * notifications about the same child were received in the twelve months to it, it included.
 */
function riskColumns() {
  return [
    'c.dash_risk',
    'c.marac_referral',
    'c.injury_mentioned',
    sql<number>`(select count(*) from contact_child cc2 join contact c2 on c2.id = cc2.contact_id
      where cc2.child_id = cc.child_id and c2.deleted_at is null and ${isPoliceNotificationSql('c2')}
        and c2.received_at <= c.received_at and c2.received_at > c.received_at - interval '12 months')`.as(
      'notifications_12m',
    ),
  ] as const
}

/**
 * Police domestic abuse notifications whose child has been found and which wait for a decision,
 * oldest first, limited to the children the actor may open at `now`. Each with what the police
 * said about the risk, the child's notifications in twelve months, and whether the child has an
 * open case (an open referral or an allocated worker or team) or a child protection plan or is
 * looked after (a plan's or a period of care's clock still running).
 */
export async function policeNotificationRows(trx: Trx, actor: Actor, now: Date, limit: number) {
  return (
    trx
      .selectFrom('contact_child as cc')
      .innerJoin('contact as c', 'c.id', 'cc.contact_id')
      .innerJoin('people_person_v as person', 'person.id', 'cc.child_id')
      .leftJoin('agency as a', 'a.id', 'c.referrer_agency_id')
      .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
      .select([
        'cc.id',
        'cc.contact_id',
        'cc.child_id',
        'cc.rag',
        'cc.threshold_level',
        'cc.recommendation',
        'c.received_at',
        'c.reason',
        'c.presenting_needs',
        'c.referrer_name',
        'a.name as agency',
        'person.given_name',
        'person.family_name',
        'person.date_of_birth',
        's.due_at',
        's.due_soon_at',
        ...riskColumns(),
        sql<boolean>`exists (select 1 from referral r where r.child_id = cc.child_id and r.status <> 'closed')
          or exists (select 1 from child_access g where g.child_id = cc.child_id and g.revoked_at is null
            and g.basis in ('allocated_worker', 'allocated_team') and (g.expires_at is null or g.expires_at > ${now}))`.as(
          'open_case',
        ),
        sql<boolean>`exists (select 1 from task t where t.child_id = cc.child_id and t.stopped_at is null and t.subject_type = 'cp_plan')`.as(
          'cp_plan',
        ),
        sql<boolean>`exists (select 1 from task t where t.child_id = cc.child_id and t.stopped_at is null and t.subject_type = 'period_of_care')`.as(
          'looked_after',
        ),
      ])
      .where('cc.status', '=', 'in_triage')
      .where(isPoliceNotificationSql('c'))
      .where('c.deleted_at', 'is', null)
      // The permission filter names the table \`person\`: the published view stands in under that name.
      .where((eb) => visibleChildren(actor, now)(eb as never))
      .orderBy('c.received_at')
      .orderBy('cc.contact_id')
      .orderBy('cc.id')
      .limit(limit)
      .execute()
  )
}

/** What the police said about the risk on each selected notification, for the bulk rule. */
export async function notificationRisks(trx: Trx, ids: readonly number[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select(['cc.id', ...riskColumns()])
    .where('cc.id', 'in', ids)
    .orderBy('cc.id')
    .execute()
}

/** The selected children, locked until the transaction ends so that no one decides them meanwhile. */
export async function lockSelected(trx: Trx, ids: readonly number[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('people_person_v as p', 'p.id', 'cc.child_id')
    .select([
      'cc.id',
      'cc.contact_id',
      'cc.child_id',
      'cc.status',
      'cc.rag',
      'cc.recommendation',
      'cc.described_name',
      'c.domestic_abuse',
      'c.referral_source',
      'c.channel',
      'c.consent',
      'c.deleted_at',
      'c.received_at',
      'p.given_name',
      'p.family_name',
    ])
    .where('cc.id', 'in', ids)
    .orderBy('cc.id')
    .forUpdate('cc')
    .execute()
}
