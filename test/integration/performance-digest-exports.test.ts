/**
 * The digest's downloads and the command's formats on the demo authority: each format with its
 * media type and file name, what it holds, the 400 page for a period, area or format that is not
 * one, the refusal for a role without `performance.view`, and the audit row of each download.
 * The clock is 1 May 2026, so 2025/26 is over. Runs on PGlite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CliError } from '../../src/cli/cli-error.js'
import { command } from '../../src/cli/commands/digest.js'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
let officer: Browser

beforeAll(async () => {
  t = await openTestApp({ clock: fixedClock('2026-05-01T12:00:00Z') })
  // As the composition root does at each open.
  await syncKpiCatalogue(t.database.db, digestCatalogue(HAVEN_MODULES))
  officer = new Browser(t.app)
  await officer.signIn('performance')
}, 120_000)

afterAll(async () => {
  await t?.close()
})

const url = (query: Record<string, string>) =>
  `/performance/digest/download?${new URLSearchParams(query).toString()}`

async function downloads() {
  return t.database.db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'record_type', 'record_id', 'detail', 'username'])
    .where('action', '=', 'performance.digest_download')
    .orderBy('id')
    .execute()
}

describe('downloading the digest', () => {
  it.each([
    ['csv', 'text/csv; charset=utf-8'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['pdf', 'application/pdf'],
  ])(
    'gives the %s with its media type and a file name saying period and area, audited',
    async (format, type) => {
      const before = (await downloads()).length
      const res = await officer.get(url({ period: '2025/26', area: 'authority', format }))
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="haven-digest-2025-26-authority.${format}"`,
      )
      expect(res.headers['cache-control']).toBe('no-store')
      const bytes = res.rawPayload
      if (format === 'csv') expect(bytes.toString('utf8')).toMatch(/^Measure,Version,Period,Area,Figure/)
      if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      if (format === 'xlsx') {
        const book = new ExcelJS.Workbook()
        await book.xlsx.load(bytes as never)
        expect(book.worksheets.map((s) => s.name)).toEqual(
          expect.arrayContaining(['Contents', 'Front door', 'Assessment', 'Measures not yet reported']),
        )
      }
      if (format === 'docx') {
        const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
        expect(xml).toContain('Issues, options and analysis of options')
        expect(xml).toContain('for the whole authority')
        expect(xml).toMatch(/The \d+ measures reported, against their targets/)
      }
      const rows = await downloads()
      expect(rows).toHaveLength(before + 1)
      expect(rows.at(-1)).toMatchObject({
        outcome: 'allowed',
        record_type: 'digest',
        username: 'performance',
        detail: { period: '2025/26', area: 'Whole authority', format },
      })
    },
  )

  it('gives a team’s digest, named for the team', async () => {
    const res = await officer.get(url({ period: '2025/26', area: 'team:Assessment team', format: 'xlsx' }))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="haven-digest-2025-26-team-assessment-team.xlsx"',
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as never)
    const area = book.getWorksheet('Contents')!.getRow(4).getCell(2).value
    expect(area).toBe('the Assessment team’s allocated children')
  })

  it.each([
    [{ area: 'authority', format: 'pdf' }, /Say which collection year/],
    [{ period: '2025-26', format: 'pdf' }, /not a collection year/],
    [{ period: '2099/00', format: 'pdf' }, /outside the years|has not begun/],
    [{ period: '2025/26', format: 'ods' }, /ods&quot; is not a format the digest is published in/],
    [{ period: '2025/26' }, /Say which format/],
    [{ period: '2025/26', area: 'service:North', format: 'csv' }, /not an area/],
    [
      { period: '2025/26', area: 'team:No such team', format: 'csv' },
      /There is no team called &quot;No such team&quot;/,
    ],
  ])('answers %j with a page saying what is wrong (400), and audits nothing', async (query, message) => {
    const before = (await downloads()).length
    const res = await officer.get(url(query as Record<string, string>))
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    const text = pageText(res.body)
    expect(text).toContain('The digest could not be downloaded')
    expect(text).toMatch(message)
    expect(await downloads()).toHaveLength(before)
  })

  it('is refused to a role without performance figures', async () => {
    const police = new Browser(t.app)
    await police.signIn('police')
    const res = await police.get(url({ period: '2025/26', format: 'pdf' }))
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-disposition']).toBeUndefined()
  })
})

describe('haven digest in each format', () => {
  it('writes the XLSX, DOCX and PDF, and refuses an unknown team with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-digest-'))
    const saved = { ...process.env }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const logs = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    try {
      process.env.HAVEN_DATA_DIR = join(dir, 'data')
      delete process.env.DATABASE_URL
      for (const format of ['xlsx', 'docx', 'pdf']) {
        const out = join(dir, `digest.${format}`)
        expect(await command.run(['--period', '2025/26', '--format', format, '--out', out])).toBe(0)
        expect(existsSync(`${out}.partial`)).toBe(false)
        const bytes = readFileSync(out)
        expect(bytes.subarray(0, 2).toString()).toBe(format === 'pdf' ? '%P' : 'PK')
      }
      const printed = errors.mock.calls.map((c) => String(c[0])).join('\n')
      expect(printed).toMatch(/^1 of \d+: /m)
      expect(printed).toContain('Writing the DOCX')
      const err = await command
        .run(['--period', '2025/26', '--area', 'team:Nobody', '--format', 'pdf', '--out', join(dir, 'x.pdf')])
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(CliError)
      expect((err as CliError).exitCode).toBe(2)
      expect(existsSync(join(dir, 'x.pdf'))).toBe(false)
    } finally {
      process.env = saved
      errors.mockRestore()
      logs.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
