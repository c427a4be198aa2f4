import { describe, expect, it } from 'vitest'
import { NO_HITS, hit } from '../engine.js'
import { UnknownCollectionYearError } from '../engine.js'
import type { Ssda903Return } from './model.js'
import {
  collectPostcodes,
  distanceMiles,
  placementFacts,
  placementResolver,
  pointFinder,
  postcodeKey,
  rememberingPointFinder,
  type PostcodePoint,
} from './placement.js'
import type { Ssda903Read } from './read.js'
import type { AnySsda903Rule, PlacementFacts } from './rule.js'
import { DOLO_RULE_CODES, ssda903RuleSets, ssda903RuleSetsFrom } from './rule-sets.js'
import { testReturn } from './test-return.js'
import { makeRow } from './model.js'
import { validateSsda903 } from './validate.js'

function readOf(model: Ssda903Return): Ssda903Read {
  return { model, problems: [], sources: { current: {}, previous: {} } }
}

/** A rule that reports every episode, so a test can see what the rule was given. */
function probe(code: string, tables: AnySsda903Rule['affects'], seen?: PlacementFacts[]): AnySsda903Rule {
  return {
    code,
    type: 'error',
    message: `probe ${code}`,
    affects: tables,
    check(child, ctx) {
      if (!seen)
        return child.current.Episodes.length > 0
          ? [hit('Episodes', child.current.Episodes[0]!, ['CHILD'])]
          : NO_HITS
      for (const e of child.current.Episodes) seen.push(ctx.header.placement(e))
      return NO_HITS
    },
  }
}

describe('placement facts', () => {
  const points = new Map<string, PostcodePoint>([
    ['ZZ11AA', { easting: 560000, northing: 180000, la: 'E06000034' }],
    ['ZZ22BB', { easting: 563000, northing: 184000, la: 'E10000012' }],
    ['ZZ33CC', { easting: 330000, northing: 670000, la: 'S12000036' }],
    ['ZZ44DD', { easting: null, northing: null, la: 'E06000034' }],
  ])
  const episode = (home: string, placed: string) =>
    makeRow('Episodes', { CHILD: 'C1', HOME_POST: home, PL_POST: placed }, { file: 'e.csv', row: 0 })

  it('measures the straight line in miles, to one decimal place', () => {
    // 3,000 m east and 4,000 m north: 5 km, 3.107 miles.
    expect(distanceMiles({ easting: 0, northing: 0 }, { easting: 3000, northing: 4000 })).toBe(3.1)
    expect(distanceMiles({ easting: 0, northing: 0 }, { easting: 0, northing: 0 })).toBe(0)
    // 1,609.3 m is one mile exactly.
    expect(distanceMiles({ easting: 0, northing: 0 }, { easting: 1609.3, northing: 0 })).toBe(1)
  })

  it.each([
    ['in area', 'ZZ1 1AA', 'zz1 1aa', 0, 'E06000034', 'IN', []],
    ['out of area', 'ZZ1 1AA', 'ZZ2 2BB', 3.1, 'E10000012', 'OUT', []],
    ['in Scotland', 'ZZ1 1AA', 'ZZ3 3CC', 336.4, 'SCO', 'OUT', []],
    ['home postcode unknown', 'ZZ9 9ZZ', 'ZZ2 2BB', null, 'E10000012', 'OUT', ['ZZ9 9ZZ']],
    ['placement postcode unknown', 'ZZ1 1AA', 'ZZ9 9ZZ', null, null, null, ['ZZ9 9ZZ']],
    ['no grid reference', 'ZZ1 1AA', 'ZZ4 4DD', null, 'E06000034', 'IN', []],
    ['no postcodes', '', '', null, null, null, []],
  ])('%s', (_, home, placed, distance, la, location, unknown) => {
    expect(placementFacts(episode(home, placed), points, 'E06000034')).toEqual({
      distance,
      la,
      location,
      unknownPostcodes: unknown,
    })
  })

  it('leaves the distance blank for the episodes `noDistance` names (children who are or were UASC)', () => {
    const e = episode('ZZ1 1AA', 'ZZ2 2BB')
    expect(placementResolver(points, 'E06000034')(e).distance).toBe(3.1)
    expect(placementResolver(points, 'E06000034', () => true)(e)).toEqual({
      distance: null,
      la: 'E10000012',
      location: 'OUT',
      unknownPostcodes: [],
    })
  })

  it('leaves in or out of area unknown when the reporting LA is not known', () => {
    expect(placementFacts(episode('ZZ1 1AA', 'ZZ2 2BB'), points, null).location).toBeNull()
  })

  it("collects the whole postcodes of both years' episodes, each once, and no partial ones", () => {
    const ret: Ssda903Return = {
      current: { Episodes: [episode('ZZ1 1AA', 'zz2 2bb'), episode('ZZ1 1AA', 'ZZ2 2'), episode('', '')] },
      previous: { Episodes: [episode('ZZ3 3CC', 'ZZ11AA')] },
    }
    expect([...collectPostcodes(ret)].sort()).toEqual(['ZZ11AA', 'ZZ22BB', 'ZZ33CC'])
    expect(collectPostcodes({ current: {} }).size).toBe(0)
  })

  it('matches postcodes without regard to spaces or case', () => {
    expect(postcodeKey(' rm17  6')).toBe('RM176')
  })

  it.each([
    ['a whole postcode', 'ZZ2 2BB', 'E10000012'],
    ['written without its space', 'ZZ22BB', 'E10000012'],
    ['not in the reference', 'ZZ9 9ZZ', undefined],
    ['partial, though its sector is held', 'ZZ2 2', undefined],
  ])('finds the point of %s, and remembers it', (_, postcode, la) => {
    const withSector = new Map<string, PostcodePoint>([
      ...points,
      ['ZZ22', { easting: 1, northing: 1, la: 'E10000012' }],
    ])
    const remembering = rememberingPointFinder(withSector)
    expect(pointFinder(withSector)(postcode)?.la).toBe(la)
    expect(remembering(postcode)?.la).toBe(la)
    expect(remembering(postcode)?.la).toBe(la)
  })
})

