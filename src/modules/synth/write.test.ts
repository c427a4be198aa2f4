import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../returns/collection-year.js'
import { validateCinFile } from '../returns/cin/validate.js'
import { readCinAll, readCinFile } from '../returns/cin/xml-read.js'
import { SSDA903_TABLES, rowsOf } from '../returns/ssda903/model.js'
import { readSsda903 } from '../returns/ssda903/read.js'
import { checkSsda903 } from './ssda903-check.js'
import { writeSyntheticReturns } from './write.js'

const year = parseCollectionYear('2025/26')
const root = mkdtempSync(join(tmpdir(), 'haven-synth-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.set(relative(dir, p), readFileSync(p))
    }
  }
  walk(dir)
  return out
}

describe('haven synth returns, end to end', () => {
  it('writes a 50-child return that the returns readers read back whole', async () => {
    const out = join(root, 'a')
    const summary = await writeSyntheticReturns({ seed: 'e2e', children: 50, year, out })
    expect(summary.cinChildren).toBe(50)

    const cin = await readCinAll(readCinFile(join(out, 'cin-census.xml')))
    expect(cin.problems).toEqual([])
    expect(cin.children).toHaveLength(50)
    expect(cin.header.ReferenceDate).toBe('2026-03-31')

    const csv = await readSsda903({ dir: join(out, 'ssda903'), previous: join(out, 'ssda903', 'previous') })
    expect(csv.problems).toEqual([])
    expect(csv.model.current.Header ?? []).toHaveLength(summary.ssda903Children)
    expect(csv.model.previous?.Header ?? []).toHaveLength(summary.ssda903PreviousChildren)
    expect((csv.model.current.Episodes ?? []).length).toBeGreaterThan(0)

    // The XML form carries the same rows as the CSV files.
    const xml = await readSsda903({ files: [join(out, 'ssda903-xml', 'ssda903.xml')] })
    expect(xml.problems).toEqual([])
    expect(summary.xmlProblems).toEqual([])
    for (const table of SSDA903_TABLES) {
      const texts = (rows: { text: unknown }[] | undefined) => (rows ?? []).map((r) => r.text)
      expect(texts(rowsOf(xml.model.current, table)), table).toEqual(texts(rowsOf(csv.model.current, table)))
    }
  })

  it('passes the CIN rules when clean, and fails them with defects', async () => {
    const clean = join(root, 'clean')
    await writeSyntheticReturns({ seed: 'rules', children: 300, year, out: clean })
    const ok = await validateCinFile(join(clean, 'cin-census.xml'), year.label)
    expect(ok.findings.filter((f) => f.type === 'error')).toEqual([])
    expect(ok.couldNotEvaluate).toBe(0)

    const dirty = join(root, 'dirty')
    const summary = await writeSyntheticReturns({
      seed: 'rules',
      children: 300,
      year,
      out: dirty,
      defects: 0.2,
    })
    expect(summary.childrenWithDefects).toBeGreaterThan(20)
    const bad = await validateCinFile(join(dirty, 'cin-census.xml'), year.label)
    expect(bad.errors).toBeGreaterThan(0)
  })

  it('writes SSDA903 files, CSV and XML, that pass the SSDA903 rules when read back', async () => {
    const out = join(root, 'ssda903-rules')
    const summary = await writeSyntheticReturns({ seed: 'rules-903', children: 2000, year, out })
    expect(summary.ssda903Children).toBeGreaterThan(300)
    const csv = await readSsda903({ dir: join(out, 'ssda903'), previous: join(out, 'ssda903', 'previous') })
    const xml = await readSsda903({
      files: [join(out, 'ssda903-xml', 'ssda903.xml')],
      previous: [join(out, 'ssda903-xml', 'ssda903.previous.xml')],
    })
    for (const read of [csv, xml]) {
      expect(read.problems).toEqual([])
      const result = await checkSsda903(read.model, year)
      const errors = result.findings.filter((f) => f.type === 'error')
      expect(errors.map((f) => `${f.code} ${f.childId}`)).toEqual([])
      expect(result.couldNotEvaluate).toBe(0)
    }
  })

  it.each([
    ['2025/26', false],
    ['2026/27', true],
  ])('writes the DoLo table in %s: %s (the DfE asks for it from 2026/27)', async (label, expected) => {
    const out = join(root, `dolo-${label.replace('/', '-')}`)
    const summary = await writeSyntheticReturns({
      seed: 'dolo',
      children: 5,
      year: parseCollectionYear(label),
      out,
    })
    expect(summary.files.some((f) => f.endsWith('dolo.csv'))).toBe(expected)
    const cin = await readCinAll(readCinFile(join(out, 'cin-census.xml')))
    expect(cin.header.ReferenceDate).toBe(`${Number(label.slice(0, 4)) + 1}-03-31`)
  })

  it('writes the same bytes for the same seed, and different ones for another', async () => {
    await writeSyntheticReturns({ seed: 'bytes', children: 40, year, out: join(root, 'b1') })
    await writeSyntheticReturns({ seed: 'bytes', children: 40, year, out: join(root, 'b2') })
    await writeSyntheticReturns({ seed: 'bytes2', children: 40, year, out: join(root, 'b3') })
    const first = files(join(root, 'b1'))
    expect(files(join(root, 'b2'))).toEqual(first)
    expect(files(join(root, 'b3')).get('cin-census.xml')).not.toEqual(first.get('cin-census.xml'))
  })
})
