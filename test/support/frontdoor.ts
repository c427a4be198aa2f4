/**
 * What the front door's tests share: people made directly, contacts recorded, rated and decided
 * through the pages as each role would (`frontdoorActions`), and the same through the services
 * for tests that call them directly (`childInTriage`, `decideAsTwo`).
 */
import { expect } from 'vitest'
import { recommendationSchema } from '../../src/modules/frontdoor/authorisation.js'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import {
  authoriseRecommendation,
  rateContactChild,
  recommendDecision,
  recordContact,
  type FrontdoorDeps,
} from '../../src/modules/frontdoor/service.js'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import type { Db } from '../../src/platform/db/database.js'
import type { ThresholdLevel } from '../../src/platform/db/schema.js'
import type { Actor } from '../../src/platform/permissions/allow.js'
import { actingAs } from './actors.js'
import { Browser, type TestApp } from './web.js'

export function frontdoorActions(t: () => TestApp) {
  const db = () => t().database.db

  async function signedIn(username: string) {
    const b = new Browser(t().app)
    await b.signIn(username)
    return b
  }

  async function person(v: { given: string; family: string; dob: string; kind?: 'child' | 'adult' }) {
    const row = await db()
      .insertInto('person')
      .values({
        kind: v.kind ?? 'child',
        given_name: v.given,
        family_name: v.family,
        date_of_birth: v.dob,
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async function livesAt(personId: number, postcode: string) {
    await db()
      .insertInto('person_address')
      .values({ person_id: personId, line_1: '4 Mill Lane', postcode, from_date: '2024-01-01' })
      .execute()
  }

  /** Records a contact through the screener's form, received at a London time that reads as UTC. */
  async function recordContact(
    childIds: number[],
    receivedAt: string,
    o: { source?: string; referrer?: string; role?: string; reason?: string } = {},
  ) {
    const d = new Date(receivedAt)
    const b = await signedIn('screener')
    const res = await b.postMany('/contacts/new', [
      ['received-day', String(d.getUTCDate())],
      ['received-month', String(d.getUTCMonth() + 1)],
      ['received-year', String(d.getUTCFullYear())],
      ['received-time', d.toISOString().slice(11, 16)],
      ['channel', 'phone'],
      ['referralSource', o.source ?? '6'],
      ['referrerName', o.referrer ?? 'PC Dan Hill'],
      ['referrerRole', o.role ?? 'Response officer'],
      [
        'reason',
        o.reason ?? 'Police attended a domestic incident at the home overnight. Both children were present.',
      ],
      ['presentingNeeds', '3B'],
      ['consent', 'given'],
      ['childSafeNow', 'not_known'],
      ...childIds.map((id): [string, string] => ['childIds', String(id)]),
      ['step', 'save'],
    ])
    expect(res.statusCode).toBe(303)
    const contactId = Number(/\/contacts\/(\d+)/.exec(res.headers.location as string)?.[1])
    const rows = await db()
      .selectFrom('contact_child')
      .selectAll()
      .where('contact_id', '=', contactId)
      .orderBy('id')
      .execute()
    return { contactId, cc: rows.map((r) => r.id), rows }
  }

  const triagePage = (contactId: number, cc: number) => `/contacts/${contactId}/children/${cc}`

  async function rate(contactId: number, cc: number, rag = 'amber', thresholdLevel = '3') {
    const page = triagePage(contactId, cc)
    const res = await (await signedIn('screener')).post(`${page}/rating`, { thresholdLevel, rag }, page)
    expect(res.statusCode).toBe(303)
  }

  /**
   * A decision as the MASH makes it: the MASH social worker recommends (`oversightNote` is their
   * analysis; without it the recommendation has none, and is refused), then the MASH manager
   * authorises it. The recommendation's page answers when it refuses; otherwise the authorisation's.
   */
  async function decide(contactId: number, cc: number, fields: Record<string, string>) {
    const { oversightNote, ...rest } = fields
    const page = `${triagePage(contactId, cc)}/decision`
    const recommended = await (
      await signedIn('mash.sw')
    ).post(page, { ...rest, ...(oversightNote === undefined ? {} : { rationale: oversightNote }) })
    if (recommended.statusCode !== 303) return recommended
    return (await signedIn('mash.manager')).post(`${triagePage(contactId, cc)}/authorisation`, {
      outcome: 'authorise',
      oversightNote: `${oversightNote ?? ''} Read the history and the agencies' information; agreed.`,
      noStrategyReason: 'The police and the school are acting; no significant harm on the facts found.',
    })
  }

  return { db, signedIn, person, livesAt, recordContact, triagePage, rate, decide }
}

/**
 * Opens the child's case with a demo social worker (`social.worker` unless said): they are its
 * allocated worker and their team its allocated team, so a contact about the child goes to them.
 */
export async function openCaseWith(db: Db, childId: number, username = 'social.worker') {
  const worker = await db
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('child_access')
    .values([
      { child_id: childId, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id },
      { child_id: childId, team_id: worker.team_id, basis: 'allocated_team', granted_by: worker.id },
    ])
    .execute()
}

/** The management oversight note the service-level decisions are authorised with. */
export const OVERSIGHT = 'Checked the history and agency information; this decision keeps the child safe.'

/**
 * A child made for the test, on a school's contact received on Tuesday 10 November 2026 at 09:30
 * and in triage, rated at `level` (red) by the screener, through the services. The consent is as
 * given (a reason is given for any but "given" and "refused").
 */
export async function childInTriage(
  deps: FrontdoorDeps,
  surname: string,
  level: ThresholdLevel,
  consent = 'given',
) {
  const { id: childId } = await deps.db
    .insertInto('person')
    .values({ kind: 'child', given_name: 'Kit', family_name: surname, date_of_birth: '2018-04-02', sex: 'M' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { actor, ctx } = await actingAs(deps.db, 'screener')
  const details = contactDetailsSchema.parse({
    channel: 'phone',
    referralSource: '2A',
    referrerName: 'Ms Example',
    referrerRole: 'Class teacher',
    reason: 'Kit came to school with bruising on both arms and said his stepfather grabbed him.',
    consent,
    ...(consent === 'given' || consent === 'refused'
      ? {}
      : { consentReason: 'Asking would put Kit at risk.' }),
  })
  const contact = await recordContact(
    deps,
    actor,
    { details, receivedAt: new Date('2026-11-10T09:30:00Z'), childIds: [childId], described: [] },
    ctx,
  )
  const contactChildId = contact.children[0]?.contactChildId as number
  await rateContactChild(
    deps,
    actor,
    contactChildId,
    { thresholdLevel: level, rag: 'red', recommendation: null },
    ctx,
  )
  return {
    childId,
    contactId: contact.contactId,
    contactChildId,
    page: `/contacts/${contact.contactId}/children/${contactChildId}`,
  }
}

export interface Decided {
  referralId: number | null
  contactId: number
}

/** Recommends `answers` as `recommender` and authorises it as `manager` (or as decided alone), through the services. */
export async function decideAsTwo(
  deps: FrontdoorDeps,
  recommender: { actor: Actor; ctx: AuditContext },
  manager: { actor: Actor; ctx: AuditContext },
  contactChildId: number,
  answers: Record<string, string>,
): Promise<Decided> {
  const input = recommendationSchema.parse({
    rationale: 'Weighed the history and the agencies’ information.',
    ...answers,
  })
  const recommended = await recommendDecision(deps, recommender.actor, contactChildId, input, recommender.ctx)
  if (!recommended.awaitingAuthorisation) return recommended
  const authorised = await authoriseRecommendation(
    deps,
    manager.actor,
    contactChildId,
    { outcome: 'authorise', oversightNote: OVERSIGHT, noStrategyReason: null, returnReason: null },
    manager.ctx,
  )
  return { referralId: authorised.referralId, contactId: authorised.contactId }
}
