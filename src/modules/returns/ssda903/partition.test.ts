import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { childOf, makeRow, SSDA903_TABLES, type AnySsda903Row, type Ssda903Tables } from './model.js'
import { partOf, partitionSsda903, partsFor } from './partition.js'
import { readSsda903, writeSsda903Csv, writeSsda903Xml } from './read.js'
import { testReturn } from './test-return.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haven-partition-test-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Every row of a set of tables, in table order then row order. */
const rowsIn = (tables: Ssda903Tables | undefined): AnySsda903Row[] =>
  SSDA903_TABLES.flatMap((t) => (tables?.[t] ?? []) as AnySsda903Row[])

const lastYear = (): Ssda903Tables => ({
  Header: [makeRow('Header', { CHILD: 'HV1001', SEX: '1', DOB: '01/02/2012' }, { file: 'h', row: 0 })],
  Episodes: [
    makeRow(
      'Episodes',
      { CHILD: 'HV1001', DECOM: '03/05/2024', RNE: 'S', LS: 'C1', PLACE: 'U6' },
      { file: 'e', row: 0 },
    ),
    makeRow('Episodes', { CHILD: 'HV2002', DECOM: 'not a date', RNE: 'S' }, { file: 'e', row: 1 }),
  ],
})

describe('partitionSsda903', () => {
  it('gives back every row readSsda903 reads, as read, each child wholly in one part, both years', async () => {
    await writeSsda903Csv(join(dir, 'this'), testReturn())
    await writeSsda903Xml(join(dir, 'last.xml'), lastYear())
    // A row with a cell missing: read, and reported, the same either way.
    await writeFile(join(dir, 'this', 'uasc.csv'), 'CHILD,SEX,DOB,DUC\r\nHV1001,1\r\n')
    const whole = await readSsda903({ dir: join(dir, 'this'), previous: join(dir, 'last.xml') })
    expect(whole.problems.length).toBeGreaterThan(0)

    for (const parts of [1, 3, 7]) {
      const split = await partitionSsda903({ dir: join(dir, 'this'), previous: join(dir, 'last.xml'), parts })
      expect(split.parts).toBe(parts)
      expect(split.problems).toEqual(whole.problems)
      expect(split.sources).toEqual(whole.sources)
      expect(split.rowCounts.current.Episodes).toBe(whole.model.current.Episodes?.length)
      expect(split.rowCounts.previous.Episodes).toBe(2)

      const current: AnySsda903Row[] = []
      const previous: AnySsda903Row[] = []
      const partOfChild = new Map<string, number>()
      for (let k = 0; k < parts; k++) {
        const part = await split.part(k)
        // Each table supplied is in every part, if empty there, as the whole return has it.
        expect(Object.keys(part.current).sort()).toEqual(Object.keys(whole.model.current).sort())
        expect(Object.keys(part.previous ?? {}).sort()).toEqual(
          Object.keys(whole.model.previous ?? {}).sort(),
        )
        for (const row of [...rowsIn(part.current), ...rowsIn(part.previous)]) {
          expect(partOfChild.get(childOf(row)) ?? k).toBe(k)
          partOfChild.set(childOf(row), k)
        }
        current.push(...rowsIn(part.current))
        previous.push(...rowsIn(part.previous))
      }
      const order = (a: AnySsda903Row, b: AnySsda903Row) =>
        SSDA903_TABLES.indexOf(a.table) - SSDA903_TABLES.indexOf(b.table) || a.row - b.row
      expect(current.sort(order)).toEqual(rowsIn(whole.model.current))
      expect(previous.sort(order)).toEqual(rowsIn(whole.model.previous))

      expect(await readdir(split.dir)).toHaveLength(parts)
      await split.close()
      await expect(readdir(split.dir)).rejects.toThrow(/ENOENT/)
    }
  })

  it('shares children among parts by their CHILD alone, and sizes parts by the files', () => {
    expect(partOf('HV1001', 5)).toBe(partOf('HV1001', 5))
    const used = new Set(Array.from({ length: 200 }, (_, i) => partOf(`C${i}`, 8)))
    expect(used.size).toBe(8)
    expect(partOf('', 8)).toBeLessThan(8)
    expect(partsFor(0)).toBe(1)
    expect(partsFor(2 * 1024 * 1024)).toBe(1)
    expect(partsFor(2 * 1024 * 1024 + 1)).toBe(2)
    expect(partsFor(1e12)).toBe(256)
  })
})
