/**
 * The chronology module's SQL: the agencies' contributions (`chronology_entry`, migration 0047),
 * the child's case events (the platform's `case_event`, which every module writes) and what the
 * page needs of the child and the agencies. No permission checks here; the service decides who
 * may call what. The child's name and date of birth come from the people module's published view.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import { markDeleted } from '../../platform/casework/store.js'
import type { ContributionInput, LineCounts, LineFilter } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

/** The event types this module writes: the page shows its own rows in their place. */
export const OWN_EVENT_PREFIX = 'chronology.'

/** The child as the page names them, and their date of birth for the harm warnings. */
export async function childOf(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'date_of_birth'])
    .where('id', '=', childId)
    .executeTakeFirst()
}

/** The child as the chronology names them, and whether they have a brother or sister (the family's chronology). */
export async function childWithFamily(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v as c')
    .select(['c.id', 'c.given_name', 'c.family_name', 'c.date_of_birth'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('people_sibling_v as s')
            .innerJoin('people_person_v as p', 'p.id', 's.sibling_id')
            .select('s.sibling_id')
            .whereRef('s.child_id', '=', 'c.id'),
        )
        .as('hasFamily'),
    )
    .where('c.id', '=', childId)
    .executeTakeFirst()
}

/**
 * The child and their brothers and sisters (people's published `people_sibling_v`) as the family's
 * chronology names them, in one statement: the child first, then the others eldest first.
 */
export async function familyOf(db: Db, childId: number) {
  return db
    .selectFrom('people_person_v as p')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth'])
    .where((eb) =>
      eb.or([
        eb('p.id', '=', childId),
        eb(
          'p.id',
          'in',
          eb.selectFrom('people_sibling_v as s').select('s.sibling_id').where('s.child_id', '=', childId),
        ),
      ]),
    )
    .orderBy(sql`p.id = ${childId}`, 'desc')
    .orderBy('p.date_of_birth')
    .orderBy('p.id')
    .execute()
}

/** The agency on the person's account: its id and name, or the kind of agency when none is linked. */
export async function accountAgency(db: Db, userId: number) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.agency', 'a.id as agencyId', 'a.name as agencyName'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/** The partner agencies a member of staff may record a contribution for: those in use, by name. */
export async function activeAgencies(db: Db) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function agencyNamed(db: Db, id: number) {
  return db.selectFrom('agency').select(['id', 'name']).where('id', '=', id).executeTakeFirst()
}

