import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../returns/collection-year.js'
import { isValidNhsNumber, isValidUpn } from '../people/identifiers.js'
import { buildWorkforce, generateChildren, generateFamilies, type Child } from './population.js'

const year = parseCollectionYear('2025/26')

function children(seed: string, n: number, extra: { contactOnly?: boolean } = {}): Child[] {
  return [...generateChildren({ seed, children: n, year, ...extra })]
}

function ageOn(dob: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4))
  if (date.slice(5) < dob.slice(5)) age -= 1
  return age
}

/** Every way a child's history could contradict itself; an empty list when coherent. */
function incoherence(c: Child, asOf: string): string[] {
  const problems: string[] = []
  const bad = (what: string): void => void problems.push(`${c.laChildId}: ${what}`)
  const dates: string[] = []
  for (const x of c.contacts) {
    if (x.decidedOn < x.receivedOn) bad('contact decided before it was received')
    dates.push(x.receivedOn)
  }
  let previousClosure: string | null = null
  for (const r of c.referrals) {
    dates.push(r.referralDate)
    if (previousClosure === null && c.referrals.indexOf(r) > 0) bad('a referral after an episode left open')
    if (previousClosure !== null && r.referralDate <= previousClosure) bad('CIN episodes overlap')
    const activity: string[] = []
    for (const a of r.assessments) {
      if (a.start < r.referralDate) bad('assessment before its referral')
      if (a.authorised !== null && a.authorised < a.start) bad('assessment authorised before it started')
      activity.push(a.start, ...(a.authorised ? [a.authorised] : []))
    }
    const conferences = new Set<string>()
    for (const s of r.section47s) {
      if (s.start < r.referralDate) bad('S47 before its referral')
      if (s.icpc !== null) {
        if (s.icpc < s.start) bad('conference before its S47')
        conferences.add(s.icpc)
        activity.push(s.icpc)
      }
      if (s.icpc !== null && s.icpcNotRequired) bad('conference held and not required')
      activity.push(s.start)
    }
    for (const p of r.cpPlans) {
      if (!conferences.has(p.start)) bad('CP plan without an initial conference that day')
      if (p.end !== null && p.end <= p.start) bad('CP plan ends on or before its start')
      for (const d of p.reviews)
        if (d <= p.start || (p.end !== null && d > p.end)) bad('CP review outside its plan')
      activity.push(p.start, ...(p.end ? [p.end] : []))
      for (const q of r.cinPlans) {
        if (q.start <= (p.end ?? asOf) && (q.end ?? asOf) >= p.start) bad('CIN plan open during a CP plan')
      }
    }
    for (const q of r.cinPlans) {
      if (q.start < r.referralDate) bad('CIN plan before its referral')
      if (q.end !== null && q.end <= q.start) bad('CIN plan ends on or before its start')
      activity.push(q.start, ...(q.end ? [q.end] : []))
    }
    if (r.nfa && (r.assessments.length > 0 || r.section47s.length > 0))
      bad('activity on a no-further-action referral')
    if (r.closureDate !== null) {
      if (activity.some((d) => d > (r.closureDate as string))) bad('activity after the episode closed')
      if (r.closureReason === null) bad('closed without a reason')
    }
    previousClosure = r.closureDate
  }
  const dob = c.dateOfBirth
  for (let i = 0; i < c.care.length; i++) {
    const e = c.care[i]!
    const next = c.care[i + 1]
    dates.push(e.start)
    if (dob === null) bad('an unborn child in care')
    else {
      if (e.start < dob) bad('care before birth')
      const age = ageOn(dob, e.start)
      if (e.reasonNew === 'S' && (e.legalStatus === 'C1' || e.legalStatus === 'C2') && age >= 17)
        bad('care order at 17')
      if (e.legalStatus.startsWith('J') && age < 10) bad('remanded under 10')
      if (e.placement === 'K3' && age < 16) bad('supported accommodation under 16')
      if (e.end !== null && ageOn(dob, e.end) > 18) bad('looked after past 18')
    }
    if (e.end !== null && e.end < e.start) bad('care episode ends before it starts')
    if (next) {
      if (e.end === null) bad('an open episode before another')
      else if (next.start < e.end) bad('care episodes overlap')
      else if (next.start === e.end && e.reasonCeased !== 'X1')
        bad('episode followed on the same day but not X1')
      if (next.reasonNew !== 'S' && next.start !== e.end) bad('a change of episode with a gap')
    }
  }
  const lastEpisode = c.care.at(-1)
  if (lastEpisode && (lastEpisode.reasonCeased === 'E11' || lastEpisode.reasonCeased === 'E12')) {
    if (!/^A[3-6]$/.test(lastEpisode.placement)) bad('adopted from a placement that was not for adoption')
    if (c.adoption?.adopted !== lastEpisode.end) bad('adoption order and end of care on different days')
  }
  for (const m of c.missing)
    if (m.end !== null && m.end < m.start) bad('missing episode ends before it starts')
  for (const d of dates) if (d > asOf) bad(`an event after the end of the year (${d})`)
  if (c.upn !== null && !isValidUpn(c.upn)) bad(`invalid UPN ${c.upn}`)
  if (c.nhsNumber !== null && !isValidNhsNumber(c.nhsNumber)) bad(`invalid NHS number ${c.nhsNumber}`)
  if (c.upn === null && c.upnUnknown === null) bad('neither UPN nor a reason it is unknown')
  if ((c.dateOfBirth === null) === (c.expectedDateOfBirth === null))
    bad('needs exactly one of birth and expected birth')
  if (c.expectedDateOfBirth !== null && c.sex !== 'U') bad('an unborn child with a sex')
  return problems
}