describe('SSDA903 rule sets', () => {
  const rules = [probe('101', []), probe('700', []), probe('710', []), probe('1000', [])]

  it('runs the DoLo rules from 2026/27 only', () => {
    const sets = ssda903RuleSetsFrom(rules)
    expect(sets.forYear('2026/27').codes()).toEqual(['101', '700', '710', '1000'])
    expect(sets.forYear('2025/26').codes()).toEqual(['101', '1000'])
    expect(DOLO_RULE_CODES).toHaveLength(11)
  })

  it('refuses a year it has no rules for', () => {
    expect(() => ssda903RuleSets.forYear('2019/20')).toThrow(UnknownCollectionYearError)
  })
})

describe('validateSsda903', () => {
  it('runs the registered rules over each child of the test return', async () => {
    const result = await validateSsda903(readOf({ current: testReturn() }), '2026/27')
    expect(result.returnName).toBe('SSDA903')
    expect(result.children).toBe(3)
    expect(result.rules).toContain('102')
    // The test return is made to exercise the file formats, not to pass: what matters here is
    // that every rule ran on every child without failing.
    expect(result.couldNotEvaluate).toBe(0)
  })

  it('runs a rule only when the tables it names were supplied', async () => {
    const tables = testReturn()
    delete tables.Missing
    const set = ssda903RuleSetsFrom([
      probe('1', [{ table: 'Episodes', fields: ['CHILD'] }]),
      probe('2', [{ table: 'Missing', fields: ['CHILD'] }]),
      probe('3', [{ table: 'Episodes_last', fields: ['CHILD'] }]),
      probe('4', [{ table: 'ProviderInfo', fields: ['URN'] }]),
    ]).forYear('2025/26')
    const without = await validateSsda903(readOf({ current: tables }), '2025/26', { rules: set })
    expect(without.rules).toEqual(['1'])
    expect(without.notRun).toEqual([
      { code: '2', reason: 'not supplied: Missing' },
      { code: '3', reason: "not supplied: last year's Episodes" },
      { code: '4', reason: 'not supplied: the Ofsted provider list' },
    ])
    const withPrevious = await validateSsda903(
      readOf({ current: tables, previous: testReturn() }),
      '2025/26',
      {
        rules: set,
        providers: async () => new Map(),
      },
    )
    expect(withPrevious.rules).toEqual(['1', '3', '4'])
    expect(withPrevious.counts.find((c) => c.code === '3')?.children).toBe(3)
  })

  it('looks up only the postcodes the episodes use, once, and gives rules the facts', async () => {
    const asked: string[][] = []
    const seen: PlacementFacts[] = []
    const set = ssda903RuleSetsFrom([probe('1', [{ table: 'Episodes', fields: ['PL_POST'] }], seen)]).forYear(
      '2025/26',
    )
    await validateSsda903(readOf({ current: testReturn() }), '2025/26', {
      rules: set,
      laCode: 'E06000034',
      postcodes: async (keys) => {
        asked.push([...keys].sort())
        return new Map([
          ['ZZ11AA', { easting: 560000, northing: 180000, la: 'E06000034' }],
          ['ZZ22BB', { easting: 560000, northing: 181609, la: 'E06000034' }],
        ])
      },
    })
    expect(asked).toEqual([['ZZ11AA', 'ZZ19ZZ', 'ZZ22BB', 'ZZ33CC', 'ZZ44DD']])
    expect(seen[0]).toEqual({ distance: 1, la: 'E06000034', location: 'IN', unknownPostcodes: [] })
    expect(seen.some((f) => f.unknownPostcodes.includes('ZZ3 3CC'))).toBe(true)
  })

  it('without a postcode reference, every postcode is unknown', async () => {
    const seen: PlacementFacts[] = []
    const set = ssda903RuleSetsFrom([probe('1', [{ table: 'Episodes', fields: ['PL_POST'] }], seen)]).forYear(
      '2025/26',
    )
    await validateSsda903(readOf({ current: testReturn() }), '2025/26', { rules: set })
    expect(seen.every((f) => f.distance === null && f.la === null)).toBe(true)
    expect(seen[0]?.unknownPostcodes).toEqual(['ZZ1 1AA', 'ZZ2 2BB'])
  })

  it('reports rows with a blank CHILD and passes the reader’s problems on', async () => {
    const tables = testReturn()
    tables.Episodes!.push(
      makeRow('Episodes', { CHILD: '  ', DECOM: '01/06/2025' }, { file: 'episodes.csv', row: 9, line: 11 }),
    )
    const read = readOf({ current: tables })
    read.problems.push(
      { severity: 'warning', file: 'notes.txt', message: 'not a CSV or XML file, so not read' },
      { severity: 'error', file: 'uasc.csv', line: 3, column: 'DUC', message: 'a cell is missing' },
    )
    const result = await validateSsda903(read, '2025/26')
    expect(result.readProblems).toEqual([
      {
        file: 'notes.txt',
        line: 0,
        element: '',
        message: 'Warning: not a CSV or XML file, so not read',
        warning: true,
      },
      { file: 'uasc.csv', line: 3, element: 'DUC', message: 'a cell is missing' },
      {
        file: 'episodes.csv',
        line: 11,
        element: 'Episodes CHILD',
        message: 'a row with a blank CHILD: it belongs to no child, so no rule checked it',
      },
    ])
    expect(result.children).toBe(3)
  })
})

