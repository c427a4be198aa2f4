/**
 * The second pair of eyes on a front-door decision and what follows it (issue 12), through the
 * pages on PGlite and (with DATABASE_URL) PostgreSQL: a MASH social worker recommends, a manager
 * authorises or returns, never the recommender; level 4 goes to a strategy discussion unless the
 * manager says why not; consent; a transfer's acceptance; the strategy discussion recorded as held
 * before a referral can close with no further action. Literal due times from a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import {
  authoriseRecommendation,
  recordContact,
  recommendDecision,
} from '../../src/modules/frontdoor/service.js'
import {
  authoriseContactChild,
  NotAllowedError,
  NotFoundError,
} from '../../src/modules/frontdoor/service-support.js'
import { recommendationSchema } from '../../src/modules/frontdoor/authorisation.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { actingAs } from '../support/actors.js'
import { childInTriage, frontdoorActions, openCaseWith, OVERSIGHT } from '../support/frontdoor.js'
import { openTestApp, pageText, type TestApp } from '../support/web.js'

/** A Tuesday morning in November (GMT, so London time reads as UTC). */
const TUESDAY = '2026-11-10T10:00:00Z'
const clock = fixedClock(TUESDAY)

let t: TestApp
const db = () => t.database.db
const deps = () => ({ db: db(), clock })

const { signedIn } = frontdoorActions(() => t)

beforeAll(async () => {
  t = await openTestApp({ clock })
})
afterAll(async () => t.close())

async function teamId(name: string): Promise<number> {
  const row = await db().selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  return row.id
}

/** Posts the recommendation form as `username`. */
async function recommend(page: string, fields: Record<string, string>, username = 'mash.sw') {
  const b = await signedIn(username)
  return b.post(`${page}/decision`, { rationale: 'Bruising with a disclosure: harm is likely.', ...fields })
}

async function authorise(page: string, fields: Record<string, string>, username = 'mash.manager') {
  const b = await signedIn(username)
  return b.post(`${page}/authorisation`, fields)
}

const status = async (contactChildId: number) =>
  (
    await db()
      .selectFrom('contact_child')
      .select('status')
      .where('id', '=', contactChildId)
      .executeTakeFirstOrThrow()
  ).status

async function tasksOf(contactChildId: number) {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at', 'closed_by'])
    .where('subject_type', '=', 'contact')
    .where('subject_id', '=', String(contactChildId))
    .orderBy('clock_code')
    .orderBy('id')
    .execute()
  return Object.fromEntries(
    rows.map((r) => [
      r.clock_code,
      { due: r.due_at.toISOString(), stopped: r.stopped_at?.toISOString() ?? null, by: r.closed_by },
    ]),
  )
}