describe('the synthetic authority', () => {
  it('is the same for the same seed, and different for another', () => {
    const a = JSON.stringify(children('same', 40))
    expect(JSON.stringify(children('same', 40))).toBe(a)
    expect(JSON.stringify(children('other', 40))).not.toBe(a)
  })

  it('is a prefix of itself: a small authority is the start of a larger one', () => {
    const small = children('prefix', 20).map((c) => c.laChildId)
    const large = children('prefix', 60).map((c) => c.laChildId)
    expect(large.slice(0, small.length - 1)).toEqual(small.slice(0, -1))
  })

  it.each([1, 7, 100])('has exactly %i children in need', (n) => {
    expect(children('count', n).filter((c) => c.cohort === 'in-need')).toHaveLength(n)
  })

  it('puts every child in need in the collection year', () => {
    for (const c of children('in-year', 150, { contactOnly: false })) {
      if (c.cohort !== 'in-need') continue
      const inYear = c.referrals.some(
        (r) => r.referralDate <= year.end && (r.closureDate === null || r.closureDate >= year.start),
      )
      expect(inYear, c.laChildId).toBe(true)
    }
  })

  it('tells an incoherent history apart (the checker can fail)', () => {
    const c = children('broken', 5, { contactOnly: false }).find((x) =>
      x.referrals.some((r) => r.assessments.length > 0),
    )!
    expect(incoherence(c, year.end)).toEqual([])
    const r = c.referrals.find((x) => x.assessments.length > 0)!
    r.assessments[0]!.start = '2000-01-01'
    c.upn = c.upn === null ? null : `${c.upn.charAt(0) === 'A' ? 'B' : 'A'}${c.upn.slice(1)}`
    expect(incoherence(c, year.end).length).toBeGreaterThan(0)
  })

  it('gives every child a coherent history, whatever the seed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (seed) => {
        const all = children(seed, 60)
        expect(all.flatMap((c) => incoherence(c, year.end))).toEqual([])
        // Every child in need is in need at some point in the year (so in the CIN census).
        const outside = all.filter(
          (c) =>
            c.cohort === 'in-need' &&
            !c.referrals.some(
              (r) => r.referralDate <= year.end && (r.closureDate === null || r.closureDate >= year.start),
            ),
        )
        expect(outside.map((c) => c.laChildId)).toEqual([])
      }),
      { numRuns: Number(process.env.SYNTH_RUNS ?? 25) },
    )
  })

  it('has the shape of a real authority at scale', () => {
    const all = children('shape', 2000)
    const inNeed = all.filter((c) => c.cohort === 'in-need')
    const lookedAfter = inNeed.filter((c) => c.care.length > 0).length / inNeed.length
    const onPlan = inNeed.filter((c) => c.referrals.some((r) => r.cpPlans.length > 0)).length / inNeed.length
    const referrals = inNeed.flatMap((c) => c.referrals).filter((r) => r.referralDate >= year.start)
    const reReferred = referrals.filter((r) => r.reReferral).length / referrals.length
    const assessments = inNeed.flatMap((c) =>
      c.referrals.flatMap((r) => r.assessments.map((a) => ({ r, a }))),
    )
    // England: about 16% of children in need are looked after in the year, ~14% on a CP plan,
    // one referral in five a re-referral; contacts run at several per child in need.
    expect(lookedAfter).toBeGreaterThan(0.1)
    expect(lookedAfter).toBeLessThan(0.25)
    expect(onPlan).toBeGreaterThan(0.07)
    expect(onPlan).toBeLessThan(0.2)
    expect(reReferred).toBeGreaterThan(0.05)
    expect(reReferred).toBeLessThan(0.3)
    expect(assessments.length).toBeGreaterThan(inNeed.length * 0.8)
    const contacts = all.reduce((n, c) => n + c.contacts.length, 0)
    expect(contacts / inNeed.length).toBeGreaterThan(3)
  })

  it('allocates from teams of 6 to 10 workers', () => {
    const workforce = buildWorkforce({ seed: 'teams', children: 3000 })
    for (const team of workforce.teams) {
      expect(team.workerIds.length).toBeGreaterThanOrEqual(6)
      expect(team.workerIds.length).toBeLessThanOrEqual(10)
    }
    const ids = new Set(workforce.staff.map((s) => s.id))
    expect(ids.size).toBe(workforce.staff.length)
    for (const c of children('teams', 50, { contactOnly: false })) {
      for (const r of c.referrals) expect(ids.has(r.workerId)).toBe(true)
      for (const s of c.socialWorkers) expect(s.workerId).toMatch(/^SW\d+$/)
    }
  })

  it('gives families parents and siblings, and some children who are not yet born', () => {
    const families = [...generateFamilies({ seed: 'families', children: 400, year, contactOnly: false })]
    expect(families.some((f) => f.children.length > 1)).toBe(true)
    expect(families.some((f) => f.adults.some((a) => a.role === 'mother'))).toBe(true)
    const unborn = families.flatMap((f) => f.children).filter((c) => c.expectedDateOfBirth !== null)
    expect(unborn.length).toBeGreaterThan(0)
  })
})
