/**
 * What the pre-birth prompt reads, through other modules' published views only: the unborn child
 * and their parents (`people_person_v`, `people_relationship_v`), brothers and sisters
 * (`people_sibling_v`), and the family's history: referrals (`frontdoor_referral_v`), child and
 * family assessments (`assessment_v`), section 47 enquiries (`protection_s47_v`) and child
 * protection plans (`protection_cp_plan_v`).
 */
import type { Db } from '../../platform/db/database.js'
import type { HistoryItem } from './prebirth-model.js'
import { PARENT_TYPES, views } from './store.js'

/** The child's kind, and whether an assessment of them has been started. */
export async function promptChild(db: Db, childId: number) {
  const row = await db
    .selectFrom('people_person_v as p')
    .select([
      'p.kind',
      (eb) =>
        eb
          .exists(
            eb.selectFrom('assessment_v as a').select('a.assessment_id').whereRef('a.child_id', '=', 'p.id'),
          )
          .as('assessed'),
    ])
    .where('p.id', '=', childId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst()
  return row ? { kind: row.kind, assessed: Boolean(row.assessed) } : null
}

/** The child's parents and carers now, and brothers and sisters, oldest first. */
export async function family(db: Db, childId: number) {
  const [parents, siblings] = await Promise.all([
    db
      .selectFrom('people_relationship_v as r')
      .innerJoin('people_person_v as p', 'p.id', 'r.person_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.restricted'])
      .where('r.related_person_id', '=', childId)
      .where('r.relationship_type', 'in', PARENT_TYPES)
      .where('r.deleted_at', 'is', null)
      .where('r.to_date', 'is', null)
      .where('p.deleted_at', 'is', null)
      .distinct()
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('people_sibling_v as s')
      .innerJoin('people_person_v as p', 'p.id', 's.sibling_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.restricted'])
      .where('s.child_id', '=', childId)
      .orderBy('p.id')
      .execute(),
  ])
  return { parents, siblings }
}

/** Each person's referrals, assessments, section 47 enquiries and CP plans. */
export async function familyHistory(db: Db, personIds: readonly number[]): Promise<HistoryItem[]> {
  if (personIds.length === 0) return []
  const [referrals, assessments, enquiries, plans] = await Promise.all([
    views(db)
      .selectFrom('frontdoor_referral_v')
      .select(['id', 'child_id', 'referral_date', 'nfa'])
      .where('child_id', 'in', personIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('assessment_v')
      .select(['assessment_id', 'child_id', 'start_date'])
      .where('child_id', 'in', personIds)
      .orderBy('assessment_id')
      .execute(),
    db
      .selectFrom('protection_s47_v')
      .select(['s47_id', 'child_id', 'start_date'])
      .where('child_id', 'in', personIds)
      .orderBy('s47_id')
      .execute(),
    db
      .selectFrom('protection_cp_plan_v')
      .select(['plan_id', 'child_id', 'start_date', 'end_date'])
      .where('child_id', 'in', personIds)
      .orderBy('plan_id')
      .execute(),
  ])
  return [
    ...referrals.map((r) => ({
      personId: r.child_id,
      kind: 'referral' as const,
      id: r.id,
      date: r.referral_date,
      nfa: r.nfa,
    })),
    ...assessments.map((a) => ({
      personId: a.child_id,
      kind: 'assessment' as const,
      id: a.assessment_id,
      date: a.start_date,
    })),
    ...enquiries.map((s) => ({
      personId: s.child_id,
      kind: 's47' as const,
      id: s.s47_id,
      date: s.start_date,
    })),
    ...plans.map((p) => ({
      personId: p.child_id,
      kind: 'cp_plan' as const,
      id: p.plan_id,
      date: p.start_date,
      endDate: p.end_date,
    })),
  ]
}