describe('a recommendation waits for a manager', () => {
  it('keeps the decision clock running, starts the authorisation clock, and lists it for managers', async () => {
    clock.set(TUESDAY)
    const { contactChildId, page } = await childInTriage(deps(), 'Ashby', '3')
    clock.set('2026-11-10T11:00:00Z')
    const sent = await recommend(page, {
      decision: 'referral',
      teamId: String(await teamId('Assessment team')),
    })
    expect(sent.statusCode).toBe(303)
    expect(await status(contactChildId)).toBe('awaiting_authorisation')
    expect(
      await db().selectFrom('referral').select('id').where('contact_child_id', '=', contactChildId).execute(),
    ).toEqual([])
    const tasks = await tasksOf(contactChildId)
    expect(tasks['mash-decision']).toEqual({ due: '2026-11-11T17:00:00.000Z', stopped: null, by: null })
    // Authorised by the close of the working day it was recommended.
    expect(tasks['mash-authorisation']).toEqual({ due: '2026-11-10T17:00:00.000Z', stopped: null, by: null })

    const queue = await (await signedIn('mash.manager')).get('/mash/authorisation')
    expect(queue.statusCode).toBe(200)
    expect(queue.body).toContain('Kit Ashby')
    expect(queue.body).toContain(`${page}/authorisation`)
    // It stays in the MASH queue too, marked as waiting for a manager, its decision clock running.
    const mash = await (await signedIn('mash.manager')).get('/mash?status=awaiting_authorisation')
    expect(pageText(mash.body)).toContain('Kit Ashby')
    expect(pageText(mash.body)).toContain('Awaiting authorisation')
    // The recommender sees it is waiting, and no way to authorise it.
    const own = await (await signedIn('mash.sw')).get(page)
    expect(own.body).toContain('data-testid="authorisation-by-another"')
    expect(own.body).not.toContain('data-testid="authorise"')
    // A social worker has no queue to see.
    expect((await (await signedIn('social.worker')).get('/mash/authorisation')).statusCode).toBe(403)
  })

  it('refuses authorisation by the recommender, with an audit row, and takes another manager’s', async () => {
    clock.set(TUESDAY)
    const { contactChildId, page } = await childInTriage(deps(), 'Bexley', '3')
    const assessment = String(await teamId('Assessment team'))
    expect(
      (await recommend(page, { decision: 'referral', teamId: assessment }, 'mash.manager')).statusCode,
    ).toBe(303)
    const mine = await (await signedIn('mash.manager')).get(`${page}/authorisation`)
    expect(mine.body).toContain('You recommended this decision, so another manager must authorise it.')
    expect(mine.body).not.toContain('data-testid="authorisation-form"')
    const refused = await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT })
    expect(refused.statusCode).toBe(403)
    const denial = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('record_type', '=', 'contact_child')
      .where('record_id', '=', String(contactChildId))
      .where('outcome', '=', 'denied')
      .executeTakeFirst()
    expect(denial).toEqual({ action: 'contact.authorise', outcome: 'denied' })
    expect(await status(contactChildId)).toBe('awaiting_authorisation')
    // A MASH social worker is not a manager.
    expect(
      (await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT }, 'mash.sw')).statusCode,
    ).toBe(403)

    clock.set('2026-11-10T15:20:00Z')
    const done = await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT }, 'service.manager')
    expect(done.statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact_child as cc')
      .innerJoin('app_user as u', 'u.id', 'cc.decided_by')
      .select(['cc.status', 'cc.decision', 'cc.decided_at', 'cc.oversight_note', 'u.username'])
      .where('cc.id', '=', contactChildId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'decided',
      decision: 'referral',
      decided_at: new Date('2026-11-10T15:20:00Z'),
      oversight_note: OVERSIGHT,
      username: 'service.manager',
    })
    const tasks = await tasksOf(contactChildId)
    expect(tasks['mash-decision']?.stopped).toBe('2026-11-10T15:20:00.000Z')
    expect(tasks['mash-authorisation']).toMatchObject({ stopped: '2026-11-10T15:20:00.000Z', by: 'stop' })
  })

  it('authorises low-level recommendations together from the queue, never a level 3 one, and saves nothing when one cannot be', async () => {
    clock.set(TUESDAY)
    const low = await childInTriage(deps(), 'Dorking', '1')
    const high = await childInTriage(deps(), 'Epsom', '3')
    expect((await recommend(low.page, { decision: 'signpost' })).statusCode).toBe(303)
    const referral = { decision: 'referral', teamId: String(await teamId('Assessment team')) }
    expect((await recommend(high.page, referral)).statusCode).toBe(303)

    const m = await signedIn('mash.manager')
    const queue = await m.get('/mash/authorisation')
    // Only the low-level one can be ticked; the referral is opened and authorised on its own.
    expect(queue.body).toContain(`value="${low.contactChildId}"`)
    expect(queue.body).not.toContain(`value="${high.contactChildId}"`)

    // A crafted post with both is refused whole, and says which and why.
    const both = await m.postMany('/mash/authorisation', [
      ['contactChildIds', String(low.contactChildId)],
      ['contactChildIds', String(high.contactChildId)],
      ['oversightNote', OVERSIGHT],
    ])
    expect(both.statusCode).toBe(409)
    expect(pageText(both.body)).toContain('is at level 3: authorise it on its own page')
    expect(pageText(both.body)).toContain('Nothing was authorised')
    expect(await status(low.contactChildId)).toBe('awaiting_authorisation')
    expect(await status(high.contactChildId)).toBe('awaiting_authorisation')

    clock.set('2026-11-10T16:00:00Z')
    const one = await m.postMany('/mash/authorisation', [
      ['contactChildIds', String(low.contactChildId)],
      ['oversightNote', OVERSIGHT],
    ])
    expect(one.statusCode).toBe(303)
    expect(await status(low.contactChildId)).toBe('decided')
    expect(await status(high.contactChildId)).toBe('awaiting_authorisation')
    const tasks = await tasksOf(low.contactChildId)
    expect(tasks['mash-decision']?.stopped).toBe('2026-11-10T16:00:00.000Z')
    expect(tasks['mash-authorisation']).toMatchObject({ stopped: '2026-11-10T16:00:00.000Z', by: 'stop' })
  })

  it('does not take "NFA" as oversight, and returns a recommendation with its reason for another', async () => {
    clock.set(TUESDAY)
    const { contactChildId, page } = await childInTriage(deps(), 'Cobham', '1')
    expect(
      (
        await recommend(page, {
          decision: 'no_further_action',
          decisionReason: 'Single minor incident, resolved.',
        })
      ).statusCode,
    ).toBe(303)
    const thin = await authorise(page, { outcome: 'authorise', oversightNote: 'NFA' })
    expect(thin.statusCode).toBe(400)
    expect(thin.body).toContain('Write the oversight in full')
    const noReason = await authorise(page, { outcome: 'return' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why you are returning the recommendation')
    expect(await status(contactChildId)).toBe('awaiting_authorisation')

    const returned = await authorise(page, {
      outcome: 'return',
      returnReason: 'Ask the school what Kit said first.',
    })
    expect(returned.statusCode).toBe(303)
    expect(await status(contactChildId)).toBe('in_triage')
    expect((await tasksOf(contactChildId))['mash-authorisation']).toMatchObject({ by: 'cancel' })
    const triage = await (await signedIn('mash.sw')).get(page)
    expect(triage.body).toContain('Ask the school what Kit said first.')

    expect(
      (
        await recommend(page, {
          decision: 'information_and_advice',
          rationale: 'School spoke to Kit: advice to mother.',
        })
      ).statusCode,
    ).toBe(303)
    expect((await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT })).statusCode).toBe(303)
    const history = await db()
      .selectFrom('contact_recommendation')
      .select(['decision', 'outcome', 'return_reason'])
      .where('contact_child_id', '=', contactChildId)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      {
        decision: 'no_further_action',
        outcome: 'returned',
        return_reason: 'Ask the school what Kit said first.',
      },
      { decision: 'information_and_advice', outcome: 'authorised', return_reason: null },
    ])
  })

  it('lets an authority’s low-level outcomes stand alone, but never at level 3 or 4', async () => {
    clock.set(TUESDAY)
    const settings = {
      authoriserRoles: ['team_manager', 'service_manager'] as const,
      decideAlone: ['signpost' as const],
    }
    const { actor, ctx } = await actingAs(db(), 'mash.sw')
    const low = await childInTriage(deps(), 'Dorking', '1')
    const input = recommendationSchema.parse({
      decision: 'signpost',
      rationale: 'Universal services meet this.',
    })
    const alone = await recommendDecision(
      { ...deps(), authorisation: settings },
      actor,
      low.contactChildId,
      input,
      ctx,
    )
    expect(alone.awaitingAuthorisation).toBe(false)
    expect(await status(low.contactChildId)).toBe('decided')
    const high = await childInTriage(deps(), 'Epsom', '3')
    const departs = recommendationSchema.parse({
      decision: 'signpost',
      rationale: 'Universal services meet this.',
      decisionReason: 'Family declined everything else.',
    })
    const waiting = await recommendDecision(
      { ...deps(), authorisation: settings },
      actor,
      high.contactChildId,
      departs,
      ctx,
    )
    expect(waiting.awaitingAuthorisation).toBe(true)
  })
})

