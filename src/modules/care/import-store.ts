/**
 * The SQL of importing an SSDA903 return into care's records (migration 0071): the run, each
 * child's periods, placements, episodes, reviews, missing episodes, previous permanence, UASC and
 * deprivation of liberty orders (`care_dolo`, migration 0072) as planned by `import-model.ts`, and
 * the fingerprint that makes a second run a no-op. Children are found through the people module's
 * published view. No permission checks here.
 */
import { sql } from 'kysely'
import { insertRows, insertRowsReturningIds, type ColumnTypes } from '../../platform/db/insert-rows.js'
import type { CarePlan } from './import-model.js'
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
       and upper(p.la_child_id) = any(${[...laChildIds]}::text[])
    union all
    select p.id, p.id::text as child, p.date_of_birth
      from people_return_person_v p
     where p.deleted_at is null and p.kind = 'child' and p.la_child_id is null
       and p.id = any(${ids}::bigint[])
  `.execute(db)
  for (const r of rows)
    if (!found.has(r.child)) found.set(r.child, { id: Number(r.id), dateOfBirth: r.date_of_birth })
  return found
}

/**
 * For each child, whether Haven holds any period of care or care leaver's contact for them, and
 * the fingerprint of their last import.
 */
export async function careHeldForEach(
  db: Db,
  childIds: readonly number[],
): Promise<Map<number, { records: number; fingerprint: string | null }>> {
  const held = new Map(childIds.map((id) => [id, { records: 0, fingerprint: null as string | null }]))
  if (childIds.length === 0) return held
  const { rows } = await sql<{
    child_id: number | string
    records: number | string
    fingerprint: string | null
  }>`
    select c.child_id,
           (select count(*) from care_period p where p.child_id = c.child_id)
             + (select count(*) from care_leaver_contact l where l.child_id = c.child_id) as records,
           (select i.fingerprint from care_import_child i
             where i.child_id = c.child_id order by i.import_id desc limit 1) as fingerprint
      from unnest(${[...childIds]}::bigint[]) as c(child_id)
  `.execute(db)
  for (const r of rows)
    held.set(Number(r.child_id), { records: Number(r.records), fingerprint: r.fingerprint })
  return held
}

/** A child's planned care, to be written. */
export interface ImportedCareToWrite {
  childId: number
  plan: CarePlan
  fingerprint: string
}

/**
 * Writes the children's planned records, a table at a time for all of them (a statement per
 * table however many children, each column's values one array: `insertRows`); returns each
 * child's periods' ids in order.
 */
export async function writeImportedCare(
  trx: Trx,
  w: { importId: number; children: readonly ImportedCareToWrite[]; by: number; at: Date },
): Promise<Map<number, number[]>> {
  const { importId, by, at } = w
  const periods = w.children.flatMap((c) => c.plan.periods.map((p) => ({ childId: c.childId, p })))
  const periodIds = await insertRowsReturningIds(
    trx,
    'care_period',
    PERIOD,
    periods.map(({ childId, p }) => ({
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
    })),
  )
  const inPeriod = periods.map(({ childId, p }, i) => ({ childId, p, periodId: periodIds[i] as number }))
  // Each row is one object literal, its columns written out: spreading shared columns into it
  // (`{ ...recorded(x), held_on }`) builds every row on V8's slow path, about fifty times slower,
  // which at England size was seconds of the import's CPU.

  const placements = inPeriod.flatMap((x) =>
    x.p.placements.map((pl) => ({ childId: x.childId, p: x.p, periodId: x.periodId, pl })),
  )
  const placementIds = await insertRowsReturningIds(
    trx,
    'care_placement',
    PLACEMENT,
    placements.map((x) => ({
      period_id: x.periodId,
      child_id: x.childId,
      recorded_by: by,
      recorded_at: at,
      start_date: x.pl.start,
      end_date: x.pl.end,
      place: x.pl.place,
      provider: x.pl.provider,
      carer_name: NOT_IN_RETURN,
      urn: x.pl.urn,
      postcode: x.pl.postcode,
    })),
  )
  await insertRows(
    trx,
    'care_episode',
    EPISODE,
    placements.flatMap((x, i) =>
      x.pl.episodes.map((e) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        placement_id: placementIds[i] as number,
        start_date: e.start,
        rne: e.rne,
        legal_status: e.legalStatus,
        end_date: e.end,
        rec: e.rec,
        reason_place_change: e.reasonPlaceChange,
      })),
    ),
  )
  await insertRows(
    trx,
    'lac_review',
    REVIEW,
    inPeriod.flatMap((x) =>
      x.p.reviews.map((r) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        held_on: r.date,
        participation: r.participation,
        chair_user_id: null,
        report_not_shared_reason: NOT_IN_RETURN,
        import_id: importId,
      })),
    ),
  )
  await insertRows(
    trx,
    'care_missing_episode',
    MISSING,
    inPeriod.flatMap((x) =>
      x.p.missing.map((m) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        kind: m.kind,
        start_date: m.start,
        end_date: m.end,
        updated_by: by,
        updated_at: at,
      })),
    ),
  )
  await insertRows(
    trx,
    'care_previous_permanence',
    PREVIOUS_PERMANENCE,
    inPeriod.flatMap(({ p, childId, periodId }) =>
      p.previousPermanence === null
        ? []
        : [
            {
              period_id: periodId,
              child_id: childId,
              recorded_by: by,
              recorded_at: at,
              prev_perm: p.previousPermanence.kind,
              order_date: p.previousPermanence.date,
              order_la: p.previousPermanence.la,
            },
          ],
    ),
  )
  await insertRows(
    trx,
    'care_dolo',
    DOLO,
    inPeriod.flatMap((x) =>
      (x.p.dolo ?? []).map((d) => ({
        period_id: x.periodId,
        child_id: x.childId,
        start_date: d.start,
        end_date: d.end,
        recorded_by: by,
        recorded_at: at,
        updated_by: by,
        updated_at: at,
      })),
    ),
  )
  // OC2's facts and the adoption record, on the period they belong to.
  await insertRows(
    trx,
    'care_outcome',
    OUTCOME,
    inPeriod.flatMap((x) =>
      (x.p.oc2?.outcomes ?? []).map((o) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        kind: o.kind,
        occurred_on: o.on,
        code: o.code,
      })),
    ),
  )
  await insertRows(
    trx,
    'care_health_assessment',
    HEALTH_ASSESSMENT,
    inPeriod.flatMap((x) =>
      (x.p.oc2?.assessments ?? []).map((a) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        kind: 'rha' as const,
        completed_on: a.on,
        completed_by: NOT_IN_RETURN,
        age_band: a.ageBand,
        updated_by: by,
        updated_at: at,
      })),
    ),
  )
  await insertRows(
    trx,
    'care_health_check',
    HEALTH_CHECK,
    inPeriod.flatMap((x) =>
      (x.p.oc2?.checks ?? []).map((c) => ({
        period_id: x.periodId,
        child_id: x.childId,
        recorded_by: by,
        recorded_at: at,
        kind: c.kind,
        checked_on: c.on,
        up_to_date: c.upToDate,
        sdq_score: c.sdqScore,
        completed_by: c.kind === 'sdq' ? NOT_IN_RETURN : null,
      })),
    ),
  )
  await insertRows(
    trx,
    'care_adoption',
    ADOPTION,
    inPeriod.flatMap(({ p, childId, periodId }) => {
      const a = p.adoption
      return a
        ? [
            {
              period_id: periodId,
              child_id: childId,
              recorded_by: by,
              recorded_at: at,
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
            },
          ]
        : []
    }),
  )
  // The child's own: UASC status, the care leaver's contact about the year's birthday (OC3), and
  // the fingerprint of what was written.
  await insertRows(
    trx,
    'care_uasc',
    UASC,
    w.children.flatMap(({ childId, plan }) =>
      plan.uasc === null
        ? []
        : [
            {
              child_id: childId,
              uasc_from: plan.uasc.from,
              ceased_on: plan.uasc.ceased,
              recorded_by: by,
              recorded_at: at,
            },
          ],
    ),
  )
  await insertRows(
    trx,
    'care_leaver_contact',
    LEAVER_CONTACT,
    w.children.flatMap(({ childId, plan }) => {
      const c = plan.careLeaver
      return c
        ? [
            {
              child_id: childId,
              age: c.age,
              birthday: c.birthday,
              contact_on: c.contactOn,
              in_touch: c.inTouch,
              activity: c.activity,
              accommodation: c.accommodation,
              recorded_by: by,
              recorded_at: at,
            },
          ]
        : []
    }),
  )
  await recordImportedChildren(trx, importId, w.children)
  const byChild = new Map<number, number[]>(w.children.map((c) => [c.childId, []]))
  for (const x of inPeriod) byChild.get(x.childId)?.push(x.periodId)
  return byChild
}

// Each table's columns as the import writes them, with their types.
const RECORDED = {
  period_id: 'bigint',
  child_id: 'bigint',
  recorded_by: 'bigint',
  recorded_at: 'timestamptz',
} as const
const UPDATED = { updated_by: 'bigint', updated_at: 'timestamptz' } as const
const PERIOD = {
  child_id: 'bigint',
  start_date: 'date',
  admission: 'text',
  category_of_need: 'text',
  home_postcode: 'text',
  end_date: 'date',
  reason_ceased: 'text',
  started_by: 'bigint',
  recorded_at: 'timestamptz',
  ended_by: 'bigint',
  ended_at: 'timestamptz',
  import_id: 'bigint',
} as const satisfies ColumnTypes<'care_period'>
const PLACEMENT = {
  ...RECORDED,
  start_date: 'date',
  end_date: 'date',
  place: 'text',
  provider: 'text',
  carer_name: 'text',
  urn: 'text',
  postcode: 'text',
} as const satisfies ColumnTypes<'care_placement'>
const EPISODE = {
  ...RECORDED,
  placement_id: 'bigint',
  start_date: 'date',
  rne: 'text',
  legal_status: 'text',
  end_date: 'date',
  rec: 'text',
  reason_place_change: 'text',
} as const satisfies ColumnTypes<'care_episode'>
const REVIEW = {
  ...RECORDED,
  held_on: 'date',
  participation: 'text',
  chair_user_id: 'bigint',
  report_not_shared_reason: 'text',
  import_id: 'bigint',
} as const satisfies ColumnTypes<'lac_review'>
const MISSING = {
  ...RECORDED,
  ...UPDATED,
  kind: 'text',
  start_date: 'date',
  end_date: 'date',
} as const satisfies ColumnTypes<'care_missing_episode'>
const PREVIOUS_PERMANENCE = {
  ...RECORDED,
  prev_perm: 'text',
  order_date: 'date',
  order_la: 'text',
} as const satisfies ColumnTypes<'care_previous_permanence'>
const DOLO = {
  ...RECORDED,
  ...UPDATED,
  start_date: 'date',
  end_date: 'date',
} as const satisfies ColumnTypes<'care_dolo'>
const OUTCOME = {
  ...RECORDED,
  kind: 'text',
  occurred_on: 'date',
  code: 'text',
} as const satisfies ColumnTypes<'care_outcome'>
const HEALTH_ASSESSMENT = {
  ...RECORDED,
  ...UPDATED,
  kind: 'text',
  completed_on: 'date',
  completed_by: 'text',
  age_band: 'text',
} as const satisfies ColumnTypes<'care_health_assessment'>
const HEALTH_CHECK = {
  ...RECORDED,
  kind: 'text',
  checked_on: 'date',
  up_to_date: 'boolean',
  sdq_score: 'smallint',
  completed_by: 'text',
} as const satisfies ColumnTypes<'care_health_check'>
const ADOPTION = {
  ...RECORDED,
  ...UPDATED,
  decided_on: 'date',
  decision_maker: 'text',
  reversed_on: 'date',
  reversal_reason: 'text',
  matched_on: 'date',
  adopters: 'smallint',
  adopter_sexes: 'text',
  adopter_legal_status: 'text',
  by_foster_carers: 'boolean',
} as const satisfies ColumnTypes<'care_adoption'>
const UASC = {
  child_id: 'bigint',
  uasc_from: 'date',
  ceased_on: 'date',
  recorded_by: 'bigint',
  recorded_at: 'timestamptz',
} as const satisfies ColumnTypes<'care_uasc'>
const LEAVER_CONTACT = {
  child_id: 'bigint',
  age: 'smallint',
  birthday: 'date',
  contact_on: 'date',
  in_touch: 'text',
  activity: 'text',
  accommodation: 'text',
  recorded_by: 'bigint',
  recorded_at: 'timestamptz',
} as const satisfies ColumnTypes<'care_leaver_contact'>
const IMPORT_CHILD = {
  import_id: 'bigint',
  child_id: 'bigint',
  fingerprint: 'text',
} as const satisfies ColumnTypes<'care_import_child'>

/** The children of this run, with the fingerprint of their care as the return gives it. */
async function recordImportedChildren(
  db: Db,
  importId: number,
  children: readonly { childId: number; fingerprint: string }[],
): Promise<void> {
  await insertRows(
    db,
    'care_import_child',
    IMPORT_CHILD,
    children.map((c) => ({ import_id: importId, child_id: c.childId, fingerprint: c.fingerprint })),
  )
}

/** What the SSDA903 does not say of a record Haven asks it of (who assessed, who decided). */
const NOT_IN_RETURN = 'Not in the SSDA903 return'

/** Marks children whose records already match the return as part of this run too. */
export async function recordUnchanged(
  db: Db,
  importId: number,
  children: readonly { childId: number; fingerprint: string }[],
): Promise<void> {
  await recordImportedChildren(db, importId, children)
}

/** Locks the children's person rows for the rest of the transaction: one import of a child at a time. */
export async function lockChildren(trx: Trx, childIds: readonly number[]): Promise<void> {
  if (childIds.length === 0) return
  await trx.selectFrom('person').select('id').where('id', 'in', childIds).orderBy('id').forUpdate().execute()
}
