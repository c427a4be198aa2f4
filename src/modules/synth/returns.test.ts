import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../returns/collection-year.js'
import { generateChildren, type Child } from './population.js'
import {
  DEFECT_KINDS,
  RowNumbers,
  buildCinChild,
  childReturnText,
  cinText,
  previousYear,
  ssda903Text,
} from './returns.js'

const year = parseCollectionYear('2025/26')
const population = [...generateChildren({ seed: 'returns', children: 1500, year, contactOnly: false })]
const inAnyReturn = (c: Child): boolean =>
  cinText(c, year) !== null || (ssda903Text(c, year).Header?.length ?? 0) > 0

describe('defects', () => {
  it('leaves a clean return clean', () => {
    const texts = population.map((c) => childReturnText(c, { year, laCode: '883', seed: 'returns' }))
    expect(texts.filter((t) => t.defects.length > 0)).toHaveLength(0)
  })

  it.each([0.05, 0.2, 0.5])('gives about %f of the children a defect', (rate) => {
    const candidates = population.filter(inAnyReturn)
    const texts = candidates.map((c) =>
      childReturnText(c, { year, laCode: '883', seed: 'returns', defects: rate }),
    )
    const share = texts.filter((t) => t.defects.length > 0).length / candidates.length
    expect(share).toBeGreaterThan(rate * 0.75)
    expect(share).toBeLessThan(rate * 1.25)
  })

  it('uses every kind of defect, and the same children for the same seed', () => {
    const run = () =>
      population.map((c) => childReturnText(c, { year, laCode: '883', seed: 'returns', defects: 1 }).defects)
    const first = run()
    expect(new Set(first.flat())).toEqual(new Set(DEFECT_KINDS))
    expect(run()).toEqual(first)
  })

  it('duplicates a child in the CIN census when it says so', () => {
    const texts = population.map((c) =>
      childReturnText(c, { year, laCode: '883', seed: 'returns', defects: 1 }),
    )
    const dup = texts.find((t) => t.defects.includes('duplicate-child') && t.cin.length > 0)!
    expect(dup.cin).toHaveLength(2)
    expect(dup.cin[1]!.identifiers.LAchildID).toBe(dup.cin[0]!.identifiers.LAchildID)
  })
})

describe('what the returns include', () => {
  it('puts a child in the CIN census only for episodes open in the year', () => {
    for (const c of population) {
      const text = cinText(c, year)
      if (!text) continue
      for (const e of text.episodes) {
        expect(e.fields.CINreferralDate! <= year.end).toBe(true)
        if (e.fields.CINclosureDate !== undefined) expect(e.fields.CINclosureDate >= year.start).toBe(true)
        for (const a of e.assessments) {
          const end = a.fields.AssessmentAuthorisationDate
          if (end !== undefined) expect(end >= year.start, c.laChildId).toBe(true)
        }
      }
    }
  })

  it('leaves a child whose only episode closed before the year out of the census', () => {
    const c = structuredClone(population.find((x) => cinText(x, year) !== null && x.referrals.length === 1)!)
    const r = c.referrals[0]!
    r.referralDate = '2024-05-01'
    r.closureDate = '2025-03-30'
    r.closureReason = 'RC7'
    expect(cinText(c, year)).toBeNull()
    r.closureDate = '2025-04-01'
    expect(cinText(c, year)).not.toBeNull()
  })

  it('puts looked-after children in SSDA903, with last year as it stood then', () => {
    const lac = population.filter((c) =>
      c.care.some((e) => e.start < year.start && (e.end === null || e.end >= year.start)),
    )
    expect(lac.length).toBeGreaterThan(0)
    for (const c of lac) {
      expect(ssda903Text(c, year).Header).toHaveLength(1)
      const last = ssda903Text(c, previousYear(year), false)
      for (const e of last.Episodes ?? []) {
        const [d, m, y] = (e.DECOM ?? '').split('/')
        expect(`${y}-${m}-${d}` <= '2025-03-31').toBe(true)
        if (e.DEC) {
          const [dd, mm, yy] = e.DEC.split('/')
          expect(`${yy}-${mm}-${dd}` <= '2025-03-31').toBe(true)
        }
      }
      expect(last.OC2).toBeUndefined()
    }
  })

  it('builds the CIN model as the reader would, with rows numbered across the return', () => {
    const rows = new RowNumbers()
    const built = population
      .map((c) => cinText(c, year))
      .filter((t) => t !== null)
      .slice(0, 3)
      .map((t) => buildCinChild(t, rows))
    expect(built.map((c) => c.row)).toEqual([0, 1, 2])
    expect(built[1]!.cinDetails[0]!.row).toBe(built[0]!.cinDetails.length)
  })
})

describe('SSDA903 episodes as the DfE rules read them', () => {
  const episodes = population.flatMap((c) => ssda903Text(c, year).Episodes ?? [])

  it('records why a placement changed on the episode that ended with the change (225, 233)', () => {
    expect(episodes.some((e) => e.REASON_PLACE_CHANGE)).toBe(true)
    for (const e of episodes) if (e.REASON_PLACE_CHANGE) expect(e.REC).toBe('X1')
  })

  it('starts placements with current foster carers as adopters with a change of legal status too (217, 335)', () => {
    const adoptive = episodes.filter((e) => e.PLACE === 'A3' || e.PLACE === 'A5')
    for (const e of adoptive) expect(['S', 'T', 'U']).toContain(e.RNE)
    const withCarers = new Set(adoptive.map((e) => e.CHILD))
    for (const c of population) {
      const ad1 = ssda903Text(c, year).AD1?.[0]
      if (ad1) expect(ad1.FOSTER_CARE === '1', c.laChildId).toBe(withCarers.has(c.laChildId))
    }
  })

  it('ends police protection within 72 hours (361)', () => {
    for (const c of population) {
      for (const e of c.care) {
        if (e.legalStatus !== 'L1' || e.end === null) continue
        const hours = (Date.parse(e.end) - Date.parse(e.start)) / 3_600_000
        expect(hours, c.laChildId).toBeLessThanOrEqual(72)
      }
    }
  })

  it('asks no SDQ of children under 4 at the end of the year or 17 at its start (188, 189)', () => {
    for (const c of population) {
      const oc2 = ssda903Text(c, year).OC2?.[0]
      if (!oc2 || !c.dateOfBirth) continue
      const under4 = c.dateOfBirth > '2022-03-31'
      const over16 = c.dateOfBirth <= '2008-04-01'
      if (under4 || over16) expect([oc2.SDQ_SCORE, oc2.SDQ_REASON]).toEqual(['', ''])
    }
  })

  it('places no child in their home sector unless with parents (392d)', () => {
    for (const e of episodes) if (e.PLACE !== 'P1') expect(e.PL_POST).not.toBe(e.HOME_POST)
    expect(episodes.some((e) => e.PLACE === 'P1' && e.PL_POST === e.HOME_POST)).toBe(true)
  })
})
