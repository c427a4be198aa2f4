/**
 * Restrictions in SQL: the restriction in force on a record, writing a restriction and its
 * reviews, the managers who may authorise one, and the overdue-review report. Migration 0012 keeps
 * `person.restricted` and `person.restriction_category` in step by trigger, so writing here is
 * enough for the permission rule to see it.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { childrenPermitting, visibleChildren } from '../../platform/permissions/store.js'
import { type RestrictionCategory } from './codes.js'
import { RESTRICTION_AUTHORISER_ROLES, type PossibleAuthoriser } from './restriction-model.js'

type Db = Kysely<Database>

/** The restriction in force on a record, as its pages show it. */
export interface RestrictionInForce {
  id: number
  personId: number
  category: RestrictionCategory
  reason: string | null
  authorisedBy: string | null
  authorisedAt: Date | null
  recordedBeforeReviews: boolean
  reviewDue: string
  lastReviewedAt: Date | null
  lastReviewedBy: string | null
}

function restrictionQuery(db: Db) {
  return db
    .selectFrom('person_restriction as r')
    .leftJoin('app_user as a', 'a.id', 'r.authorised_by')
    .leftJoin('app_user as v', 'v.id', 'r.last_reviewed_by')
    .select([
      'r.id',
      'r.person_id',
      'r.category',
      'r.reason',
      'a.display_name as authorised_by_name',
      'r.authorised_at',
      'r.recorded_before_reviews',
      'r.review_due',
      'r.last_reviewed_at',
      'v.display_name as last_reviewed_by_name',
    ])
    .where('r.lifted_at', 'is', null)
}

/** The restriction in force on the record, or null; `lock` holds it for a review in a transaction. */
export async function findRestrictionInForce(
  db: Db,
  personId: number,
  lock = false,
): Promise<RestrictionInForce | null> {
  let query = restrictionQuery(db).where('r.person_id', '=', personId)
  if (lock) query = query.forUpdate('r')
  const row = await query.executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    personId: row.person_id,
    category: row.category as RestrictionCategory,
    reason: row.reason,
    authorisedBy: row.authorised_by_name,
    authorisedAt: row.authorised_at,
    recordedBeforeReviews: row.recorded_before_reviews,
    reviewDue: row.review_due,
    lastReviewedAt: row.last_reviewed_at,
    lastReviewedBy: row.last_reviewed_by_name,
  }
}

/** Team managers and service managers, current ones first by name: who may be named as authoriser. */
export async function findAuthorisers(
  db: Db,
): Promise<(PossibleAuthoriser & { displayName: string; username: string })[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'disabled_at', 'display_name', 'username'])
    .where('role', 'in', [...RESTRICTION_AUTHORISER_ROLES])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    disabled: r.disabled_at !== null,
    displayName: r.display_name,
    username: r.username,
  }))
}

/** One member of staff as a possible authoriser, read again as the restriction is saved. */
export async function findPossibleAuthoriser(db: Db, userId: number): Promise<PossibleAuthoriser | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'role', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst()
  return row ? { id: row.id, role: row.role, disabled: row.disabled_at !== null } : null
}