describe('the decision services called directly (the command line, tests)', () => {
  it('check the role and the child once, as the pages do, and audit a refused child', async () => {
    clock.set(TUESDAY)
    const { childId, contactChildId } = await childInTriage(deps(), 'Hythe', '2')
    const input = recommendationSchema.parse({ decision: 'early_help', rationale: 'Needs are emerging.' })
    // A role that does not decide, on a child it could otherwise see.
    const worker = await actingAs(db(), 'social.worker')
    await expect(recommendDecision(deps(), worker.actor, contactChildId, input, worker.ctx)).rejects.toThrow(
      NotAllowedError,
    )
    // A role that decides, on a child whose record is now restricted: refused, and the refusal audited.
    await db()
      .updateTable('person')
      .set({ restricted: true, restriction_category: 'high_risk' })
      .where('id', '=', childId)
      .execute()
    const { actor, ctx } = await actingAs(db(), 'mash.sw')
    await expect(recommendDecision(deps(), actor, contactChildId, input, ctx)).rejects.toThrow(
      NotAllowedError,
    )
    const manager = await actingAs(db(), 'mash.manager')
    await expect(
      authoriseRecommendation(
        deps(),
        manager.actor,
        contactChildId,
        { outcome: 'authorise', oversightNote: OVERSIGHT, noStrategyReason: null, returnReason: null },
        manager.ctx,
      ),
    ).rejects.toThrow(NotAllowedError)
    const denials = await db()
      .selectFrom('audit_event')
      .select(['action', 'username'])
      .where('child_id', '=', childId)
      .where('outcome', '=', 'denied')
      .orderBy('id')
      .execute()
    expect(denials).toEqual([
      { action: 'child.view', username: 'mash.sw' },
      { action: 'child.view', username: 'mash.manager' },
    ])
    expect(await status(contactChildId)).toBe('in_triage')
  })

  it('let a contact whose child is still to be found through, unless the step needs the child', async () => {
    const { actor, ctx } = await actingAs(db(), 'mash.sw')
    const missing = 2_000_000_000
    expect(await authoriseContactChild(deps(), actor, missing, ctx, { role: 'contact.decide' })).toBeNull()
    await expect(
      authoriseContactChild(deps(), actor, missing, ctx, {
        role: 'contact.decide',
        unfound: () => new NotFoundError('No such child'),
      }),
    ).rejects.toThrow('No such child')
    const partner = await actingAs(db(), 'police')
    await expect(
      authoriseContactChild(deps(), partner.actor, missing, partner.ctx, { role: 'contact.decide' }),
    ).rejects.toThrow(NotAllowedError)
  })
})