export async function insertEntry(
  trx: Trx,
  childId: number,
  input: ContributionInput,
  agencyName: string,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('chronology_entry')
    .values({
      child_id: childId,
      occurred_on: input.occurredOn,
      agency_id: input.agencyId,
      agency_name: agencyName,
      source: input.source,
      basis: input.basis,
      significance: input.significance,
      entry_type: input.entryType,
      what_happened: input.whatHappened,
      harm_kind: input.harmKind,
      body_part: input.bodyPart,
      child_mobile: input.childMobile,
      recorded_by: by,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const entryColumns = [
  'e.id',
  'e.child_id',
  'e.occurred_on',
  'e.agency_name',
  'e.source',
  'e.basis',
  'e.significance',
  'e.entry_type',
  'e.what_happened',
  'e.harm_kind',
  'e.body_part',
  'e.child_mobile',
  'e.recorded_by',
  'e.recorded_at',
  'e.deleted_at',
  'e.deleted_reason',
  'r.display_name as recordedByName',
  'd.display_name as deletedByName',
] as const

/** Contributions with who added and who deleted them. */
const entries = (db: Db) =>
  db
    .selectFrom('chronology_entry as e')
    .innerJoin('app_user as r', 'r.id', 'e.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'e.deleted_by')
    .select(entryColumns)

/** One contribution on this child's chronology; undefined when it is not on it. */
export async function entryOn(db: Db, entryId: number, childId: number) {
  return entries(db).where('e.id', '=', entryId).where('e.child_id', '=', childId).executeTakeFirst()
}

/** The contribution, locked for a change (two deletions at once: one wins, the other is told). */
export async function lockEntry(trx: Trx, entryId: number, childId: number) {
  return trx
    .selectFrom('chronology_entry')
    .select(['id', 'recorded_by', 'deleted_at', 'agency_name', 'entry_type'])
    .where('id', '=', entryId)
    .where('child_id', '=', childId)
    .forUpdate()
    .executeTakeFirst()
}

/** The case event the entry wrote: its line on the chronology. */
export async function linkEntryEvent(trx: Trx, entryId: number, eventId: number) {
  await trx
    .updateTable('chronology_entry')
    .set({ case_event_id: eventId })
    .where('id', '=', entryId)
    .execute()
}

export async function markEntryDeleted(trx: Trx, entryId: number, by: number, at: Date, reason: string) {
  await markDeleted(trx, 'chronology_entry', entryId, by, at, reason)
}

/** The injury and incident log of each child: the entries not deleted that are one, for the warnings. */
export async function harmLogs(db: Db, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return db
    .selectFrom('chronology_entry')
    .select(['child_id', 'occurred_on', 'harm_kind', 'child_mobile'])
    .where('child_id', 'in', childIds)
    .where('harm_kind', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('child_id')
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()
}

/** The case event each contribution writes: its line stands at that event's instant. */
export const CONTRIBUTION_EVENT = 'chronology.contribution'

/**
 * The lines of one child's chronology the filter keeps: every case event but this module's own,
 * and each contribution at the instant of the case event it wrote (the time recorded when it
 * happened that day, else midday).
 */
function lines(db: Db, childId: Expression<number> | number, filter: LineFilter) {
  return (
    db
      .selectFrom('case_event as e')
      // By the event each entry keeps (migration 0057, unique, so indexed), one index probe a line:
      // a lateral join with a limit cannot be hashed, so the page stops reading at its last line.
      // As a plain join PostgreSQL could hash every entry of the authority when it misjudged how
      // many lines the child has (10 ms a page); found by the event's subject cast in a CASE, it
      // compared every line with every entry of the child (20 ms a family's page).
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('chronology_entry as ce')
            .selectAll('ce')
            .whereRef('ce.case_event_id', '=', 'e.id')
            .limit(1)
            .as('c'),
        (join) => join.onTrue(),
      )
      .where('e.child_id', '=', childId)
      .where((eb) => {
        const events = eb.and([
          eb('e.type', 'not like', `${OWN_EVENT_PREFIX}%`),
          ...(filter.eventTypes === null ? [] : [eb('e.type', 'in', none(filter.eventTypes))]),
        ])
        const entries = eb.and([
          eb('c.id', 'is not', null),
          ...(filter.entryAgencies === null ? [] : [eb('c.agency_name', 'in', none(filter.entryAgencies))]),
          ...(filter.entryTypes === null ? [] : [eb('c.entry_type', 'in', none(filter.entryTypes))]),
        ])
        // The event types the filter can keep, said once more on their own: implied by the
        // condition below, it lets the index by child and type find a filtered page's lines.
        const types = eventTypesKept(filter)
        const kept = [...(filter.events ? [events] : []), ...(filter.entries ? [entries] : [])]
        return eb.and([
          ...(types === null ? [] : [eb('e.type', 'in', none(types))]),
          kept.length > 0 ? eb.or(kept) : sql<SqlBool>`false`,
        ])
      })
  )
}

/** The case event types whose lines the filter can keep; null when it can keep any. */
function eventTypesKept(filter: LineFilter): string[] | null {
  if (filter.events && filter.eventTypes === null) return null
  return [
    ...(filter.events ? (filter.eventTypes ?? []) : []),
    ...(filter.entries ? [CONTRIBUTION_EVENT] : []),
  ]
}

/** An `in` list that matches nothing when empty (SQL has no empty list). */
const none = (values: readonly string[]): string[] => (values.length === 0 ? [''] : [...values])

/**
 * The children's lines counted by what the filter chooses by: other modules' events by child and
 * type, contributions by child, agency and type (each with how many case events it wrote, so an
 * entry without one is offered in the filter but is no line). From these the service counts every
 * line, the lines a filter keeps, and the filter's choices, without reading the lines.
 */
export async function lineCounts(db: Db, childIds: readonly number[]): Promise<LineCounts> {
  if (childIds.length === 0) return { events: [], entries: [] }
  const rows = await db
    .selectFrom('case_event as e')
    .select([
      'e.child_id',
      sql<string>`'event'`.as('kind'),
      'e.type as name',
      sql<string | null>`null`.as('entry_type'),
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .where('e.child_id', 'in', childIds)
    .where('e.type', 'not like', `${OWN_EVENT_PREFIX}%`)
    .groupBy(['e.child_id', 'e.type'])
    .unionAll((eb) =>
      eb
        .selectFrom('chronology_entry as c')
        .select([
          'c.child_id',
          sql<string>`'entry'`.as('kind'),
          'c.agency_name as name',
          'c.entry_type',
          // Each entry keeps the event it wrote (migration 0057): no join to find it.
          (e) => e.fn.count<string>('c.case_event_id').as('n'),
        ])
        .where('c.child_id', 'in', childIds)
        .groupBy(['c.child_id', 'c.agency_name', 'c.entry_type']),
    )
    .execute()
  const counts: LineCounts = { events: [], entries: [] }
  for (const r of rows)
    if (r.kind === 'event') counts.events.push({ childId: r.child_id, type: r.name, lines: Number(r.n) })
    else
      counts.entries.push({
        childId: r.child_id,
        agency: r.name,
        entryType: r.entry_type ?? '',
        lines: Number(r.n),
      })
  return counts
}

/**
 * One page of the lines the filter keeps, with who recorded each and a contribution's details.
 * Newest first; at the same instant events before contributions, each by id, highest first, so
 * the order and the pages are the same every time. Each child's lines are read newest first, as
 * far as the page reaches, and only those merged: a family's page does not join and sort every
 * line of every child.
 */
export async function pageOfLines(
  db: Db,
  childIds: readonly number[],
  filter: LineFilter,
  page: { offset: number; size: number },
) {
  if (childIds.length === 0) return []
  return db
    .selectFrom(sql<{ child_id: number }>`(select unnest(${[...childIds]}::bigint[]) as child_id)`.as('k'))
    .innerJoinLateral(
      (eb) =>
        lines(db, eb.ref('k.child_id'), filter)
          .select([
            'e.id',
            'e.child_id',
            'e.type',
            'e.summary',
            'e.occurred_at',
            'e.recorded_by',
            'c.id as entryId',
            'c.occurred_on',
            'c.agency_name',
            'c.source',
            'c.basis',
            'c.significance',
            'c.entry_type',
            'c.what_happened',
            'c.harm_kind',
            'c.body_part',
            'c.child_mobile',
            'c.recorded_by as entryRecordedBy',
            'c.deleted_at',
            'c.deleted_by',
            'c.deleted_reason',
          ])
          // As far as the page reaches, with every line at the instant it ends on: in the index's
          // order (the child's case events by instant), so no line of the child is read past it.
          .orderBy('e.occurred_at', 'desc')
          .fetch(page.offset + page.size, 'with ties')
          .as('l'),
      (join) => join.onTrue(),
    )
    .leftJoin('app_user as u', 'u.id', 'l.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'l.deleted_by')
    .select([
      'l.id',
      'l.child_id',
      'l.type',
      'l.summary',
      'l.occurred_at',
      'u.display_name as recordedBy',
      'l.entryId',
      'l.occurred_on',
      'l.agency_name',
      'l.source',
      'l.basis',
      'l.significance',
      'l.entry_type',
      'l.what_happened',
      'l.harm_kind',
      'l.body_part',
      'l.child_mobile',
      'l.entryRecordedBy',
      'l.deleted_at',
      'l.deleted_reason',
      'd.display_name as deletedByName',
    ])
    .orderBy('l.occurred_at', 'desc')
    .orderBy(sql`l."entryId" is null`, 'desc')
    .orderBy(sql`coalesce(l."entryId", l.id)`, 'desc')
    .offset(page.offset)
    .limit(page.size)
    .execute()
}

/** The contributions not deleted: how many, and the latest three (the record's panel). */
export async function latestEntries(db: Db, childId: number) {
  const [count, latest] = await Promise.all([
    db
      .selectFrom('chronology_entry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('child_id', '=', childId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('chronology_entry')
      .select(['occurred_on', 'agency_name', 'entry_type'])
      .where('child_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(3)
      .execute(),
  ])
  return { count: Number(count.n), latest }
}

/** When each child's last multi-agency meeting was held (the case event types every module marks). */
export async function lastMeetings(db: Db, childIds: readonly number[], meetingTypes: readonly string[]) {
  if (childIds.length === 0 || meetingTypes.length === 0) return new Map<number, Date>()
  const rows = await db
    .selectFrom('case_event')
    .select(['child_id', (eb) => eb.fn.max('occurred_at').as('at')])
    .where('child_id', 'in', childIds)
    .where('type', 'in', meetingTypes)
    .groupBy('child_id')
    .execute()
  return new Map(rows.map((r) => [r.child_id, new Date(r.at)]))
}
