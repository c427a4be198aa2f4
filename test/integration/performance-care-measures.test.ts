/**
 * Known answers for the measures written for issue 18 (the Corporate Parenting Committee's
 * measures of children in care, child protection's, the front door's and assessment's): small
 * authorities recorded by hand, one for each group of measures so that each group's numbers stay
 * few, and the figures the digest gives asserted exactly at the collection year's boundaries (a
 * fact on 31 March counts in 2025/26, one on 1 April in 2026/27). The clock is 1 May 2026, so a
 * snapshot of 2026/27 is as at that day. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import { computeDigest, type DigestDeps } from '../../src/modules/performance/digest.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import type { Digest } from '../../src/modules/performance/model.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { recordCarePeriod, type RecordedPlacement } from '../support/digest-records.js'
import { openTestDatabase } from '../support/test-database.js'

const at = (iso: string) => new Date(`${iso}T12:00:00Z`)

/** One small authority: a database with the catalogue, a team and three workers. */
class Authority {
  worker = 0
  others: number[] = []
  team = 0
  private seq = 0
  constructor(readonly database: OpenDatabase) {}

  get db() {
    return this.database.db
  }

  static async open(): Promise<Authority> {
    const a = new Authority(await openTestDatabase())
    await syncKpiCatalogue(a.db, digestCatalogue(HAVEN_MODULES))
    a.team = (
      await a.db
        .insertInto('team')
        .values({ name: 'Measures team', kind: 'assessment' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const ids: number[] = []
    for (const name of ['one', 'two', 'three']) {
      const row = await a.db
        .insertInto('app_user')
        .values({
          username: `measures.${name}`,
          display_name: `Worker ${name}`,
          role: 'social_worker',
          team_id: a.team,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(row.id)
    }
    a.worker = ids[0]!
    a.others = ids.slice(1)
    return a
  }

  async digest(period: '2025/26' | '2026/27'): Promise<Digest> {
    const deps: DigestDeps = { db: this.db, clock: fixedClock('2026-05-01T12:00:00Z'), onsCode: 'E06000034' }
    return computeDigest(deps, { period, area: { kind: 'authority' } })
  }

  async child(dob = '2015-06-01'): Promise<number> {
    this.seq += 1
    const row = await this.db
      .insertInto('person')
      .values({ kind: 'child', given_name: `Child${this.seq}`, family_name: 'Measures', date_of_birth: dob })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /**
   * A period of care: its placements in order, each with its episodes' legal statuses (one
   * episode a placement unless a placement lists more, as [start, legal status]); ceased on the
   * last placement's end when `ceased` names the reason.
   */
  async care(
    childId: number,
    placements: RecordedPlacement[],
    ceased?: string,
  ): Promise<{ periodId: number; placementIds: number[] }> {
    const last = placements[placements.length - 1]!
    return recordCarePeriod(
      this.db,
      this.worker,
      childId,
      placements,
      ceased && last.to ? { ended: last.to, reasonCeased: ceased } : {},
    )
  }

  async healthAssessment(childId: number, periodId: number, completed: string): Promise<void> {
    await this.db
      .insertInto('care_health_assessment')
      .values({
        period_id: periodId,
        child_id: childId,
        kind: 'rha',
        completed_on: completed,
        completed_by: 'Dr Example',
        age_band: '5_and_over',
        recorded_by: this.worker,
        recorded_at: at(completed),
        updated_by: this.worker,
        updated_at: at(completed),
      })
      .execute()
  }

  async check(
    childId: number,
    periodId: number,
    kind: 'dental' | 'immunisations' | 'sdq',
    on: string,
    answer?: boolean | number,
  ): Promise<void> {
    await this.db
      .insertInto('care_health_check')
      .values({
        period_id: periodId,
        child_id: childId,
        kind,
        checked_on: on,
        up_to_date: kind === 'immunisations' ? (answer as boolean) : null,
        sdq_score: kind === 'sdq' ? (answer as number) : null,
        completed_by: kind === 'sdq' ? 'Foster carer' : null,
        recorded_by: this.worker,
        recorded_at: at(on),
      })
      .execute()
  }

  async outcome(
    childId: number,
    periodId: number,
    kind: 'offence' | 'substance_misuse',
    on: string,
  ): Promise<void> {
    await this.db
      .insertInto('care_outcome')
      .values({
        period_id: periodId,
        child_id: childId,
        kind,
        occurred_on: on,
        code: kind === 'offence' ? 'conviction' : 'received',
        recorded_by: this.worker,
        recorded_at: at(on),
      })
      .execute()
  }

  async document(
    childId: number,
    periodId: number,
    item: 'birth_certificate' | 'identity_document' | 'ni_number' | 'account',
    status: 'held' | 'applied',
    recorded: string,
    kind?: 'passport' | 'arc',
  ): Promise<void> {
    const held = status === 'held'
    await this.db
      .insertInto('care_document')
      .values({
        child_id: childId,
        period_id: periodId,
        item,
        status,
        kind:
          item === 'account'
            ? held
              ? 'bank_account'
              : null
            : item === 'identity_document'
              ? (kind ?? 'passport')
              : null,
        kept_at: item === 'birth_certificate' && held ? 'Case file' : null,
        applied_on: held ? null : recorded,
        issued_on: item === 'identity_document' && held ? '2020-01-01' : null,
        expires_on: item === 'identity_document' && held && kind !== 'arc' ? '2030-01-01' : null,
        received_on: item === 'ni_number' && held ? recorded : null,
        opened_on: item === 'account' && held ? recorded : null,
        recorded_by: this.worker,
        recorded_at: at(recorded),
      })
      .execute()
  }

  async allocate(childId: number, userId: number, from: string): Promise<void> {
    await this.db
      .insertInto('child_access')
      .values({ child_id: childId, user_id: userId, basis: 'allocated_worker', granted_at: at(from) })
      .execute()
  }

  async cpPlan(childId: number, start: string, end: string | null = null): Promise<number> {
    const row = await this.db
      .insertInto('cp_plan')
      .values({
        child_id: childId,
        start_date: start,
        initial_category: 'NEG',
        latest_category: 'NEG',
        end_date: end,
        end_reason: end ? 'Plan no longer needed' : null,
        ended_by: end ? this.worker : null,
        started_by: this.worker,
        recorded_at: at(start),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  async referral(childId: number, date: string, closed: string | null = null, nfa = false): Promise<number> {
    const row = await this.db
      .insertInto('referral')
      .values({
        child_id: childId,
        referral_date: date,
        referral_source: '5A',
        re_referral: false,
        nfa,
        status: closed ? 'closed' : 'awaiting_allocation',
        closed_at: closed ? at(closed) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** A section 47 enquiry from a strategy discussion, completed (or not) with a conference needed or not. */
  async s47(
    childId: number,
    start: string,
    completed: { on: string; conference: boolean } | null,
    seen: string | null = null,
  ): Promise<number> {
    const sd = await this.db
      .insertInto('strategy_discussion')
      .values({ child_id: childId, requested_by: this.worker, requested_at: at(start) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await this.db
      .insertInto('s47_enquiry')
      .values({
        child_id: childId,
        strategy_discussion_id: sd.id,
        start_date: start,
        joint: false,
        created_at: at(start),
        child_seen_on: seen,
        child_seen_alone: seen ? true : null,
        outcome: completed ? 'substantiated' : null,
        likely_significant_harm: completed ? completed.conference : null,
        conference_needed: completed ? completed.conference : null,
        no_conference_reason: completed && !completed.conference ? 'Support as a child in need' : null,
        completed_on: completed?.on ?? null,
        outcome_recorded_by: completed ? this.worker : null,
        outcome_recorded_at: completed ? at(completed.on) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }
}

/**
 * A small authority for one describe block, recorded by `build`, with its digests of 2025/26
 * (as at 31 March 2026) and 2026/27 (as at 1 May 2026).
 */
function recorded(build: (a: Authority) => Promise<void>): { year: Digest; next: Digest } {
  const held = {} as { authority?: Authority; year: Digest; next: Digest }
  beforeAll(async () => {
    held.authority = await Authority.open()
    await build(held.authority)
    held.year = await held.authority.digest('2025/26')
    held.next = await held.authority.digest('2026/27')
  })
  afterAll(async () => {
    await held.authority?.database.close()
  })
  return held
}

const figure = (d: Digest, id: string) => {
  const f = d.figures.find((x) => x.id === id)
  if (!f) throw new Error(`no figure ${id}`)
  return f
}
const shape = (d: Digest, id: string) => {
  const f = figure(d, id)
  return { units: f.counts.units, numerator: f.counts.numerator, value: f.value }
}

describe('OC2’s health, SDQ and offending, at 31 March', () => {
  const d = recorded(async (a) => {
    // OC2's cohort at 31 March 2026: in care on 1 April 2025 and not ceased before 31 March 2026.
    // One in care since 2024, 14, with all three health items, an SDQ of 14 and a conviction.
    const k1 = await a.child('2012-01-01')
    const c1 = await a.care(k1, [{ from: '2024-01-01', to: null }])
    await a.healthAssessment(k1, c1.periodId, '2025-06-01')
    await a.check(k1, c1.periodId, 'dental', '2025-09-01')
    await a.check(k1, c1.periodId, 'immunisations', '2025-10-01', true)
    await a.check(k1, c1.periodId, 'sdq', '2025-11-01', 14)
    await a.outcome(k1, c1.periodId, 'offence', '2025-12-01')
    // In care from 1 April 2025 (in the cohort), 15: the health assessment on 31 March 2025 is
    // the year before's; a dental check on 31 March 2026; immunisations up to date in May, then
    // not in February (the latest says); an SDQ of 20; substance misuse identified.
    const k2 = await a.child('2010-05-01')
    const c2 = await a.care(k2, [{ from: '2025-04-01', to: null }])
    await a.healthAssessment(k2, c2.periodId, '2025-03-31')
    await a.check(k2, c2.periodId, 'dental', '2026-03-31')
    await a.check(k2, c2.periodId, 'immunisations', '2025-05-01', true)
    await a.check(k2, c2.periodId, 'immunisations', '2026-02-01', false)
    await a.check(k2, c2.periodId, 'sdq', '2026-03-31', 20)
    await a.outcome(k2, c2.periodId, 'substance_misuse', '2025-08-01')
    // Two years old: a health assessment in October (within the under-5s' 6 months), the dental
    // check on 1 April 2026 (2026/27's), immunisations up to date on 31 March.
    const k3 = await a.child('2023-06-01')
    const c3 = await a.care(k3, [{ from: '2024-06-01', to: null }])
    await a.healthAssessment(k3, c3.periodId, '2025-10-01')
    await a.check(k3, c3.periodId, 'dental', '2026-04-01')
    await a.check(k3, c3.periodId, 'immunisations', '2026-03-31', true)
    // In care from 2 April 2025: not looked after for the 12 months, whatever its checks.
    const k4 = await a.child('2011-01-01')
    const c4 = await a.care(k4, [{ from: '2025-04-02', to: null }])
    await a.healthAssessment(k4, c4.periodId, '2025-06-01')
    await a.check(k4, c4.periodId, 'dental', '2025-06-01')
    await a.check(k4, c4.periodId, 'immunisations', '2025-06-01', true)
    await a.check(k4, c4.periodId, 'sdq', '2025-06-01', 30)
    await a.outcome(k4, c4.periodId, 'offence', '2025-06-01')
    // Ceased on 31 March 2026: still in the cohort, with nothing recorded.
    const k5 = await a.child('2012-03-01')
    await a.care(k5, [{ from: '2024-01-01', to: '2026-03-31' }], 'E13')
  })

  it('counts the health items of the 4 children looked after for the 12 months, each and all together', () => {
    expect(shape(d.year, 'health-dental-immunisations')).toEqual({ units: 4, numerator: 1, value: 25 })
    expect(shape(d.year, 'health-assessments')).toEqual({ units: 4, numerator: 2, value: 50 })
    expect(shape(d.year, 'dental-checks')).toEqual({ units: 4, numerator: 2, value: 50 })
    expect(shape(d.year, 'immunisations-up-to-date')).toEqual({ units: 4, numerator: 2, value: 50 })
    expect(shape(d.year, 'development-checks')).toEqual({ units: 1, numerator: 1, value: 100 })
  })

  it('takes the mean SDQ of those 4 to 16 with a score, and counts offences of those 10 or over', () => {
    expect(figure(d.year, 'sdq').counts).toMatchObject({ units: 3, numerator: 2, mean: 17 })
    expect(figure(d.year, 'sdq').value).toBe(17)
    expect(shape(d.year, 'convictions-substance-misuse')).toMatchObject({ units: 3, numerator: 1 })
    expect(figure(d.year, 'convictions-substance-misuse').value).toBeCloseTo(33.33, 1)
    expect(shape(d.year, 'substance-misuse')).toEqual({ units: 4, numerator: 1, value: 25 })
  })

  it('as at 1 May 2026 takes the child in care from 2 April 2025, and the dental check of 1 April', () => {
    // The cohort then: in care by 2 May 2025 and still on 1 May 2026 (the one ceased is not).
    expect(shape(d.next, 'dental-checks')).toEqual({ units: 4, numerator: 4, value: 100 })
  })
})

describe('children in care: stability, education, documents, UASC, costs, missing and social workers', () => {
  const d = recorded(async (a) => {
    const [w1, w2, w3] = [a.worker, a.others[0]!, a.others[1]!]
    // B1, 14: three placements since 2024, the first ended on 31 March 2024 (before the 2 years);
    // a PEP in January; birth certificate, passport and bank account held; missing on 31 March
    // 2026; £800 a week until 1 April 2026, then £900; three workers, two changes in the year.
    const b1 = await a.child('2012-01-01')
    const c1 = await a.care(b1, [
      { from: '2024-01-01', to: '2024-03-31' },
      { from: '2024-03-31', to: '2025-01-01' },
      { from: '2025-01-01', to: null },
    ])
    await a.db
      .insertInto('care_pep')
      .values({
        period_id: c1.periodId,
        child_id: b1,
        held_on: '2026-01-15',
        quality: 'good',
        measurable_targets: true,
        child_voice: true,
        carer_views: true,
        attended_by: 'Designated teacher',
        recorded_by: w1,
        recorded_at: at('2026-01-15'),
      })
      .execute()
    await a.document(b1, c1.periodId, 'birth_certificate', 'held', '2025-05-01')
    await a.document(b1, c1.periodId, 'identity_document', 'held', '2025-05-01', 'passport')
    await a.document(b1, c1.periodId, 'account', 'held', '2025-05-01')
    const missing = (childId: number, periodId: number, kind: 'M' | 'A', on: string) =>
      a.db
        .insertInto('care_missing_episode')
        .values({
          period_id: periodId,
          child_id: childId,
          kind,
          start_date: on,
          end_date: on,
          recorded_by: w1,
          recorded_at: at(on),
          updated_by: w1,
          updated_at: at(on),
        })
        .execute()
    await missing(b1, c1.periodId, 'M', '2026-03-31')
    const cost = (
      childId: number,
      placementId: number,
      from: string,
      pence: number | null,
      route = 'framework',
    ) =>
      a.db
        .insertInto('care_placement_cost')
        .values({
          placement_id: placementId,
          child_id: childId,
          from_date: from,
          route: route as 'framework',
          weekly_pence: pence,
          recorded_by: w1,
          recorded_at: at(from),
        })
        .execute()
    await cost(b1, c1.placementIds[2]!, '2025-01-01', 80000)
    await cost(b1, c1.placementIds[2]!, '2026-04-01', 90000)
    await a.allocate(b1, w1, '2023-01-01')
    await a.allocate(b1, w2, '2025-06-01')
    await a.allocate(b1, w3, '2026-03-31')
    // B2, 15: looked after from 1 April 2024 (2 years exactly) with 3 placements since; its last
    // PEP on 31 December 2025 (more than 3 months before 31 March); a passport applied for; away
    // on 1 April 2026; £1,200 a week (spot); a change of worker before the year and one in it.
    const b2 = await a.child('2010-05-01')
    const c2 = await a.care(b2, [
      { from: '2024-04-01', to: '2024-09-01' },
      { from: '2024-09-01', to: '2025-09-01' },
      { from: '2025-09-01', to: null },
    ])
    await a.db
      .insertInto('care_pep')
      .values({
        period_id: c2.periodId,
        child_id: b2,
        held_on: '2025-12-31',
        quality: 'requires_improvement',
        measurable_targets: false,
        child_voice: true,
        carer_views: true,
        attended_by: 'Designated teacher',
        recorded_by: w1,
        recorded_at: at('2025-12-31'),
      })
      .execute()
    await a.document(b2, c2.periodId, 'birth_certificate', 'held', '2025-05-01')
    await a.document(b2, c2.periodId, 'identity_document', 'applied', '2025-05-01')
    await missing(b2, c2.periodId, 'A', '2026-04-01')
    await cost(b2, c2.placementIds[2]!, '2025-09-01', 120000, 'spot')
    await a.allocate(b2, w1, '2024-04-01')
    await a.allocate(b2, w2, '2025-03-31')
    await a.allocate(b2, w3, '2025-10-01')
    // B3, 2: in care since 2 April 2024 (not 2 years); an in-house placement without a cost; its
    // ARC recorded on 1 April 2026; UASC until 31 March 2026; a second worker on 1 April 2026.
    const b3 = await a.child('2023-06-01')
    const c3 = await a.care(b3, [{ from: '2024-04-02', to: null }])
    await a.document(b3, c3.periodId, 'birth_certificate', 'held', '2025-05-01')
    await a.document(b3, c3.periodId, 'identity_document', 'held', '2026-04-01', 'arc')
    await cost(b3, c3.placementIds[0]!, '2024-04-02', null, 'in_house')
    const uasc = (childId: number, from: string, ceased: string | null) =>
      a.db
        .insertInto('care_uasc')
        .values({
          child_id: childId,
          uasc_from: from,
          ceased_on: ceased,
          recorded_by: w1,
          recorded_at: at(from),
        })
        .execute()
    await uasc(b3, '2024-06-01', '2026-03-31')
    await a.allocate(b3, w1, '2024-04-02')
    await a.allocate(b3, w2, '2026-04-01')
    // B4, 15 in August 2025: in care from 2 April 2025, no PEP, no documents; missing on 1 April
    // 2025; its first worker allocated in the year (not a change).
    const b4 = await a.child('2011-01-01')
    const c4 = await a.care(b4, [{ from: '2025-04-02', to: null }])
    await missing(b4, c4.periodId, 'M', '2025-04-01')
    await a.allocate(b4, w1, '2025-04-02')
    // B5: in care from 10 March 2026, 4 weeks or less on 31 March (more by 1 May).
    const b5 = await a.child('2015-01-01')
    await a.care(b5, [{ from: '2026-03-10', to: null }])
    // B6, 16: in care from June 2025, UASC, its NI number held.
    const b6 = await a.child('2009-06-01')
    const c6 = await a.care(b6, [{ from: '2025-06-01', to: null }])
    await uasc(b6, '2025-06-01', null)
    await a.document(b6, c6.periodId, 'ni_number', 'held', '2025-07-01')
    // B7: ceased on 31 March 2026, its placement's cost with it.
    const b7 = await a.child('2012-03-01')
    const c7 = await a.care(b7, [{ from: '2024-01-01', to: '2026-03-31' }], 'E13')
    await cost(b7, c7.placementIds[0]!, '2024-01-01', 50000)
  })

  it('counts 3 or more placements in the 2 years of those looked after for 2 years', () => {
    expect(shape(d.year, 'three-placements-two-years')).toEqual({ units: 2, numerator: 1, value: 50 })
  })

  it('counts PEPs in the 3 months of children of school age looked after more than 4 weeks', () => {
    expect(shape(d.year, 'peps')).toMatchObject({ units: 3, numerator: 1 })
  })

  it('counts the documents held on the day, and takes the ARC recorded on 1 April in 2026/27', () => {
    expect(shape(d.year, 'documents-held')).toEqual({ units: 5, numerator: 1, value: 20 })
    expect(shape(d.year, 'bank-accounts')).toEqual({ units: 5, numerator: 1, value: 20 })
    expect(shape(d.year, 'ni-numbers')).toEqual({ units: 1, numerator: 1, value: 100 })
    expect(shape(d.next, 'documents-held')).toMatchObject({ units: 6, numerator: 2 })
  })

  it('counts the UASC looked after on 31 March, not one whose status ceased that day', () => {
    expect(shape(d.year, 'uasc')).toMatchObject({ units: 6, numerator: 1 })
  })

  it('averages the weekly cost of the placements open that day, as it then stood', () => {
    expect(figure(d.year, 'placement-costs')).toMatchObject({ counts: { units: 2, mean: 1000 }, value: 1000 })
    expect(figure(d.next, 'placement-costs')).toMatchObject({ counts: { units: 2, mean: 1050 }, value: 1050 })
  })

  it('counts missing and away incidents by the day they began', () => {
    expect(figure(d.year, 'missing-away').value).toBe(2)
    expect(figure(d.next, 'missing-away').value).toBe(1)
  })

  it('counts changes of social worker in the 12 months, not the first allocation', () => {
    expect(shape(d.year, 'social-worker-stability')).toMatchObject({ units: 6, numerator: 2 })
    expect(shape(d.year, 'social-worker-two-changes')).toMatchObject({ units: 6, numerator: 1 })
    // By 1 May 2026: B1's change of June 2025 and March 2026, B2's of October, B3's of 1 April.
    expect(shape(d.next, 'social-worker-stability')).toMatchObject({ units: 6, numerator: 3 })
  })
})

describe('adoption and care leavers', () => {
  const d = recorded(async (a) => {
    const adoption = (periodId: number, childId: number, decided: string, matched: string) =>
      a.db
        .insertInto('care_adoption')
        .values({
          period_id: periodId,
          child_id: childId,
          decided_on: decided,
          decision_maker: 'Agency decision maker',
          matched_on: matched,
          adopters: 2,
          adopter_sexes: 'MF',
          adopter_legal_status: 'L11',
          by_foster_carers: false,
          recorded_by: a.worker,
          recorded_at: at(decided),
          updated_by: a.worker,
          updated_at: at(matched),
        })
        .execute()
    /** Placed for adoption from foster care, the placement order in the first placement. */
    const adopted = async (x: {
      inCare: string
      order: string
      decided: string
      matched: string
      placed: string
      ceased: string
      place: string
      reason: string
    }) => {
      const child = await a.child('2022-01-01')
      const care = await a.care(
        child,
        [
          {
            from: x.inCare,
            to: x.placed,
            legal: [
              [x.inCare, 'C2'],
              [x.order, 'E1'],
            ],
          },
          { from: x.placed, to: x.ceased, place: x.place, legal: [[x.placed, 'E1']] },
        ],
        x.reason,
      )
      await adoption(care.periodId, child, x.decided, x.matched)
    }
    // Adopted on 31 March 2026: A1 397 days, A2 214; placed within 12 months of the decision.
    await adopted({
      inCare: '2024-01-01',
      order: '2024-06-01',
      decided: '2024-05-01',
      matched: '2025-01-01',
      placed: '2025-02-01',
      ceased: '2026-03-31',
      place: 'A4',
      reason: 'E11',
    })
    // Adopted on 30 June 2025: A1 488 days, A2 335; placed 13 months after the decision.
    await adopted({
      inCare: '2023-09-01',
      order: '2024-01-01',
      decided: '2023-12-01',
      matched: '2024-12-01',
      placed: '2025-01-01',
      ceased: '2025-06-30',
      place: 'A4',
      reason: 'E11',
    })
    // Adopted on 1 April 2026: A1 365 days, A2 242, in 2026/27.
    await adopted({
      inCare: '2024-06-01',
      order: '2024-09-01',
      decided: '2024-08-01',
      matched: '2025-05-01',
      placed: '2025-06-01',
      ceased: '2026-04-01',
      place: 'A3',
      reason: 'E12',
    })

    // Care leavers at their birthdays: 19 on 31 March 2026, in touch, working, in their own home;
    // 18 on 1 April 2025, in touch, NEET, in bed and breakfast; 21 in October 2025, not in touch;
    // 17 on 1 April 2026 (2026/27), in touch, at college, in semi-independent accommodation.
    const leaver = async (
      dob: string,
      age: number,
      birthday: string,
      touch: string,
      activity: string,
      accom: string,
    ) =>
      a.db
        .insertInto('care_leaver_contact')
        .values({
          child_id: await a.child(dob),
          age,
          birthday,
          contact_on: birthday,
          in_touch: touch as 'YES',
          activity: activity as 'F5',
          accommodation: accom,
          recorded_by: a.worker,
          recorded_at: at(birthday),
        })
        .execute()
    await leaver('2007-03-31', 19, '2026-03-31', 'YES', 'F5', 'U1')
    await leaver('2007-04-01', 18, '2025-04-01', 'YES', 'G5', 'W2')
    await leaver('2004-10-10', 21, '2025-10-10', 'NO', '0', '0')
    await leaver('2009-04-01', 17, '2026-04-01', 'YES', 'P2', 'D1')
  })

  it('averages A1 and A2 over the children adopted in the year, the one adopted on 1 April in 2026/27', () => {
    expect(figure(d.year, 'adoption-a1-a2-a10')).toMatchObject({
      counts: { units: 2, mean: 442.5 },
      value: 442.5,
    })
    expect(figure(d.year, 'adoption-a2')).toMatchObject({ counts: { units: 2, mean: 274.5 }, value: 274.5 })
    expect(figure(d.next, 'adoption-a1-a2-a10').value).toBe(365)
    expect(figure(d.next, 'adoption-a2').value).toBe(242)
  })

  it('counts those placed within 12 months of the decision', () => {
    expect(shape(d.year, 'placed-for-adoption-12-months')).toEqual({ units: 2, numerator: 1, value: 50 })
    expect(shape(d.next, 'placed-for-adoption-12-months')).toEqual({ units: 1, numerator: 1, value: 100 })
  })

  it('counts care leavers by their birthdays in the year: in touch, suitably housed, in EET', () => {
    expect(shape(d.year, 'care-leavers-in-touch')).toMatchObject({ units: 3, numerator: 2 })
    expect(shape(d.year, 'care-leavers-accommodation')).toMatchObject({ units: 3, numerator: 1 })
    expect(shape(d.year, 'care-leavers-eet')).toMatchObject({ units: 3, numerator: 1 })
    expect(figure(d.year, 'care-leavers-eet').rag).toBe('red')
    for (const id of ['care-leavers-in-touch', 'care-leavers-accommodation', 'care-leavers-eet'])
      expect(shape(d.next, id)).toEqual({ units: 1, numerator: 1, value: 100 })
  })
})

describe('child protection, children in need and early help', () => {
  const wd = (day: string, n: number) => englandAndWales.addWorkingDays(day, n)
  const d = recorded(async (a) => {
    // Reviews: plan 1 from 10 January 2025, reviewed on 10 April (3 months exactly: on time),
    // 11 October (a day past 6 months) and 31 March 2026 (on time); plan 2 from 1 December 2025,
    // first reviewed on 2 March 2026 (a day late), then on 1 April 2026 (2026/27's).
    const p1 = await a.cpPlan(await a.child(), '2025-01-10')
    const p2 = await a.cpPlan(await a.child(), '2025-12-01')
    const review = (planId: number, on: string) =>
      a.db
        .insertInto('cp_plan_review')
        .values({
          cp_plan_id: planId,
          held_on: on,
          continues: true,
          latest_category: 'NEG',
          recorded_by: a.worker,
          recorded_at: at(on),
        })
        .execute()
    for (const on of ['2025-04-10', '2025-10-11', '2026-03-31']) await review(p1, on)
    for (const on of ['2026-03-02', '2026-04-01']) await review(p2, on)
    // Visits: plan 1's first 10 working days after it began and its next 11 after that, both
    // in 2024/25; plan 2's first 10 working days after it began (on time), its next on 31 March
    // 2026 (late), and one on 1 April 2026 (the next working day: on time).
    const visit = (planId: number, on: string) =>
      a.db
        .insertInto('cp_visit')
        .values({
          cp_plan_id: planId,
          visited_at: at(on),
          child_seen: true,
          seen_alone: true,
          announced: false,
          recorded_by: a.worker,
          recorded_at: at(on),
        })
        .execute()
    const v1 = wd('2025-01-10', 10)
    await visit(p1, v1)
    await visit(p1, wd(v1, 11))
    await visit(p2, wd('2025-12-01', 10))
    await visit(p2, '2026-03-31')
    await visit(p2, '2026-04-01')
    // Plans ended: one of exactly 2 years on 31 March 2026, one a day short, one of over 3 years
    // ended on 1 April 2026. Open at 31 March more than 18 months: the 3-year one and the one
    // from 30 September 2024; the one from 1 October 2024 passes 18 months in April.
    await a.cpPlan(await a.child(), '2024-03-31', '2026-03-31')
    await a.cpPlan(await a.child(), '2024-04-01', '2026-03-31')
    await a.cpPlan(await a.child(), '2023-01-01', '2026-04-01')
    await a.cpPlan(await a.child(), '2024-09-30')
    await a.cpPlan(await a.child(), '2024-10-01')

    // Children in need at 31 March: one referred in May 2025; one closed on 31 March (not); one
    // with two overlapping referrals (one episode); a referral closed the day it was made (no
    // further action); one referred on 1 April 2026.
    await a.referral(await a.child(), '2025-05-01')
    await a.referral(await a.child(), '2025-06-01', '2026-03-31')
    const twice = await a.child()
    await a.referral(twice, '2025-07-01', '2025-12-01')
    await a.referral(twice, '2025-11-01')
    await a.referral(await a.child(), '2026-03-31', '2026-03-31', true)
    await a.referral(await a.child(), '2026-04-01')

    // CIN plans: open from June 2025; ended on 31 March 2026; begun on 1 April 2026.
    // Each a child's stepped down from a plan of its own ended in 2024/25 (outside both years).
    for (const [start, end] of [
      ['2025-06-01', null],
      ['2025-06-01', '2026-03-31'],
      ['2026-04-01', null],
    ] as const) {
      const cinChild = await a.child()
      await a.db
        .insertInto('cin_plan')
        .values({
          child_id: cinChild,
          cp_plan_id: await a.cpPlan(cinChild, '2025-01-01', '2025-03-01'),
          start_date: start,
          visit_frequency: '2w',
          end_date: end,
          end_reason: end ? 'RC1' : null,
          ended_by: end ? a.worker : null,
          started_by: a.worker,
          recorded_at: at(start),
        })
        .execute()
    }

    // Early help episodes begun on 1 April 2025, 31 March 2026 and 1 April 2026.
    for (const on of ['2025-04-01', '2026-03-31', '2026-04-01'])
      await a.db
        .insertInto('eh_episode')
        .values({
          child_id: await a.child(),
          origin: 'direct',
          team_id: a.team,
          started_on: on,
          started_by: a.worker,
          started_at: at(on),
          consent_on: on,
          consent_from: 'Parent',
          status: 'awaiting_allocation',
        })
        .execute()

    // Section 47s completed: in June 2025 with a conference needed; on 31 March 2026 without; on
    // 1 April 2026 with; and one not completed.
    await a.s47(await a.child(), '2025-05-20', { on: '2025-06-01', conference: true })
    await a.s47(await a.child(), '2026-03-20', { on: '2026-03-31', conference: false })
    await a.s47(await a.child(), '2026-03-25', { on: '2026-04-01', conference: true })
    await a.s47(await a.child(), '2026-03-25', null)

    // Initial conferences: on 31 March 2026 for two children, one given a plan; on 1 April 2026
    // for one given a plan; a review conference in October 2025 is not an initial one.
    const conference = async (
      kind: 'initial' | 'review',
      on: string,
      decisions: ('plan' | 'no_plan' | 'continue')[],
    ) => {
      const c = await a.db
        .insertInto('child_protection_conference')
        .values({
          kind,
          scheduled_at: at(on),
          chair_id: a.worker,
          arranged_by: a.worker,
          arranged_at: at(on),
          held_at: at(on),
          child_participation: 'too_young',
          family_participation: 'attended',
          recorded_by: a.worker,
          recorded_at: at(on),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const decision of decisions)
        await a.db
          .insertInto('conference_child')
          .values({
            conference_id: c.id,
            child_id: await a.child(),
            decision,
            category: decision === 'no_plan' ? null : 'NEG',
          })
          .execute()
    }
    await conference('initial', '2026-03-31', ['plan', 'no_plan'])
    await conference('initial', '2026-04-01', ['plan'])
    await conference('review', '2025-10-01', ['continue'])
  })

  it('counts review conferences on time: the first within 3 months, then within 6', () => {
    expect(shape(d.year, 'cp-reviews-on-time')).toEqual({ units: 4, numerator: 2, value: 50 })
    expect(shape(d.next, 'cp-reviews-on-time')).toEqual({ units: 1, numerator: 1, value: 100 })
  })

  it('counts visits within 10 working days of the one before, or of the plan’s start', () => {
    expect(shape(d.year, 'cp-visits-10-working-days')).toEqual({ units: 2, numerator: 1, value: 50 })
    expect(shape(d.next, 'cp-visits-10-working-days')).toEqual({ units: 1, numerator: 1, value: 100 })
  })

  it('counts plans ended after 2 years or more, and plans open more than 18 months', () => {
    expect(shape(d.year, 'cp-plans-2-years')).toEqual({ units: 2, numerator: 1, value: 50 })
    expect(shape(d.next, 'cp-plans-2-years')).toEqual({ units: 1, numerator: 1, value: 100 })
    expect(figure(d.year, 'open-cp-plans-18-months').value).toBe(2)
    expect(figure(d.next, 'open-cp-plans-18-months').value).toBe(2)
  })

  it('counts children in need once for overlapping referrals, and CIN plans open', () => {
    expect(figure(d.year, 'children-in-need').value).toBe(2)
    expect(figure(d.next, 'children-in-need').value).toBe(3)
    expect(figure(d.year, 'cin-plans-at-period-end').value).toBe(1)
    expect(figure(d.next, 'cin-plans-at-period-end').value).toBe(2)
  })

  it('counts early help episodes by the day they began', () => {
    expect(figure(d.year, 'early-help-episodes').value).toBe(2)
    expect(figure(d.next, 'early-help-episodes').value).toBe(1)
  })

  it('counts section 47s concluding a conference is needed, and initial conferences deciding a plan', () => {
    expect(shape(d.year, 's47-icpc-conversion')).toEqual({ units: 2, numerator: 1, value: 50 })
    expect(shape(d.next, 's47-icpc-conversion')).toEqual({ units: 1, numerator: 1, value: 100 })
    expect(shape(d.year, 'icpc-cp-plan-conversion')).toEqual({ units: 2, numerator: 1, value: 50 })
    expect(shape(d.next, 'icpc-cp-plan-conversion')).toEqual({ units: 1, numerator: 1, value: 100 })
  })
})

describe('the front door’s decisions and assessments', () => {
  const d = recorded(async (a) => {
    // Contacts decided: on time on 31 March 2026; late at 23:30 on 31 March (London, summer
    // time); on 31 March with no decision clock recorded; on time on 1 April 2026.
    const decided = async (received: string, decidedAt: string, due: string | null) => {
      const contact = await a.db
        .insertInto('contact')
        .values({
          received_at: new Date(received),
          channel: 'phone',
          referral_source: '5A',
          reason: 'Worried about the child',
          consent: 'given',
          recorded_by: a.worker,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const childId = await a.child()
      const cc = await a.db
        .insertInto('contact_child')
        .values({
          contact_id: contact.id,
          child_id: childId,
          status: 'decided',
          decision: 'no_further_action',
          decided_by: a.worker,
          decided_at: new Date(decidedAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (due)
        await a.db
          .insertInto('task')
          .values({
            instance_key: `mash-decision:${cc.id}`,
            clock_code: 'mash-decision',
            child_id: childId,
            subject_type: 'contact',
            subject_id: String(cc.id),
            title: 'Decision on contact',
            started_at: new Date(received),
            due_at: new Date(due),
            due_soon_at: new Date(received),
            stopped_at: new Date(decidedAt),
            closed_by: 'stop',
          })
          .execute()
    }
    await decided('2026-03-30T10:00:00Z', '2026-03-31T10:00:00Z', '2026-03-31T16:00:00Z')
    await decided('2026-03-30T10:00:00Z', '2026-03-31T22:30:00Z', '2026-03-31T16:00:00Z')
    await decided('2026-03-30T10:00:00Z', '2026-03-31T10:00:00Z', null)
    await decided('2026-03-31T10:00:00Z', '2026-04-01T10:00:00Z', '2026-04-01T16:00:00Z')

    // Assessments authorised: on 31 March 2026, no further action, the child seen as it records;
    // in June 2025, a CIN plan, the child seen in the section 47 during it; in September 2025,
    // seen only the day after it was authorised; on 1 April 2026, no further action, seen.
    const assessment = async (
      started: string,
      authorised: string,
      outcome: 'no_further_action' | 'cin_plan',
      seen: string | null,
      seenElsewhere?: string,
    ) => {
      const childId = await a.child()
      const referralId = await a.referral(childId, started)
      await a.db
        .insertInto('assessment')
        .values({
          child_id: childId,
          referral_id: referralId,
          started_on: started,
          started_by: a.worker,
          started_at: at(started),
          status: 'authorised',
          seen_on: seen,
          outcome,
          authorised_on: authorised,
          authorised_by: a.worker,
          updated_by: a.worker,
          updated_at: at(authorised),
        })
        .execute()
      if (seenElsewhere) await a.s47(childId, started, null, seenElsewhere)
    }
    await assessment('2026-03-02', '2026-03-31', 'no_further_action', '2026-03-10')
    await assessment('2025-05-01', '2025-06-01', 'cin_plan', null, '2025-05-20')
    await assessment('2025-08-01', '2025-09-01', 'cin_plan', null, '2025-09-02')
    await assessment('2026-03-02', '2026-04-01', 'no_further_action', '2026-03-10')
  })

  it('counts contacts decided within the decision clock by the London day of the decision', () => {
    expect(shape(d.year, 'referral-decision-1-working-day')).toMatchObject({ units: 3, numerator: 1 })
    expect(figure(d.year, 'referral-decision-1-working-day').rag).toBe('red')
    expect(shape(d.next, 'referral-decision-1-working-day')).toEqual({ units: 1, numerator: 1, value: 100 })
  })

  it('counts assessments ending in no further action, and those in which the child was seen', () => {
    expect(shape(d.year, 'assessment-outcomes')).toMatchObject({ units: 3, numerator: 1 })
    expect(shape(d.year, 'children-seen-during-assessment')).toMatchObject({ units: 3, numerator: 2 })
    expect(shape(d.next, 'assessment-outcomes')).toEqual({ units: 1, numerator: 1, value: 100 })
    expect(shape(d.next, 'children-seen-during-assessment')).toEqual({ units: 1, numerator: 1, value: 100 })
  })
})