describe('significant harm', () => {
  it('asks the manager why there is no strategy discussion at level 4', async () => {
    clock.set(TUESDAY)
    const { page } = await childInTriage(deps(), 'Fareham', '4')
    expect(
      (await recommend(page, { decision: 'referral', teamId: String(await teamId('Assessment team')) }))
        .statusCode,
    ).toBe(303)
    const noReason = await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('enter why there is no strategy discussion')
    const withReason = await authorise(page, {
      outcome: 'authorise',
      oversightNote: OVERSIGHT,
      noStrategyReason: 'Police protection already in place; the strategy discussion is the police’s.',
    })
    expect(withReason.statusCode).toBe(303)
  })

  it('opens the strategy discussion here before a transfer from level 4, with a clock until the other authority accepts', async () => {
    clock.set(TUESDAY)
    const { childId, contactChildId, page } = await childInTriage(deps(), 'Gosport', '4')
    const fields = {
      decision: 'transfer',
      transferAuthority: 'Kent County Council',
      teamId: String(await teamId('Assessment team')),
    }
    expect((await recommend(page, fields)).statusCode).toBe(303)
    expect((await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT })).statusCode).toBe(303)
    const sd = await db()
      .selectFrom('strategy_discussion')
      .select(['id', 'held_at'])
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(sd.held_at).toBeNull()
    expect((await tasksOf(contactChildId))['transfer-acceptance']).toEqual({
      due: '2026-11-11T17:00:00.000Z',
      stopped: null,
      by: null,
    })
    const b = await signedIn('mash.sw')
    const missing = await b.post(`${page}/transfer-acceptance`, { acceptedBy: '' })
    expect(missing.statusCode).toBe(400)
    clock.set('2026-11-11T09:40:00Z')
    const accepted = await b.post(`${page}/transfer-acceptance`, {
      acceptedBy: 'Jo Patel, Kent MASH team manager',
      'accepted-day': '11',
      'accepted-month': '11',
      'accepted-year': '2026',
      'accepted-time': '09:30',
    })
    expect(accepted.statusCode).toBe(303)
    expect((await tasksOf(contactChildId))['transfer-acceptance']).toMatchObject({
      stopped: '2026-11-11T09:30:00.000Z',
      by: 'stop',
    })
    expect((await b.get(page)).body).toContain('Accepted by Jo Patel, Kent MASH team manager')
  })

  it('cannot close a strategy discussion’s referral with no further action until the discussion is recorded as held', async () => {
    clock.set(TUESDAY)
    const { childId, contactChildId, page } = await childInTriage(deps(), 'Hythe', '4')
    expect(
      (
        await recommend(page, {
          decision: 'strategy_discussion',
          teamId: String(await teamId('Assessment team')),
        })
      ).statusCode,
    ).toBe(303)
    expect((await authorise(page, { outcome: 'authorise', oversightNote: OVERSIGHT })).statusCode).toBe(303)
    const referral = await db()
      .selectFrom('referral')
      .select('id')
      .where('contact_child_id', '=', contactChildId)
      .executeTakeFirstOrThrow()
    const sd = await db()
      .selectFrom('strategy_discussion')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    const sdTask = await db()
      .selectFrom('task')
      .select('due_at')
      .where('subject_type', '=', 'strategy_discussion')
      .where('subject_id', '=', String(sd.id))
      .executeTakeFirstOrThrow()
    expect(sdTask.due_at.toISOString()).toBe('2026-11-11T10:00:00.000Z')

    const manager = await signedIn('team.manager')
    // The referral shows the recommender's analysis beside the manager's oversight.
    const referralPage = await manager.get(`/referrals/${referral.id}`)
    expect(referralPage.body).toContain('The social worker’s analysis')
    expect(referralPage.body).toContain('Bruising with a disclosure: harm is likely.')
    expect(referralPage.body).toContain(OVERSIGHT)
    const close = () =>
      manager.post(
        `/referrals/${referral.id}/close`,
        { reason: 'Family moved away.' },
        `/referrals/${referral.id}`,
      )
    const early = await close()
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('record it as held')

    // A screener may not record it; the team manager of the receiving team may.
    const screener = await signedIn('screener')
    expect((await screener.get(`/strategy-discussions/${sd.id}/held`)).statusCode).toBe(403)
    const form = await manager.get(`/strategy-discussions/${sd.id}/held`)
    expect(form.statusCode).toBe(200)
    const partial = await manager.post(`/strategy-discussions/${sd.id}/held`, {
      'held-day': '10',
      'held-month': '11',
      'held-year': '2026',
      'held-time': '15:00',
      'participant-0-agency': 'social_care',
      'participant-0-name': 'Helen Price',
      outcome: 's47_joint',
    })
    expect(partial.statusCode).toBe(400)
    expect(partial.body).toContain('did not take part')
    clock.set('2026-11-10T16:00:00Z')
    const held = await manager.post(`/strategy-discussions/${sd.id}/held`, {
      'held-day': '10',
      'held-month': '11',
      'held-year': '2026',
      'held-time': '15:00',
      'participant-0-agency': 'social_care',
      'participant-0-name': 'Helen Price',
      'participant-1-agency': 'police',
      'participant-1-name': 'DS Amir Khan',
      'participant-2-agency': 'health',
      'participant-2-name': 'Dr Lee',
      'participant-2-role': 'Named nurse',
      outcome: 'no_further_action',
      outcomeReason: 'Bruising explained by a supervised sports injury; school satisfied.',
    })
    expect(held.statusCode).toBe(303)
    const shown = await manager.get(`/strategy-discussions/${sd.id}`)
    expect(shown.body).toContain('DS Amir Khan')
    expect(shown.body).toContain('10 November 2026')
    expect(
      (
        await db()
          .selectFrom('task')
          .select(['stopped_at', 'closed_by'])
          .where('subject_type', '=', 'strategy_discussion')
          .where('subject_id', '=', String(sd.id))
          .executeTakeFirstOrThrow()
      ).closed_by,
    ).toBe('stop')
    expect((await close()).statusCode).toBe(303)
  })
})