/** The person row locked while a restriction is added, so two managers cannot both restrict it. */
export function lockPersonToRestrict(trx: Db, personId: number) {
  return trx
    .selectFrom('person')
    .select(['id', 'restricted'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export async function insertRestriction(
  trx: Db,
  r: {
    personId: number
    category: RestrictionCategory
    reason: string
    authorisedBy: number
    recordedBy: number
    reviewDue: string
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('person_restriction')
    .values({
      person_id: r.personId,
      category: r.category,
      reason: r.reason,
      authorised_by: r.authorisedBy,
      authorised_at: r.at,
      recorded_by: r.recordedBy,
      recorded_at: r.at,
      review_due: r.reviewDue,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/**
 * Continues a restriction to a new review date. One recorded before reviews takes its first
 * reviewer as its authoriser, with their reason (the migration lets these be set once).
 */
export async function continueRestriction(
  trx: Db,
  r: { restrictionId: number; reviewedBy: number; reviewDue: string; notes: string | null; at: Date },
  firstAuthorisation: boolean,
): Promise<void> {
  await trx
    .updateTable('person_restriction')
    .set({
      review_due: r.reviewDue,
      last_reviewed_at: r.at,
      last_reviewed_by: r.reviewedBy,
      ...(firstAuthorisation ? { authorised_by: r.reviewedBy, authorised_at: r.at, reason: r.notes } : {}),
    })
    .where('id', '=', r.restrictionId)
    .execute()
  await trx
    .insertInto('person_restriction_review')
    .values({
      restriction_id: r.restrictionId,
      reviewed_by: r.reviewedBy,
      reviewed_at: r.at,
      outcome: 'continued',
      next_review_due: r.reviewDue,
      notes: r.notes,
    })
    .execute()
}

export async function liftRestriction(
  trx: Db,
  r: { restrictionId: number; liftedBy: number; reason: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('person_restriction')
    .set({
      last_reviewed_at: r.at,
      last_reviewed_by: r.liftedBy,
      lifted_at: r.at,
      lifted_by: r.liftedBy,
      lifted_reason: r.reason,
    })
    .where('id', '=', r.restrictionId)
    .execute()
  await trx
    .insertInto('person_restriction_review')
    .values({
      restriction_id: r.restrictionId,
      reviewed_by: r.liftedBy,
      reviewed_at: r.at,
      outcome: 'lifted',
      notes: r.reason,
    })
    .execute()
}

/** A row of the overdue-review report. The name is read only where the reader may open the record. */
export interface ReviewReportRow {
  restrictionId: number
  childId: number
  canOpen: boolean
  canReview: boolean
  givenName: string | null
  familyName: string | null
  category: RestrictionCategory | null
  reviewDue: string
  authorisedBy: string | null
  recordedBeforeReviews: boolean
}

/**
 * Restrictions in force whose review falls on or before `dueBy` (London date), that this manager
 * answers for: a service manager every one; a team manager those on a child allocated to a team
 * they manage, those they authorised or last reviewed, and those on records they may open. Sorted
 * by review date. The name and category come back only for records the reader may open.
 */
export async function restrictionsDueForReview(
  db: Db,
  actor: Actor,
  dueBy: string,
  now: Date,
): Promise<ReviewReportRow[]> {
  const rows = await db
    .selectFrom('person_restriction as r')
    .innerJoin('person', 'person.id', 'r.person_id')
    .leftJoin('app_user as a', 'a.id', 'r.authorised_by')
    .select((eb) => {
      // The permission rule's own where-clauses, built for a query naming `person`.
      const person = eb as unknown as ExpressionBuilder<Database, 'person'>
      const canOpen = visibleChildren(actor, now)(person)
      const canReview = childrenPermitting(actor, 'child.edit', now)(person)
      const ifOpen = <T>(column: Expression<T>) => eb.case().when(canOpen).then(column).else(null).end()
      return [
        'r.id',
        'r.person_id',
        'r.review_due',
        'r.recorded_before_reviews',
        'a.display_name as authorised_by_name',
        eb
          .case()
          .when(canOpen)
          .then(sql<boolean>`true`)
          .else(sql<boolean>`false`)
          .end()
          .as('can_open'),
        eb
          .case()
          .when(canReview)
          .then(sql<boolean>`true`)
          .else(sql<boolean>`false`)
          .end()
          .as('can_review'),
        // Nothing of a record the reader may not open leaves the database (SEC-07).
        ifOpen(eb.ref('person.given_name')).as('given_name'),
        ifOpen(eb.ref('person.family_name')).as('family_name'),
        ifOpen(eb.ref('r.category')).as('category'),
      ]
    })
    .where('r.lifted_at', 'is', null)
    .where('person.deleted_at', 'is', null)
    .where('r.review_due', '<=', dueBy)
    .$if(actor.role !== 'service_manager', (q) =>
      q.where((eb) =>
        eb.or([
          eb('r.authorised_by', '=', actor.id),
          eb('r.last_reviewed_by', '=', actor.id),
          visibleChildren(actor, now)(eb as unknown as ExpressionBuilder<Database, 'person'>),
          ...(actor.managedTeamIds.length
            ? [
                eb.exists(
                  eb
                    .selectFrom('child_access as t')
                    .select(sql<number>`1`.as('one'))
                    .whereRef('t.child_id', '=', 'r.person_id')
                    .where('t.basis', '=', 'allocated_team')
                    .where('t.team_id', 'in', actor.managedTeamIds)
                    .where('t.revoked_at', 'is', null)
                    .where((g) => g.or([g('t.expires_at', 'is', null), g('t.expires_at', '>', now)])),
                ),
              ]
            : []),
        ]),
      ),
    )
    .orderBy('r.review_due')
    .orderBy('r.id')
    .execute()
  return rows.map((r) => ({
    restrictionId: r.id,
    childId: r.person_id,
    canOpen: r.can_open,
    canReview: r.can_review,
    givenName: r.given_name,
    familyName: r.family_name,
    category: r.category as RestrictionCategory | null,
    reviewDue: r.review_due,
    authorisedBy: r.authorised_by_name,
    recordedBeforeReviews: r.recorded_before_reviews,
  }))
}
