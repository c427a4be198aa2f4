/**
 * People in SQL: writing a new child with their names and address, finding people by name, date
 * of birth, postcode or identifier, and reading the parts of a record the child's page shows.
 * Name matching runs on the keys migration 0004 keeps in generated columns, so a search is an
 * index lookup and behaves the same on PGlite and PostgreSQL.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { withInstants } from '../../platform/db/json-rows.js'
import type { Database } from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import { splitNameQuery } from './matching.js'
import { type NewChild, type SearchCriteria } from './record-model.js'

type Db = Kysely<Database>
type PersonEb = ExpressionBuilder<Database, 'person'>

/** Inserts the person, their other name and their address; returns the new id. */
export async function insertChild(trx: Db, child: NewChild, createdBy: number | null): Promise<number> {
  const { id } = await trx
    .insertInto('person')
    .values({
      kind: child.kind,
      given_name: child.givenName,
      family_name: child.familyName,
      date_of_birth: child.dateOfBirth,
      expected_birth_date: child.expectedBirthDate,
      sex: child.sex,
      gender_identity: child.genderIdentity,
      ethnicity: child.ethnicity,
      disabilities: child.disabilities,
      first_language: child.firstLanguage,
      nhs_number: child.nhsNumber,
      upn: child.upn,
      former_upn: child.formerUpn,
      upn_unknown_reason: child.upnUnknownReason,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // An LA child id every record has from the start: the authority's own reference.
  await trx
    .updateTable('person')
    .set({ la_child_id: `C${String(id).padStart(7, '0')}` })
    .where('id', '=', id)
    .where('la_child_id', 'is', null)
    .execute()
  if (child.otherName) {
    await trx
      .insertInto('person_name')
      .values({
        person_id: id,
        kind: child.otherName.kind,
        given_name: child.otherName.givenName,
        family_name: child.otherName.familyName,
      })
      .execute()
  }
  if (child.address) {
    await trx
      .insertInto('person_address')
      .values({
        person_id: id,
        line_1: child.address.line1,
        line_2: child.address.line2,
        town: child.address.town,
        postcode: child.address.postcode,
        from_date: sql<string>`current_date`,
      })
      .execute()
  }
  return id
}

/**
 * Matches on the main name or any other name, by sound key, either way round for two words. Written
 * as `id in (… union …)` so each branch can use the sound-key indexes of its own table.
 */
function nameMatches(eb: PersonEb, query: string): Expression<SqlBool> {
  const words = splitNameQuery(query)
  if (!words) return sql<SqlBool>`false`
  const sound = (w: string) => sql<string>`haven_name_sound(${w})`
  const match = (t: 'p' | 'n'): Expression<SqlBool> => {
    const g = sql.ref(`${t}.given_sound`)
    const f = sql.ref(`${t}.family_sound`)
    if (words.given === null) {
      const s = sound(words.family)
      return sql<SqlBool>`(${f} = ${s} or ${g} = ${s})`
    }
    const [gs, fs] = [sound(words.given), sound(words.family)]
    return sql<SqlBool>`((${g} = ${gs} and ${f} = ${fs}) or (${g} = ${fs} and ${f} = ${gs}))`
  }
  const ids = eb
    .selectFrom('person as p')
    .select('p.id')
    .where(match('p'))
    .union(
      eb
        .selectFrom('person_name as n')
        .select('n.person_id as id')
        .where('n.deleted_at', 'is', null)
        .where(match('n')),
    )
  return eb('person.id', 'in', ids)
}

export function criteriaWhere(eb: PersonEb, c: SearchCriteria): Expression<SqlBool> {
  const clauses: Expression<SqlBool>[] = [eb('person.deleted_at', 'is', null)]
  if (c.name) clauses.push(nameMatches(eb, c.name))
  if (c.dateOfBirth)
    clauses.push(
      eb.or([
        eb('person.date_of_birth', '=', c.dateOfBirth),
        eb('person.expected_birth_date', '=', c.dateOfBirth),
      ]),
    )
  if (c.postcode) {
    // A full postcode matches exactly; the outward part alone ("RM17") matches its district.
    const pc = c.postcode
    clauses.push(
      eb.exists(
        eb
          .selectFrom('person_address')
          .select(sql<number>`1`.as('one'))
          .whereRef('person_address.person_id', '=', 'person.id')
          .where('person_address.deleted_at', 'is', null)
          // A confidential address is never matched: a hit would tell the searcher that the child
          // lives (or lived) at the refuge whose postcode they typed.
          .where('person_address.confidential', '=', false)
          .where((ab) =>
            pc.length >= 5
              ? ab('person_address.postcode_key', '=', pc)
              : ab('person_address.postcode_key', 'like', `${pc}___`),
          ),
      ),
    )
  }
  if (c.identifier) {
    const id = c.identifier
    clauses.push(
      eb.or([
        eb('person.nhs_number', '=', id),
        eb('person.upn', '=', id),
        eb('person.former_upn', '=', id),
        eb('person.la_child_id', '=', id),
      ]),
    )
  }
  return eb.and(clauses)
}

export interface FoundPerson {
  id: number
  kind: string
  given_name: string
  family_name: string
  date_of_birth: string | null
  expected_birth_date: string | null
  sex: string | null
  restricted: boolean
  visible: boolean
  /** The current address's postcode; null when there is none or it is confidential. */
  postcode: string | null
  /** The current address is confidential (its postcode is not read). */
  address_confidential: boolean
}

/**
 * People with what a search shows of them, and whether `actor` may view each record (the same
 * where-clause lists use), so the service can show each at the right level of detail.
 */
function foundPeople(db: Db, actor: Actor, now: Date) {
  const visible = visibleChildren(actor, now)
  return db
    .selectFrom('person')
    .select((eb) => [
      'person.id',
      'person.kind',
      'person.given_name',
      'person.family_name',
      'person.date_of_birth',
      'person.expected_birth_date',
      'person.sex',
      'person.restricted',
      sql<boolean>`coalesce(${visible(eb)}, false)`.as('visible'),
      currentPostcode(eb),
      currentAddressConfidential(eb),
    ])
}

const currentAddress = (eb: PersonEb) =>
  eb
    .selectFrom('person_address')
    .whereRef('person_address.person_id', '=', 'person.id')
    .where('person_address.to_date', 'is', null)
    .where('person_address.deleted_at', 'is', null)

/**
 * The postcode of the person's current address, as a column of a select on `person`. A
 * confidential address's postcode is never read here: search results go to many people who may not
 * see it, and the ones who may can open the record.
 */
export function currentPostcode(eb: PersonEb) {
  return currentAddress(eb)
    .select('person_address.postcode')
    .where('person_address.confidential', '=', false)
    .limit(1)
    .as('postcode')
}

/** Whether the person's current address is confidential, as a column of a select on `person`. */
export function currentAddressConfidential(eb: PersonEb) {
  const confidential = currentAddress(eb)
    .select(sql<number>`1`.as('one'))
    .where('person_address.confidential', '=', true)
  return sql<boolean>`exists (${confidential})`.as('address_confidential')
}

export const SEARCH_LIMIT = 50

/** People matching every criterion given. */
export async function findPeople(db: Db, actor: Actor, c: SearchCriteria, now: Date): Promise<FoundPerson[]> {
  return foundPeople(db, actor, now)
    .where((eb) => criteriaWhere(eb, c))
    .orderBy('person.family_key')
    .orderBy('person.given_key')
    .orderBy('person.id')
    .limit(SEARCH_LIMIT)
    .execute()
}

/**
 * Likely duplicates of a new child: the same identifier, or a name that sounds the same (either
 * way round, or an other name) with the same date of birth.
 */
export async function findLikelyMatches(
  db: Db,
  actor: Actor,
  child: NewChild,
  now: Date,
): Promise<FoundPerson[]> {
  const byName: SearchCriteria = {
    name: `${child.givenName} ${child.familyName}`,
    dateOfBirth: child.dateOfBirth ?? child.expectedBirthDate,
    postcode: null,
    identifier: null,
  }
  const identifiers = [child.nhsNumber, child.upn, child.formerUpn].filter((v): v is string => v !== null)
  return foundPeople(db, actor, now)
    .where((eb) =>
      eb.or([
        criteriaWhere(eb, byName),
        ...(identifiers.length > 0
          ? [
              eb.and([
                eb('person.deleted_at', 'is', null),
                eb.or([eb('person.nhs_number', 'in', identifiers), eb('person.upn', 'in', identifiers)]),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('person.family_key')
    .orderBy('person.given_key')
    .orderBy('person.id')
    .limit(SEARCH_LIMIT)
    .execute()
}

// ---------------------------------------------------------------------------------------------
// A record's sections, each a query of its own, read together as JSON arrays in one statement:
// one round trip and one snapshot for the whole page (`loadPersonRecord`, `loadChildPage`).

const namesOf = (db: Db, personId: number) =>
  db
    .selectFrom('person_name')
    .select(['id', 'kind', 'given_name', 'family_name'])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .orderBy('id')

const addressesOf = (db: Db, personId: number) =>
  db
    .selectFrom('person_address')
    .select(['id', 'line_1', 'line_2', 'town', 'postcode', 'from_date', 'to_date', 'confidential'])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .orderBy('to_date', (ob) => ob.desc().nullsFirst())
    .orderBy('from_date', 'desc')
    .orderBy('id', 'desc')

// Both directions: "Sam is the mother of Amelia" shows on Amelia's page and on Sam's.
const relationshipsOf = (db: Db, personId: number) =>
  db
    .selectFrom('person_relationship as r')
    .innerJoin('person as other', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('r.person_id', '=', personId), eb('other.id', '=', eb.ref('r.related_person_id'))]),
          eb.and([eb('r.related_person_id', '=', personId), eb('other.id', '=', eb.ref('r.person_id'))]),
        ]),
      ),
    )
    .select([
      'r.id',
      'r.relationship_type',
      'r.household_member',
      'r.from_date',
      'r.to_date',
      'other.id as other_id',
      'other.given_name',
      'other.family_name',
      'other.date_of_birth',
      sql<boolean>`r.person_id = ${personId}`.as('outward'),
    ])
    .where('r.deleted_at', 'is', null)
    .where('other.deleted_at', 'is', null)
    .orderBy('r.household_member', 'desc')
    .orderBy('r.id')

// Alerts not removed, current and future first; the page shows those in force prominently.
const alertsOf = (db: Db, personId: number) =>
  db
    .selectFrom('person_alert as a')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.kind', 'a.summary', 'a.from_date', 'a.until_date', 'u.display_name as createdBy'])
    .where('a.person_id', '=', personId)
    .where('a.deleted_at', 'is', null)
    .orderBy('a.from_date', 'desc')
    .orderBy('a.id', 'desc')

/** The worker and team the child is allocated to (live grants), newest first. */
const allocationOf = (db: Db, childId: number) =>
  db
    .selectFrom('child_access as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('team as t', 't.id', 'a.team_id')
    .select(['a.basis', 'u.display_name as worker', 't.name as team'])
    .where('a.child_id', '=', childId)
    .where('a.basis', 'in', ['allocated_worker', 'allocated_team'])
    .where('a.revoked_at', 'is', null)
    .orderBy('a.granted_at', 'desc')
    .orderBy('a.id', 'desc')

/** Open clocks first, then the 50 most recent. */
const tasksOf = (db: Db, childId: number) =>
  db
    .selectFrom('task')
    .select(['id', 'title', 'due_at', 'due_soon_at', 'stopped_at', 'closed_by'])
    .where('child_id', '=', childId)
    .orderBy('stopped_at', (ob) => ob.desc().nullsFirst())
    .orderBy('due_at')
    .orderBy('id')
    .limit(50)

/** The chronology: the 100 latest case events. */
const chronologyOf = (db: Db, childId: number) =>
  db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
    .select([
      'e.id',
      'e.type',
      'e.summary',
      'e.occurred_at',
      'u.display_name as recordedBy',
      // The address a change of address was about, so a withheld one's summary can be replaced.
      sql<string | null>`e.attributes ->> 'addressId'`.as('addressId'),
    ])
    .where('e.child_id', '=', childId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(100)

/**
 * The child's open involvements at the front door, read through its published view
 * (frontdoor_open_involvement), with the worker's and team's names.
 */
const openInvolvementsOf = (db: Db, childId: number) =>
  db
    .selectFrom('frontdoor_open_involvement as i')
    .leftJoin('app_user as u', 'u.id', 'i.worker_id')
    .leftJoin('team as t', 't.id', 'i.team_id')
    .select([
      'i.kind',
      'i.record_id',
      'i.started_at',
      'i.status',
      'i.contact_id',
      'u.display_name as worker',
      't.name as team',
    ])
    .where('i.child_id', '=', childId)
    .orderBy('i.started_at', 'desc')
    .orderBy('i.kind')
    .orderBy('i.record_id', 'desc')

/** The people module's own sections of a record, as columns of one select on `person`. */
const personSections = (db: Db, personId: number) =>
  [
    jsonArrayFrom(namesOf(db, personId)).as('names'),
    jsonArrayFrom(addressesOf(db, personId)).as('addresses'),
    jsonArrayFrom(relationshipsOf(db, personId)).as('relationships'),
    jsonArrayFrom(alertsOf(db, personId)).as('alerts'),
  ] as const

/** The person (not deleted) with the people module's sections of their record, or undefined. */
export async function loadPersonRecord(db: Db, personId: number) {
  const row = await db
    .selectFrom('person')
    .selectAll()
    .select(personSections(db, personId))
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  const { names, addresses, relationships, alerts, ...person } = row
  return { person, names, addresses, relationships, alerts }
}

/**
 * Everything a child's record page shows, in one statement: the person and their sections, the
 * allocation, open involvements, tasks and chronology. Undefined when there is no such child.
 */
export async function loadChildPage(db: Db, childId: number) {
  const row = await db
    .selectFrom('person')
    .selectAll()
    .select([
      ...personSections(db, childId),
      jsonArrayFrom(allocationOf(db, childId)).as('allocation'),
      jsonArrayFrom(openInvolvementsOf(db, childId)).as('involvements'),
      jsonArrayFrom(tasksOf(db, childId)).as('tasks'),
      jsonArrayFrom(chronologyOf(db, childId)).as('events'),
    ])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  const { names, addresses, relationships, alerts, allocation, involvements, tasks, events, ...child } = row
  return {
    child,
    names,
    addresses,
    relationships,
    alerts,
    allocation,
    involvements: withInstants(involvements, ['started_at']),
    tasks: withInstants(tasks, ['due_at', 'due_soon_at', 'stopped_at']),
    events: withInstants(events, ['occurred_at']),
  }
}

/** A child as a form lists them once picked: name and date of birth. */
export interface PickedChild {
  id: number
  given_name: string
  family_name: string
  date_of_birth: string | null
  expected_birth_date: string | null
}

export async function findPickedChild(db: Db, childId: number): Promise<PickedChild | undefined> {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'expected_birth_date'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/** An account's id by its username, if there is one. */
export function findAccountId(db: Db, username: string) {
  return db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()
}

/** Links a staff account to its holder's person record (SEC-08); false when there is no such account. */
export async function linkAccountToPerson(
  trx: Db,
  username: string,
  personId: number,
): Promise<number | null> {
  const row = await trx
    .updateTable('app_user')
    .set({ person_id: personId })
    .where('username', '=', username)
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** The person and everyone with a relationship recorded to them, either way round, not deleted. */
export async function personAndRelatives(
  trx: Db,
  personId: number,
): Promise<{ id: number; restricted: boolean }[]> {
  return trx
    .selectFrom('person')
    .select(['id', 'restricted'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('id', '=', personId),
        eb(
          'id',
          'in',
          eb
            .selectFrom('person_relationship')
            .select('related_person_id')
            .where('person_id', '=', personId)
            .where('deleted_at', 'is', null),
        ),
        eb(
          'id',
          'in',
          eb
            .selectFrom('person_relationship')
            .select('person_id')
            .where('related_person_id', '=', personId)
            .where('deleted_at', 'is', null),
        ),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute()
}