describe('consent', () => {
  it('refuses early help when the family refused consent, and asks why a referral overrides it', async () => {
    clock.set(TUESDAY)
    const { page } = await childInTriage(deps(), 'Ilford', '2', 'refused')
    const form = await (await signedIn('mash.sw')).get(`${page}/decision`)
    expect(form.body).toContain('Why the referral goes ahead without the family’s consent')
    const earlyHelp = await recommend(page, { decision: 'early_help' })
    expect(earlyHelp.statusCode).toBe(400)
    expect(earlyHelp.body).toContain('The family refused consent, so early help cannot be offered')
    const referral = await recommend(page, {
      decision: 'referral',
      teamId: String(await teamId('Assessment team')),
      decisionReason: 'Risks are higher than the level shows.',
    })
    expect(referral.statusCode).toBe(400)
    expect(referral.body).toContain('enter why the referral goes ahead without it')
    const overridden = await recommend(page, {
      decision: 'referral',
      teamId: String(await teamId('Assessment team')),
      decisionReason: 'Risks are higher than the level shows.',
      consentOverrideReason: 'A disclosure of harm: the child’s safety comes first.',
    })
    expect(overridden.statusCode).toBe(303)
  })
})

describe('consent to agency checks', () => {
  it('is recorded apart from consent to the referral, and a refusal stops agency checks until overridden', async () => {
    clock.set(TUESDAY)
    const { contactId, page } = await childInTriage(deps(), 'Jarrow', '3')
    const screener = await signedIn('screener')
    expect((await screener.get(page)).body).toContain('Consent to asking other agencies: not recorded yet.')
    const missing = await screener.post(`${page}/checks-consent`, { checksConsent: 'refused' }, page)
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Enter what the family said')
    const refused = await screener.post(
      `${page}/checks-consent`,
      { checksConsent: 'refused', checksConsentReason: 'Mother does not want the school asked.' },
      page,
    )
    expect(refused.statusCode).toBe(303)
    const check = {
      agencyKind: 'health',
      informant: 'Health visitor',
      information: 'Seen last week; no concerns.',
    }
    const blocked = await screener.post(`${page}/checks`, check, page)
    expect(blocked.statusCode).toBe(400)
    expect(blocked.body).toContain('The family refused consent to agencies being asked')
    const overridden = await screener.post(
      `${page}/checks-consent`,
      {
        checksConsent: 'overridden',
        checksConsentReason: 'A disclosure of harm: the health visitor must be asked.',
      },
      page,
    )
    expect(overridden.statusCode).toBe(303)
    expect((await screener.post(`${page}/checks`, check, page)).statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact')
      .select(['consent', 'checks_consent', 'checks_consent_reason'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow()
    // The referral's consent is as the contact recorded it; the checks' consent is its own.
    expect(row).toEqual({
      consent: 'given',
      checks_consent: 'overridden',
      checks_consent_reason: 'A disclosure of harm: the health visitor must be asked.',
    })
  })
})

describe('new harm in an open case', () => {
  it('is rated and shown in the MASH queue, and at level 4 asks the case’s manager to hold a strategy discussion', async () => {
    clock.set(TUESDAY)
    const { id: childId } = await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Lola',
        family_name: 'Kestrel',
        date_of_birth: '2015-01-09',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await openCaseWith(db(), childId)
    const { actor, ctx } = await actingAs(db(), 'screener')
    const details = contactDetailsSchema.parse({
      channel: 'phone',
      referralSource: '2A',
      referrerName: 'Ms Example',
      reason: 'Lola says her mother’s partner hit her with a belt.',
      consent: 'given',
    })
    const contact = await recordContact(
      deps(),
      actor,
      { details, receivedAt: new Date('2026-11-10T09:30:00Z'), childIds: [childId], described: [] },
      ctx,
    )
    const cc = contact.children[0]?.contactChildId as number
    expect(contact.children[0]?.route).toBe('routed_to_allocated_worker')
    const page = `/contacts/${contact.contactId}/children/${cc}`
    const screener = await signedIn('screener')
    const rated = await screener.post(`${page}/rating`, { thresholdLevel: '4', rag: 'red' }, page)
    expect(rated.statusCode).toBe(303)
    const queue = await screener.get('/mash')
    expect(queue.body).toContain('Lola Kestrel')
    expect(queue.body).toContain('With allocated worker')
    const prompt = await db()
      .selectFrom('task as t')
      .innerJoin('app_user as u', 'u.id', 't.assigned_user_id')
      .select(['t.due_at', 'u.username'])
      .where('t.clock_code', '=', 'open-case-strategy-discussion')
      .where('t.subject_id', '=', String(cc))
      .executeTakeFirstOrThrow()
    expect({ due: prompt.due_at.toISOString(), to: prompt.username }).toEqual({
      due: '2026-11-10T17:00:00.000Z',
      to: 'team.manager',
    })
    // The screener sees the prompt, not the form; the case's manager asks.
    const seen = await screener.get(page)
    expect(seen.body).toContain(
      'The allocated worker’s manager is asked to consider a strategy discussion today.',
    )
    expect(seen.body).not.toContain('data-testid="open-case-sd-form"')
    expect(
      (await screener.post(`${page}/strategy-discussion`, { strategyReason: 'x' }, page)).statusCode,
    ).toBe(403)
    const manager = await signedIn('team.manager')
    const empty = await manager.post(`${page}/strategy-discussion`, { strategyReason: '' }, page)
    expect(empty.statusCode).toBe(400)
    const asked = await manager.post(
      `${page}/strategy-discussion`,
      { strategyReason: 'A disclosure of being hit with a belt.' },
      page,
    )
    expect(asked.statusCode).toBe(303)
    const sd = await db()
      .selectFrom('strategy_discussion')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect((await manager.get(page)).body).toContain(`/strategy-discussions/${sd.id}`)
    const stopped = await db()
      .selectFrom('task')
      .select('closed_by')
      .where('clock_code', '=', 'open-case-strategy-discussion')
      .where('subject_id', '=', String(cc))
      .executeTakeFirstOrThrow()
    expect(stopped.closed_by).toBe('stop')
  })
})

describe('the queue, a page at a time', () => {
  it('shows 50 a page with the shared pagination; a page past the end shows the last', async () => {
    clock.set(TUESDAY)
    const { contactId } = await childInTriage(deps(), 'Pagemore', '1')
    const waiting = async () =>
      Number(
        (
          await db()
            .selectFrom('contact_recommendation')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('outcome', '=', 'awaiting')
            .executeTakeFirstOrThrow()
        ).n,
      )
    // Enough low-level recommendations on one contact to fill two pages and start a third.
    const more = Math.max(0, 101 - (await waiting()))
    const { actor } = await actingAs(db(), 'mash.sw')
    const at = new Date(TUESDAY)
    for (let i = 0; i < more; i++) {
      const { id: childId } = await db()
        .insertInto('person')
        .values({
          kind: 'child',
          given_name: 'Pip',
          family_name: `Pager${i}`,
          date_of_birth: '2017-01-01',
          sex: 'F',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const { id } = await db()
        .insertInto('contact_child')
        .values({
          contact_id: contactId,
          child_id: childId,
          status: 'awaiting_authorisation',
          threshold_level: '1',
          rag: 'green',
          rated_by: actor.id,
          rated_at: at,
          recommendation: 'information_and_advice',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db()
        .insertInto('contact_recommendation')
        .values({
          contact_child_id: id,
          decision: 'information_and_advice',
          rationale: 'Advice to the parents meets the need.',
          recommended_by: actor.id,
          recommended_at: at,
        })
        .execute()
    }
    const total = await waiting()
    expect(total).toBeGreaterThan(100)
    const manager = await signedIn('mash.manager')
    const rows = (body: string) => body.split('data-testid="authorisation-row"').length - 1
    const links = (body: string) =>
      [...body.matchAll(/govuk-pagination__link" href="([^"]*)" aria-label="Page (\d+)"/g)].map((m) => [
        m[1],
        m[2],
      ])

    const first = await manager.get('/mash/authorisation')
    expect(first.statusCode).toBe(200)
    expect(rows(first.body)).toBe(50)
    expect(first.body).toContain('class="moj-pagination"')
    // The first, this and the next page, and the last: the first page's link carries no number.
    expect(links(first.body)).toEqual([
      ['?', '1'],
      ['?page=2', '2'],
      ['?page=3', '3'],
    ])
    expect(first.body).toContain('href="?" aria-label="Page 1" aria-current="page"')
    expect(first.body).toContain('govuk-pagination__next')
    expect(first.body).not.toContain('govuk-pagination__prev')

    const last = await manager.get('/mash/authorisation?page=3')
    expect(rows(last.body)).toBe(total - 100)
    expect(last.body).toContain('govuk-pagination__prev')
    expect(last.body).not.toContain('govuk-pagination__next')
    // Past the end, or not a number: the last page, or the first.
    const beyond = await manager.get('/mash/authorisation?page=99')
    expect(rows(beyond.body)).toBe(total - 100)
    expect(beyond.body).toContain('href="?page=3" aria-label="Page 3" aria-current="page"')
    expect(rows((await manager.get('/mash/authorisation?page=banana')).body)).toBe(50)
  })
})
