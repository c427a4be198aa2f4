import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../returns/collection-year.js'
import { generateChildren, type Child } from './population.js'
import { RowNumbers, buildCinChild, cinText, cinXmlSourceOf } from '../returns/cin/census.js'
import { cinChildXml } from '../returns/cin/xml-write.js'
import { DEFECT_KINDS, childReturnText, previousYear, ssda903Text, type Ssda903Text } from './returns.js'

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

describe('SSDA903 as a real authority would return it (issue 13)', () => {
  const texts = population.map((c) => ({ child: c, text: ssda903Text(c, year) }))
  const rows = <T extends keyof Ssda903Text>(table: T) => texts.flatMap((t) => t.text[table] ?? [])

  it('gives every social worker episode a reason, and reports them only for children looked after at 31 March', () => {
    const sw = rows('SWEpisodes')
    expect(sw.length).toBeGreaterThan(100)
    for (const s of sw) expect(s.SW_REASON, s.CHILD).toMatch(/^[A-Z]{6}$/)
    for (const { child, text } of texts) {
      const episodes = text.Episodes ?? []
      const open = episodes.length > 0 && episodes[episodes.length - 1]!.DEC === ''
      expect((text.SWEpisodes ?? []).length > 0, child.laChildId).toBe(open)
      if (open)
        expect(
          text.SWEpisodes!.some((s) => s.SW_DEC === ''),
          child.laChildId,
        ).toBe(true)
    }
  })

  it('reports the social worker of the referral a child came into care from, before care began (SW12STG2)', () => {
    let seen = 0
    for (const { child, text } of texts) {
      const sw = text.SWEpisodes ?? []
      const start = text.Episodes?.find((e) => e.RNE === 'S')?.DECOM
      if (sw.length === 0 || !start) continue
      const iso = `${start.slice(6)}-${start.slice(3, 5)}-${start.slice(0, 2)}`
      const from = child.referrals.find(
        (r) => r.referralDate < iso && (r.closureDate === null || r.closureDate >= iso),
      )
      if (!from || iso < year.start) continue
      seen++
      const first = sw[0]!
      expect([first.SW_ID, first.SW_REASON, first.SW_DEC], child.laChildId).toEqual([
        from.workerId,
        'FCONTA',
        start,
      ])
      expect(sw[1]?.SW_REASON, child.laChildId).toBe('TSPROC')
    }
    expect(seen).toBeGreaterThan(0)
  })

  it('leaves MOTHER blank for care leavers not looked after in the year, and gives it for girls who were', () => {
    for (const { text } of texts) {
      const header = text.Header?.[0]
      if (!header) continue
      const lookedAfter = (text.Episodes ?? []).length > 0
      if (!lookedAfter) expect([header.MOTHER, header.MC_DOB]).toEqual(['', ''])
      else if (header.SEX === 'F') expect(['0', '1']).toContain(header.MOTHER)
    }
    expect(texts.some((t) => t.text.OC3 && !t.text.Episodes)).toBe(true)
  })

  it('places children with parents only under a care order, and never moves them from home to home', () => {
    const episodes = rows('Episodes')
    expect(episodes.some((e) => e.PLACE === 'P1')).toBe(true)
    for (const e of episodes) if (e.PLACE === 'P1') expect(['C1', 'C2', 'E1']).toContain(e.LS)
    for (const { text } of texts) {
      const list = text.Episodes ?? []
      for (let i = 1; i < list.length; i++) {
        const [before, after] = [list[i - 1]!, list[i]!]
        if (after.RNE !== 'P') continue
        expect(before.PLACE === 'P1' && after.PLACE === 'P1', after.CHILD).toBe(false)
        const changed = (['PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'] as const).some(
          (f) => before[f] !== after[f],
        )
        expect(changed, after.CHILD).toBe(true)
      }
    }
  })

  it('ends care with a special guardianship order to former foster carers only from foster care (E45, E46)', () => {
    const ended = rows('Episodes').filter((e) => e.REC === 'E45' || e.REC === 'E46')
    for (const e of ended) expect(e.PLACE, e.CHILD).toMatch(e.REC === 'E45' ? /^U[1-3]$/ : /^U[4-6]$/)
  })

  it('asks whether an intervention was offered only when none was received', () => {
    const oc2 = rows('OC2').filter((o) => o.SUBSTANCE_MISUSE === '1')
    expect(oc2.length).toBeGreaterThan(0)
    for (const o of oc2) {
      if (o.INTERVENTION_RECEIVED === '1') expect(o.INTERVENTION_OFFERED).toBe('')
      else expect(o.INTERVENTION_OFFERED).toBe('1')
    }
  })

  it('names the authority of a previous permanence order, and none for Z1', () => {
    const perm = rows('PrevPerm')
    expect(perm.length).toBeGreaterThan(0)
    for (const p of perm) {
      if (p.PREV_PERM === 'Z1') expect([p.LA_PERM, p.DATE_PERM]).toEqual(['', ''])
      else expect(p.LA_PERM).toMatch(/^\d{3}$/)
    }
  })

  it('asks no care leaver information of those looked after on, or leaving care on, their 17th or 18th birthday', () => {
    for (const { child, text } of texts) {
      if (!text.OC3 || !child.dateOfBirth) continue
      const left = child.care.at(-1)?.end
      for (const age of [17, 18]) {
        const birthday = `${Number(child.dateOfBirth.slice(0, 4)) + age}${child.dateOfBirth.slice(4)}`
        if (birthday < year.start || birthday > year.end) continue
        expect(left === null || left === undefined || left >= birthday, child.laChildId).toBe(false)
      }
    }
  })

  it('gives full postcodes (district and unit), as the DfE derives distance and area from them', () => {
    for (const e of rows('Episodes')) {
      expect(e.HOME_POST).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/)
      expect(e.PL_POST).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/)
    }
  })
})

describe('the CIN census written from text', () => {
  it('is the same XML as written from the model built from it, defects and all', () => {
    const texts = population.flatMap(
      (c) => childReturnText(c, { year, laCode: '883', seed: 'returns', defects: 0.5 }).cin,
    )
    expect(texts.length).toBeGreaterThan(100)
    const rows = new RowNumbers()
    for (const t of texts) expect(cinChildXml(cinXmlSourceOf(t))).toBe(cinChildXml(buildCinChild(t, rows)))
  })
})