describe('validateSsda903 refuses', () => {
  it('a return of which nothing could be read', async () => {
    const read = readOf({ current: {} })
    read.problems.push({ severity: 'error', file: 'header.xlsx', message: 'this is not a text file' })
    await expect(validateSsda903(read, '2025/26')).rejects.toThrow(
      /no SSDA903 table could be read for this year \(header.xlsx: this is not a text file\)/,
    )
  })
})

describe('validateSsda903 and the provider list', () => {
  const urnRule = (seen: (string | null)[]): AnySsda903Rule => ({
    code: 'urn',
    type: 'error',
    message: 'urn',
    affects: [{ table: 'ProviderInfo', fields: ['URN'] }],
    check(child, ctx) {
      for (const e of child.current.Episodes) seen.push(ctx.header.provider(e.URN)?.la ?? null)
      return NO_HITS
    },
  })

  it('looks up the URNs the episodes give, once, and hands rules the entries', async () => {
    const seen: (string | null)[] = []
    const asked: string[][] = []
    const result = await validateSsda903(readOf({ current: testReturn() }), '2025/26', {
      rules: ssda903RuleSetsFrom([urnRule(seen)]).forYear('2025/26'),
      providers: async (urns) => {
        asked.push([...urns].sort())
        return new Map([
          [
            'SC000001',
            {
              urn: 'SC000001',
              postcode: null,
              la: 'E06000034',
              registered: null,
              closed: null,
              placeCodes: [],
              providerCodes: [],
            },
          ],
        ])
      },
    })
    expect(result.notRun).toEqual([])
    expect(asked).toHaveLength(1)
    expect(asked[0]).toContain('SC000001')
    expect(seen).toContain('E06000034')
    expect(seen).toContain(null)
  })

  it('does not run the provider rules when no list was loaded', async () => {
    const seen: (string | null)[] = []
    const result = await validateSsda903(readOf({ current: testReturn() }), '2025/26', {
      rules: ssda903RuleSetsFrom([urnRule(seen)]).forYear('2025/26'),
      providers: async () => null,
    })
    expect(result.notRun).toEqual([{ code: 'urn', reason: 'not supplied: the Ofsted provider list' }])
    expect(seen).toEqual([])
  })
})

describe('validateSsda903 and partial postcodes', () => {
  it('looks up only full postcodes: a sector the reference holds does not stand in for a partial one', async () => {
    const tables = testReturn()
    const first = tables.Episodes![0]!
    tables.Episodes![0] = makeRow(
      'Episodes',
      { ...first.text, HOME_POST: 'zz1 1', PL_POST: 'ZZ2 2BB' },
      { file: 'episodes.csv', row: 0, line: 2 },
    )
    const asked: string[] = []
    const result = await validateSsda903(readOf({ current: tables }), '2025/26', {
      rules: ssda903RuleSetsFrom(
        ssda903RuleSets.forYear('2025/26').rules.filter((r) => r.code === '392c'),
      ).forYear('2025/26'),
      postcodes: async (keys) => {
        asked.push(...keys)
        // A reference holding sectors as well as postcodes (as the loaded ONS directory does).
        const point = { easting: 560000, northing: 180000, la: 'E06000034' }
        return new Map([...keys, 'ZZ11'].map((k) => [k, point]))
      },
    })
    expect(asked).not.toContain('ZZ11')
    expect(asked).toContain('ZZ22BB')
    expect(result.findings).toMatchObject([
      { code: '392c', row: 0, fields: ['HOME_POST'], detail: 'not a full postcode: ZZ1 1' },
    ])
  })
})
