/**
 * The SQL of importing an SSDA903 return into care's records (migration 0071): the run, each
 * child's periods, placements, episodes, reviews, missing episodes, previous permanence, UASC and
 * deprivation of liberty orders (`care_dolo`, migration 0072) as planned by `import-model.ts`, and
 * the fingerprint that makes a second run a no-op. Children are found through the people module's
 * published view. No permission checks here.
 */
import { sql } from 'kysely'
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
 * Writes the children's planned records, a table at a time for all of them (a few statements per
 * table however many children: no round trip per child); returns each child's periods' ids in
 * order.
 */
export async function writeImportedCare(
  trx: Trx,
  w: { importId: number; children: readonly ImportedCareToWrite[]; by: number; at: Date },
): Promise<Map<number, number[]>> {
  const { importId, by, at } = w
  const periods = w.children.flatMap((c) => c.plan.periods.map((p) => ({ childId: c.childId, p })))
  const periodIds = await insertReturningIds('care_period', periods, (rows) =>
    trx
      .insertInto('care_period')
      .values(
        rows.map(({ childId, p }) => ({
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
      .returning('id')
      .execute(),
  )
  const inPeriod = periods.map(({ childId, p }, i) => ({ childId, p, periodId: periodIds[i] as number }))
  const recorded = (x: { childId: number; periodId: number }) => ({
    period_id: x.periodId,
    child_id: x.childId,
    recorded_by: by,
    recorded_at: at,
  })

  const placements = inPeriod.flatMap((x) => x.p.placements.map((pl) => ({ ...x, pl })))
  const placementIds = await insertReturningIds('care_placement', placements, (rows) =>
    trx
      .insertInto('care_placement')
      .values(
        rows.map((x) => ({
          ...recorded(x),
          start_date: x.pl.start,
          end_date: x.pl.end,
          place: x.pl.place,
          provider: x.pl.provider,
          carer_name: NOT_IN_RETURN,
          urn: x.pl.urn,
          postcode: x.pl.postcode,
        })),
      )
      .returning('id')
      .execute(),
  )
  await insertAll(
    placements.flatMap((x, i) =>
      x.pl.episodes.map((e) => ({
        ...recorded(x),
        placement_id: placementIds[i] as number,
        start_date: e.start,
        rne: e.rne,
        legal_status: e.legalStatus,
        end_date: e.end,
        rec: e.rec,
        reason_place_change: e.reasonPlaceChange,
      })),
    ),
    (rows) => trx.insertInto('care_episode').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap((x) =>
      x.p.reviews.map((r) => ({
        ...recorded(x),
        held_on: r.date,
        participation: r.participation,
        chair_user_id: null,
        report_not_shared_reason: NOT_IN_RETURN,
        import_id: importId,
      })),
    ),
    (rows) => trx.insertInto('lac_review').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap((x) =>
      x.p.missing.map((m) => ({
        ...recorded(x),
        kind: m.kind,
        start_date: m.start,
        end_date: m.end,
        updated_by: by,
        updated_at: at,
      })),
    ),
    (rows) => trx.insertInto('care_missing_episode').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap(({ p, ...x }) =>
      p.previousPermanence === null
        ? []
        : [
            {
              ...recorded(x),
              prev_perm: p.previousPermanence.kind,
              order_date: p.previousPermanence.date,
              order_la: p.previousPermanence.la,
            },
          ],
    ),
    (rows) => trx.insertInto('care_previous_permanence').values(rows).execute(),
  )
  await insertAll(
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
    (rows) => trx.insertInto('care_dolo').values(rows).execute(),
  )
  // OC2's facts and the adoption record, on the period they belong to.
  await insertAll(
    inPeriod.flatMap((x) =>
      (x.p.oc2?.outcomes ?? []).map((o) => ({
        ...recorded(x),
        kind: o.kind,
        occurred_on: o.on,
        code: o.code,
      })),
    ),
    (rows) => trx.insertInto('care_outcome').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap((x) =>
      (x.p.oc2?.assessments ?? []).map((a) => ({
        ...recorded(x),
        kind: 'rha' as const,
        completed_on: a.on,
        completed_by: NOT_IN_RETURN,
        age_band: a.ageBand,
        updated_by: by,
        updated_at: at,
      })),
    ),
    (rows) => trx.insertInto('care_health_assessment').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap((x) =>
      (x.p.oc2?.checks ?? []).map((c) => ({
        ...recorded(x),
        kind: c.kind,
        checked_on: c.on,
        up_to_date: c.upToDate,
        sdq_score: c.sdqScore,
        completed_by: c.kind === 'sdq' ? NOT_IN_RETURN : null,
      })),
    ),
    (rows) => trx.insertInto('care_health_check').values(rows).execute(),
  )
  await insertAll(
    inPeriod.flatMap(({ p, ...x }) => {
      const a = p.adoption
      return a
        ? [
            {
              ...recorded(x),
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
    (rows) => trx.insertInto('care_adoption').values(rows).execute(),
  )
  // The child's own: UASC status, the care leaver's contact about the year's birthday (OC3), and
  // the fingerprint of what was written.
  await insertAll(
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
    (rows) => trx.insertInto('care_uasc').values(rows).execute(),
  )
  await insertAll(
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
    (rows) => trx.insertInto('care_leaver_contact').values(rows).execute(),
  )
  await insertAll(
    w.children.map((c) => ({ import_id: importId, child_id: c.childId, fingerprint: c.fingerprint })),
    (rows) => trx.insertInto('care_import_child').values(rows).execute(),
  )
  const byChild = new Map<number, number[]>(w.children.map((c) => [c.childId, []]))
  for (const x of inPeriod) byChild.get(x.childId)?.push(x.periodId)
  return byChild
}

/** Rows a statement writes at most: well inside PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 2_000

/** Inserts the rows a statement's worth at a time. */
async function insertAll<R>(rows: readonly R[], insert: (rows: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await insert(rows.slice(i, i + ROWS_PER_STATEMENT))
}

/**
 * Inserts the rows and gives their new ids in the order of the rows. Identity values are drawn as
 * the rows are inserted, in the order given, so sorted they are the rows' ids whatever order
 * RETURNING lists them in.
 */
async function insertReturningIds<R>(
  table: string,
  rows: readonly R[],
  insert: (rows: R[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    const returned = (await insert(chunk)).map((r) => Number(r.id)).sort((a, b) => a - b)
    if (returned.length !== chunk.length)
      throw new Error(`${table}: ${chunk.length} rows written, ${returned.length} ids`)
    ids.push(...returned)
  }
  return ids
}

/** What the SSDA903 does not say of a record Haven asks it of (who assessed, who decided). */
const NOT_IN_RETURN = 'Not in the SSDA903 return'

/** Marks children whose records already match the return as part of this run too. */
export async function recordUnchanged(
  db: Db,
  importId: number,
  children: readonly { childId: number; fingerprint: string }[],
): Promise<void> {
  if (children.length === 0) return
  await db
    .insertInto('care_import_child')
    .values(children.map((c) => ({ import_id: importId, child_id: c.childId, fingerprint: c.fingerprint })))
    .execute()
}

/** Locks the children's person rows for the rest of the transaction: one import of a child at a time. */
export async function lockChildren(trx: Trx, childIds: readonly number[]): Promise<void> {
  if (childIds.length === 0) return
  await trx.selectFrom('person').select('id').where('id', 'in', childIds).orderBy('id').forUpdate().execute()
}
