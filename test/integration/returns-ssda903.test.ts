/**
 * SSDA903 validation with the database: the placement facts come from the postcode table, which
 * on first run holds the synthetic postcodes, enough for every postcode the synthetic returns use.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { command } from '../../src/cli/commands/returns.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { NO_HITS } from '../../src/modules/returns/engine.js'
import {
  loadSyntheticPostcodesIfEmpty,
  postcodeLookup,
} from '../../src/modules/returns/ssda903/postcode-store.js'
import type { AnySsda903Rule, PlacementFacts } from '../../src/modules/returns/ssda903/rule.js'
import { ssda903RuleSetsFrom } from '../../src/modules/returns/ssda903/rule-sets.js'
import { validateSsda903Files } from '../../src/modules/returns/ssda903/validate.js'
import { writeSyntheticReturns } from '../../src/modules/synth/write.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { openTestDatabase } from '../support/test-database.js'

let database: OpenDatabase
let dir: string

beforeAll(async () => {
  database = await openTestDatabase()
  await loadSyntheticPostcodesIfEmpty(database.db)
  dir = mkdtempSync(join(tmpdir(), 'haven-ssda903-db-'))
  await writeSyntheticReturns({
    seed: 'postcodes',
    children: 400,
    year: parseCollectionYear('2025/26'),
    out: dir,
  })
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterAll(async () => {
  await database.close()
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

describe('SSDA903 placement facts from the postcode table', () => {
  it('knows every postcode of a synthetic return, and places the authority’s own sectors in area', async () => {
    const facts: PlacementFacts[] = []
    const probe: AnySsda903Rule = {
      code: 'probe',
      type: 'query',
      message: 'probe',
      affects: [{ table: 'Episodes', fields: ['HOME_POST', 'PL_POST'] }],
      check(child, ctx) {
        for (const e of child.current.Episodes) facts.push(ctx.header.placement(e))
        return NO_HITS
      },
    }
    const result = await validateSsda903Files({ dir: join(dir, 'ssda903') }, '2025/26', {
      rules: ssda903RuleSetsFrom([probe]).forYear('2025/26'),
      laCode: 'E06000034',
      postcodes: postcodeLookup(database.db),
    })
    expect(result.children).toBeGreaterThan(20)
    expect(facts.length).toBeGreaterThan(20)
    expect(facts.flatMap((f) => f.unknownPostcodes)).toEqual([])
    expect(facts.some((f) => f.location === 'IN')).toBe(true)
    expect(facts.some((f) => f.location === 'OUT')).toBe(true)
    expect(facts.every((f) => f.distance === null || f.distance < 200)).toBe(true)
  })

  it('the command uses the database unless told not to', async () => {
    vi.stubEnv('HAVEN_DATA_DIR', 'memory://')
    try {
      const out = join(dir, 'report.json')
      const code = await command.run([
        'validate',
        '--ssda903',
        join(dir, 'ssda903'),
        '--year',
        '2025/26',
        '--out',
        out,
      ])
      // The database it opens is the one DATABASE_URL names, whose postcode table other tests may
      // have reloaded: what this test asks is that the postcode rules ran, not what they found.
      expect([0, 1]).toContain(code)
      const report = JSON.parse(readFileSync(out, 'utf8')) as {
        summary: { children: number }
        notRun: { code: string; reason: string }[]
      }
      expect(report.summary.children).toBeGreaterThan(20)
      expect(report.notRun.filter((r) => r.reason.includes('a postcode reference'))).toEqual([])
    } finally {
      vi.unstubAllEnvs()
    }
  })
})
