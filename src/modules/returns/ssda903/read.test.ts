import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toCsvText } from './csv.js'
import { makeRow } from './model.js'
import { readSsda903, writeSsda903Csv, writeSsda903Xml } from './read.js'
import { canonical, testReturn } from './test-return.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haven-ssda903-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const previousYear = () => ({
  Episodes: [
    makeRow(
      'Episodes',
      { CHILD: 'HV1001', DECOM: '03/05/2024', RNE: 'S', LS: 'C1', PLACE: 'U6' },
      { file: 'e.csv', row: 0 },
    ),
  ],
})

describe('readSsda903 and writeSsda903Csv', () => {
  it('writes a return and last year’s as CSV files and reads them back unchanged', async () => {
    const written = await writeSsda903Csv(dir, { current: testReturn(), previous: previousYear() })
    expect(written).toContain(join(dir, 'episodes.csv'))
    expect(written).toContain(join(dir, 'previous', 'episodes.csv'))
    expect(await readdir(dir)).toHaveLength(13) // 12 tables and previous/

    const read = await readSsda903({ dir, previous: join(dir, 'previous') })
    expect(read.problems).toEqual([])
    expect(canonical(read.model.current)).toEqual(canonical(testReturn()))
    expect(canonical(read.model.previous ?? {})).toEqual(canonical(previousYear()))
    expect(read.sources.current.Header).toEqual([join(dir, 'header.csv')])
  })

  it('writes the same bytes for the same return', async () => {
    await writeSsda903Csv(join(dir, 'a'), testReturn())
    await writeSsda903Csv(join(dir, 'b'), testReturn())
    for (const name of await readdir(join(dir, 'a')))
      expect(await readFile(join(dir, 'b', name))).toEqual(await readFile(join(dir, 'a', name)))
  })

  it('streams a large table to disk exactly as it would write it in memory', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      makeRow(
        'Reviews',
        { CHILD: `HV${i}`, DOB: '01/01/2015', REVIEW: '02/02/2025', REVIEW_CODE: 'PN1' },
        { file: 'r', row: i },
      ),
    )
    await writeSsda903Csv(dir, { Reviews: rows })
    const written = await readFile(join(dir, 'reviews.csv'), 'utf8')
    expect(written.length).toBeGreaterThan(65_536)
    expect(written).toBe(toCsvText('Reviews', rows))
  })

  it('has no previous year unless one is asked for', async () => {
    await writeSsda903Csv(dir, testReturn())
    const read = await readSsda903({ dir })
    expect(read.model.previous).toBeUndefined()
  })

  it('reads a list of files, whatever their names', async () => {
    const a = join(dir, 'export 1.csv')
    const b = join(dir, 'EXPORT2.CSV')
    await writeFile(a, toCsvText('Header', testReturn().Header ?? []))
    await writeFile(b, toCsvText('UASC', testReturn().UASC ?? []))
    const read = await readSsda903({ files: [a, b] })
    expect(read.problems).toEqual([])
    expect(Object.keys(read.model.current).sort()).toEqual(['Header', 'UASC'])
  })

  it('reads one table from two files, numbering rows through both, and says so', async () => {
    const rows = testReturn().Episodes ?? []
    await writeFile(join(dir, 'a.csv'), toCsvText('Episodes', rows.slice(0, 1)))
    await writeFile(join(dir, 'b.csv'), toCsvText('Episodes', rows.slice(1)))
    const read = await readSsda903({ dir })
    expect(read.model.current.Episodes?.map((e) => [e.file, e.row, e.line])).toEqual([
      [join(dir, 'a.csv'), 0, 2],
      [join(dir, 'b.csv'), 1, 2],
      [join(dir, 'b.csv'), 2, 3],
      [join(dir, 'b.csv'), 3, 4],
    ])
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]).toMatchObject({ severity: 'warning', file: join(dir, 'b.csv') })
  })

  it('reads XML and CSV together (an XML return with social worker episodes beside it)', async () => {
    const ret = testReturn()
    const { SWEpisodes, ...rest } = ret
    await writeSsda903Xml(join(dir, 'return.xml'), rest)
    await writeFile(join(dir, 'sw_episodes.csv'), toCsvText('SWEpisodes', SWEpisodes ?? []))
    const read = await readSsda903({ dir })
    expect(read.problems).toEqual([])
    expect(canonical(read.model.current)).toEqual(canonical({ ...rest, SWEpisodes: SWEpisodes ?? [] }))
  })

  it('tells an XML file from a CSV by its content when its name says neither', async () => {
    const file = join(dir, 'return.txt')
    await writeSsda903Xml(file, testReturn())
    const read = await readSsda903({ files: [file] })
    expect(read.problems).toEqual([])
    expect(read.model.current.Header).toHaveLength(3)
  })

  it('reports what it cannot read, file by file, and reads the rest', async () => {
    await writeFile(join(dir, 'header.csv'), toCsvText('Header', testReturn().Header ?? []))
    await writeFile(join(dir, 'notes.txt'), 'hello')
    await writeFile(join(dir, 'people.csv'), 'name,age\nA,1\n')
    await mkdir(join(dir, 'old'))
    const read = await readSsda903({ dir, files: [join(dir, 'nowhere.csv')] })
    expect(read.model.current.Header).toHaveLength(3)
    expect(read.problems.map((p) => [p.severity, p.file])).toEqual([
      ['warning', join(dir, 'notes.txt')],
      ['error', join(dir, 'nowhere.csv')],
      ['error', join(dir, 'people.csv')],
    ])
  })

  it('reads files with a UTF-8 byte-order mark and Windows line endings from disk', async () => {
    const csv = toCsvText('Header', testReturn().Header ?? [])
    await writeFile(
      join(dir, 'header.csv'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
    )
    const { text } = await import('./xml.js').then((m) => m.toXmlText(testReturn()))
    await writeFile(join(dir, 'return.xml'), '\uFEFF' + text.replace(/\n/g, '\r\n'))
    const read = await readSsda903({ files: [join(dir, 'header.csv')], previous: join(dir, 'return.xml') })
    expect(read.problems).toEqual([])
    expect(read.model.current.Header?.map((h) => h.CHILD)).toEqual(['HV1001', 'HV1002', 'HV1003'])
    expect(canonical(read.model.previous ?? {})).toEqual(canonical(testReturn()))
  })

  it('reports a file of binary garbage and an XML file of it, without stopping', async () => {
    const bytes = Buffer.alloc(3_000_000)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256
    await writeFile(join(dir, 'episodes.csv'), bytes)
    await writeFile(join(dir, 'return.xml'), bytes)
    await writeFile(join(dir, 'header.csv'), toCsvText('Header', testReturn().Header ?? []))
    const read = await readSsda903({ dir })
    expect(read.model.current.Header).toHaveLength(3)
    expect(read.problems.map((p) => [p.severity, p.file])).toEqual([
      ['error', join(dir, 'episodes.csv')],
      ['error', join(dir, 'return.xml')],
    ])
  })

  it('reports an empty directory and one with no files given', async () => {
    const empty = await readSsda903({ dir })
    expect(empty.problems).toMatchObject([
      { severity: 'error', message: expect.stringContaining('no SSDA903 files') },
    ])
    const none = await readSsda903({})
    expect(none.problems).toMatchObject([
      { severity: 'error', message: 'no SSDA903 files given for this year' },
    ])
  })
})

describe('writeSsda903Xml', () => {
  it('writes this year and last year beside it, and reads both back', async () => {
    const file = join(dir, 'out', 'return.xml')
    const { files, problems } = await writeSsda903Xml(file, {
      current: testReturn(),
      previous: previousYear(),
    })
    // Last year's episode has no Header row: the XML form needs one, and says so.
    expect(problems).toMatchObject([{ table: 'Header', child: 'HV1001' }])
    expect(files).toEqual([file, join(dir, 'out', 'return.previous.xml')])
    const read = await readSsda903({ files: [file], previous: [join(dir, 'out', 'return.previous.xml')] })
    expect(read.problems).toEqual([])
    expect(canonical(read.model.current)).toEqual(canonical(testReturn()))
    expect(read.model.previous?.Episodes).toHaveLength(1)
    expect(read.model.previous?.Header?.map((h) => h.CHILD)).toEqual(['HV1001'])
  })
})
