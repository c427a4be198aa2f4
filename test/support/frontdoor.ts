/**
 * What the front door's household and duplicate tests share: people made directly, contacts
 * recorded, rated and decided through the pages as each role would.
 */
import { expect } from 'vitest'
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
   * The MASH social worker recommends (`oversightNote` is their analysis) and the MASH manager
   * authorises; the recommendation's answer comes back when it refuses.
   */
  async function decide(contactId: number, cc: number, fields: Record<string, string>) {
    const { oversightNote, ...rest } = fields
    const page = `${triagePage(contactId, cc)}/decision`
    const recommended = await (
      await signedIn('mash.sw')
    ).post(page, { ...rest, rationale: oversightNote ?? 'Weighed the history.' }, triagePage(contactId, cc))
    if (recommended.statusCode !== 303) return recommended
    const authorisation = `${triagePage(contactId, cc)}/authorisation`
    return (await signedIn('mash.manager')).post(authorisation, {
      outcome: 'authorise',
      oversightNote: `${oversightNote ?? ''} Read the history and the agencies' information; agreed.`,
      noStrategyReason: 'The police and the school are acting; no significant harm on the facts found.',
    })
  }

  return { db, signedIn, person, livesAt, recordContact, triagePage, rate, decide }
}
