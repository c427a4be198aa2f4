/**
 * The SQL of importing an SSDA903 return into care's records (migration 0071): the run, each
 * child's periods, placements, episodes, reviews, missing episodes, previous permanence and UASC
 * as planned by `import-model.ts`, and the fingerprint that makes a second run a no-op. Children
 * are found through the people module's published view. No permission checks here.
 */
import { sql } from 'kysely'
import type { CarePlan, PlannedPeriod } from './import-model.js'
import type { PlannedLeaverContact } from './import-records-model.js'
import type { Db, Trx } from './store.js'

export async function insertImport(
  db: Db,
  run: { year: string; source: string; by: number; at: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('care_import')
    .values({ year: run.year, source: run.source, run_by: run.by, run_at: run.at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function finishImport(db: Db, id: number, summary: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('care_import')
    .set({ summary: JSON.stringify(summary) })
    .where('id', '=', id)
    .execute()
}

/**
 * Haven's child for each CHILD of the return, with their date of birth: the person with that LA
 * child ID, or for a CHILD that is a number, the person with that id and no LA child ID (as the
 * export writes them). Deleted records are not matched.
 */
export async function childrenByLaId(
  db: Db,
  laChildIds: readonly string[],
): Promise<Map<string, { id: number; dateOfBirth: string | null }>> {
  const found = new Map<string, { id: number; dateOfBirth: string | null }>()
  if (laChildIds.length === 0) return found
  const ids = laChildIds.filter((c) => /^[0-9]{1,15}$/.test(c))
  const { rows } = await sql<{ id: number | string; child: string; date_of_birth: string | null }>`
    select p.id, upper(p.la_child_id) as child, p.date_of_birth
      from people_return_person_v p
     where p.deleted_at is null and p.kind = 'child'
       and upper(p.la_child_id) = any(${`{${laChildIds.map(quoteArrayItem).join(',')}}`}::text[])
    union all
    select p.id, p.id::text as child, p.date_of_birth
      from people_return_person_v p
     where p.deleted_at is null and p.kind = 'child' and p.la_child_id is null
       and p.id = any(${`{${ids.join(',')}}`}::bigint[])
  `.execute(db)
  for (const r of rows)
    if (!found.has(r.child)) found.set(r.child, { id: Number(r.id), dateOfBirth: r.date_of_birth })
  return found
}

function quoteArrayItem(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/**
 * Whether Haven holds any period of care or care leaver's contact for the child, and the
 * fingerprint of its last import.
 */
export async function careHeldFor(
  db: Db,
  childId: number,
): Promise<{ records: number; fingerprint: string | null }> {
  const [held, last] = await Promise.all([
    db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('care_period')
          .select((e) => e.fn.countAll<string>().as('n'))
          .where('child_id', '=', childId)
          .as('periods'),
        eb
          .selectFrom('care_leaver_contact')
          .select((e) => e.fn.countAll<string>().as('n'))
          .where('child_id', '=', childId)
          .as('contacts'),
      ])
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.periods) + Number(r.contacts)),
    db
      .selectFrom('care_import_child')
      .select('fingerprint')
      .where('child_id', '=', childId)
      .orderBy('import_id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ])
  return { records: held, fingerprint: last?.fingerprint ?? null }
}

/** Writes the child's planned records; returns the periods' ids in order. */
export async function writeImportedCare(
  trx: Trx,
  w: { importId: number; childId: number; plan: CarePlan; fingerprint: string; by: number; at: Date },
): Promise<number[]> {
  const { importId, childId, by, at } = w
  const periodIds: number[] = []
  for (const p of w.plan.periods) {
    const { id: periodId } = await trx
      .insertInto('care_period')
      .values({
        child_id: childId,
        start_date: p.start,
        admission: 'imported',
        category_of_need: p.categoryOfNeed,
        home_postcode: p.homePostcode,
        end_date: p.end,
        reason_ceased: p.reasonCeased,
        started_by: by,
        recorded_at: at,
        ended_by: p.end === null ? null : by,
        ended_at: p.end === null ? null : at,
        import_id: importId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    periodIds.push(periodId)
    for (const pl of p.placements) {
      const { id: placementId } = await trx
        .insertInto('care_placement')
        .values({
          period_id: periodId,
          child_id: childId,
          start_date: pl.start,
          end_date: pl.end,
          place: pl.place,
          provider: pl.provider,
          carer_name: 'Not in the SSDA903 return',
          urn: pl.urn,
          postcode: pl.postcode,
          recorded_by: by,
          recorded_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('care_episode')
        .values(
          pl.episodes.map((e) => ({
            period_id: periodId,
            child_id: childId,
            placement_id: placementId,
            start_date: e.start,
            rne: e.rne,
            legal_status: e.legalStatus,
            end_date: e.end,
            rec: e.rec,
            reason_place_change: e.reasonPlaceChange,
            recorded_by: by,
            recorded_at: at,
          })),
        )
        .execute()
    }
    if (p.reviews.length > 0)
      await trx
        .insertInto('lac_review')
        .values(
          p.reviews.map((r) => ({
            period_id: periodId,
            child_id: childId,
            held_on: r.date,
            participation: r.participation,
            chair_user_id: null,
            report_not_shared_reason: 'Not in the SSDA903 return',
            import_id: importId,
            recorded_by: by,
            recorded_at: at,
          })),
        )
        .execute()
    if (p.missing.length > 0)
      await trx
        .insertInto('care_missing_episode')
        .values(
          p.missing.map((m) => ({
            period_id: periodId,
            child_id: childId,
            kind: m.kind,
            start_date: m.start,
            end_date: m.end,
            recorded_by: by,
            recorded_at: at,
            updated_by: by,
            updated_at: at,
          })),
        )
        .execute()
    if (p.previousPermanence !== null)
      await trx
        .insertInto('care_previous_permanence')
        .values({
          period_id: periodId,
          child_id: childId,
          prev_perm: p.previousPermanence.kind,
          order_date: p.previousPermanence.date,
          order_la: p.previousPermanence.la,
          recorded_by: by,
          recorded_at: at,
        })
        .execute()
    await writePeriodRecords(trx, { periodId, childId, period: p, by, at })
  }
  if (w.plan.uasc !== null)
    await trx
      .insertInto('care_uasc')
      .values({
        child_id: childId,
        uasc_from: w.plan.uasc.from,
        ceased_on: w.plan.uasc.ceased,
        recorded_by: by,
        recorded_at: at,
      })
      .execute()
  if (w.plan.careLeaver) await writeLeaverContact(trx, childId, w.plan.careLeaver, by, at)
  await trx
    .insertInto('care_import_child')
    .values({ import_id: importId, child_id: childId, fingerprint: w.fingerprint })
    .execute()
  return periodIds
}

/** What the SSDA903 does not say of a record Haven asks it of (who assessed, who decided). */
const NOT_IN_RETURN = 'Not in the SSDA903 return'

/** A period's OC2 facts and adoption record, as planned. */
async function writePeriodRecords(
  trx: Trx,
  w: { periodId: number; childId: number; period: PlannedPeriod; by: number; at: Date },
): Promise<void> {
  const { periodId, childId, by, at } = w
  const oc2 = w.period.oc2
  const recorded = { period_id: periodId, child_id: childId, recorded_by: by, recorded_at: at }
  if (oc2 && oc2.outcomes.length > 0)
    await trx
      .insertInto('care_outcome')
      .values(oc2.outcomes.map((o) => ({ ...recorded, kind: o.kind, occurred_on: o.on, code: o.code })))
      .execute()
  if (oc2 && oc2.assessments.length > 0)
    await trx
      .insertInto('care_health_assessment')
      .values(
        oc2.assessments.map((a) => ({
          ...recorded,
          kind: 'rha',
          completed_on: a.on,
          completed_by: NOT_IN_RETURN,
          age_band: a.ageBand,
          updated_by: by,
          updated_at: at,
        })),
      )
      .execute()
  if (oc2 && oc2.checks.length > 0)
    await trx
      .insertInto('care_health_check')
      .values(
        oc2.checks.map((c) => ({
          ...recorded,
          kind: c.kind,
          checked_on: c.on,
          up_to_date: c.upToDate,
          sdq_score: c.sdqScore,
          completed_by: c.kind === 'sdq' ? NOT_IN_RETURN : null,
        })),
      )
      .execute()
  const a = w.period.adoption
  if (a)
    await trx
      .insertInto('care_adoption')
      .values({
        ...recorded,
        decided_on: a.decidedOn,
        decision_maker: NOT_IN_RETURN,
        reversed_on: a.reversal?.on ?? null,
        reversal_reason: a.reversal?.reason ?? null,
        matched_on: a.match?.on ?? null,
        adopters: a.match?.adopters ?? null,
        adopter_sexes: a.match?.sexes ?? null,
        adopter_legal_status: a.match?.legalStatus ?? null,
        by_foster_carers: a.match?.byFosterCarers ?? null,
        updated_by: by,
        updated_at: at,
      })
      .execute()
}

/** The care leaver's contact about the birthday in the return's year (OC3). */
async function writeLeaverContact(
  trx: Trx,
  childId: number,
  c: PlannedLeaverContact,
  by: number,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('care_leaver_contact')
    .values({
      child_id: childId,
      age: c.age,
      birthday: c.birthday,
      contact_on: c.contactOn,
      in_touch: c.inTouch,
      activity: c.activity,
      accommodation: c.accommodation,
      recorded_by: by,
      recorded_at: at,
    })
    .execute()
}

/** Marks a child whose records already match the return as part of this run too. */
export async function recordUnchanged(db: Db, importId: number, childId: number, fp: string): Promise<void> {
  await db
    .insertInto('care_import_child')
    .values({ import_id: importId, child_id: childId, fingerprint: fp })
    .execute()
}

/** Locks the child's person row for the rest of the transaction: one import of a child at a time. */
export async function lockChild(trx: Trx, childId: number): Promise<void> {
  await trx.selectFrom('person').select('id').where('id', '=', childId).forUpdate().execute()
}
