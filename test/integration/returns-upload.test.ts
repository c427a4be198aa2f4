/**
 * Uploading a return to be checked, as a performance officer: the form's refusals (nothing saved,
 * nothing left on disk), the CSRF token read before any file, the background check, the report
 * by rule, table and child, its downloads, early deletion with a reason, the retention period,
 * and a check interrupted by a stopped process done again at the next start. PGlite and PostgreSQL.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { UploadChecker } from '../../src/modules/returns/upload/checker.js'
import { deleteExpiredUploads } from '../../src/modules/returns/upload/service.js'
import { writeSyntheticReturns } from '../../src/modules/synth/write.js'
import { Browser, openTestApp, pageText, type FilePart, type TestApp } from '../support/web.js'

const NOW = '2026-06-01T10:00:00Z'
let t: TestApp
let officer: Browser
let synth: string
let uploadDir: string
let ssda903Files: FilePart[]

async function uploads() {
  return t.database.db.selectFrom('return_upload').selectAll().orderBy('id').execute()
}

async function checked(id: number) {
  for (let i = 0; i < 600; i++) {
    const row = await t.database.db
      .selectFrom('return_upload')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    if (row.status !== 'waiting' && row.status !== 'checking') return row.status
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`upload ${id} was not checked in time`)
}

function idFrom(location: string | undefined): number {
  const m = /^\/returns\/uploads\/(\d+)$/.exec(location ?? '')
  if (!m) throw new Error(`not an upload's page: ${location}`)
  return Number(m[1])
}

beforeAll(async () => {
  synth = mkdtempSync(join(tmpdir(), 'haven-upload-synth-'))
  uploadDir = mkdtempSync(join(tmpdir(), 'haven-uploads-'))
  await writeSyntheticReturns({
    seed: 'upload-test',
    children: 60,
    year: parseCollectionYear('2025/26'),
    defects: 0.3,
    out: synth,
  })
  const dir = join(synth, 'ssda903')
  ssda903Files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f): FilePart => ['files', { filename: f, content: readFileSync(join(dir, f)), type: 'text/csv' }])
  t = await openTestApp({
    clock: fixedClock(NOW),
    env: { RETURN_UPLOAD_DIR: uploadDir, RETURN_UPLOAD_MAX_MB: '1', RETURN_UPLOAD_KEEP_DAYS: '7' },
  })
  officer = new Browser(t.app)
  await officer.signIn('performance')
}, 120_000)

afterAll(async () => {
  await t?.close()
  rmSync(synth, { recursive: true, force: true })
  rmSync(uploadDir, { recursive: true, force: true })
})

describe('the upload form', () => {
  it('is for those who validate returns', async () => {
    expect((await officer.get('/returns')).statusCode).toBe(200)
    expect((await officer.get('/returns/upload')).statusCode).toBe(200)
    const worker = new Browser(t.app)
    await worker.signIn('social.worker')
    expect((await worker.get('/returns')).statusCode).toBe(403)
    expect((await worker.get('/returns/upload')).statusCode).toBe(403)
  })

  it('says what is missing, in the order of the form, and saves nothing', async () => {
    const res = await officer.postFiles('/returns/upload', [])
    expect(res.statusCode).toBe(400)
    const text = pageText(res.body)
    expect(text).toMatch(
      /There is a problem Select which return you are uploading Select the collection year Select the return’s files/,
    )
    expect(res.body).toContain('<title>Error: Upload a return')
    expect(await uploads()).toHaveLength(0)
  })

  it('refuses a file that is not CSV or XML, keeping the answers', async () => {
    const res = await officer.postFiles('/returns/upload', [
      ['kind', 'ssda903'],
      ['year', '2025/26'],
      ['files', { filename: 'return.pdf', content: '%PDF-1.4' }],
    ])
    expect(res.statusCode).toBe(400)
    expect(pageText(res.body)).toContain('return.pdf must be a CSV or XML file')
    expect(res.body).toMatch(/value="ssda903" checked/)
    expect(await uploads()).toHaveLength(0)
    expect(readdirSync(join(uploadDir, 'incoming'))).toEqual([])
  })

  it('refuses a file over the size limit, and a CIN census sent as CSV', async () => {
    const big = await officer.postFiles('/returns/upload', [
      ['kind', 'ssda903'],
      ['year', '2025/26'],
      ['files', { filename: 'episodes.csv', content: Buffer.alloc(1024 * 1024 + 10, 'a') }],
    ])
    expect(big.statusCode).toBe(400)
    expect(pageText(big.body)).toContain('episodes.csv must be smaller than 1 MB')
    const cin = await officer.postFiles('/returns/upload', [
      ['kind', 'cin'],
      ['year', '2025/26'],
      ['files', { filename: 'census.csv', content: 'a,b\n' }],
    ])
    expect(pageText(cin.body)).toContain('census.csv must be a XML file for the CIN census')
    const year = await officer.postFiles('/returns/upload', [
      ['kind', 'ssda903'],
      ['year', '2019/20'],
      ...ssda903Files,
    ])
    expect(pageText(year.body)).toContain('Select a collection year Haven has the SSDA903 rules for')
    expect(await uploads()).toHaveLength(0)
  })

  it('reads the CSRF token before any file: without it, or after a file, nothing is written', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'request.csrf_refused')
      .executeTakeFirstOrThrow()
    const none = await officer.postFiles('/returns/upload', [['kind', 'ssda903'], ...ssda903Files], {
      csrf: null,
    })
    expect(none.statusCode).toBe(403)
    const form = await officer.get('/returns/upload')
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] as string
    const late = await officer.postFiles('/returns/upload', [...ssda903Files, ['_csrf', token]], {
      csrf: null,
    })
    expect(late.statusCode).toBe(403)
    const after = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'request.csrf_refused')
      .executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBe(2)
    expect(await uploads()).toHaveLength(0)
  })

  it('is refused on any other page that does not take files', async () => {
    const res = await officer.postFiles('/returns/uploads/1/delete', [['reason', 'x']])
    expect(res.statusCode).toBe(415)
  })
})

describe('a return uploaded and checked', () => {
  let id: number

  beforeAll(async () => {
    const res = await officer.postFiles('/returns/upload', [
      ['kind', 'ssda903'],
      ['year', '2025/26'],
      ...ssda903Files,
    ])
    expect(res.statusCode).toBe(303)
    id = idFrom(res.headers.location as string)
    expect(await checked(id)).toBe('checked')
  }, 120_000)

  it('keeps the files in its own folder, named by their place, and audits the upload', async () => {
    const [upload] = await uploads()
    expect(upload?.files.map((f) => f.name).sort()).toEqual(
      ssda903Files.map(([, f]) => (f as { filename: string }).filename).sort(),
    )
    expect(readdirSync(join(uploadDir, String(id))).sort()).toEqual(upload?.files.map((f) => f.stored).sort())
    expect(upload?.delete_after).toEqual(new Date('2026-06-08T10:00:00Z'))
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'record_id', 'detail'])
      .where('record_type', '=', 'return_upload')
      .where('action', '=', 'return_upload.create')
      .execute()
    expect(audit).toEqual([
      expect.objectContaining({
        record_id: String(id),
        detail: expect.objectContaining({ return: 'ssda903', year: '2025/26' }),
      }),
    ])
  })

  it('shows the report by rule, with the totals the findings add up to', async () => {
    const res = await officer.get(`/returns/uploads/${id}`)
    expect(res.statusCode).toBe(200)
    const findings = await t.database.db
      .selectFrom('return_finding')
      .select(['code', 'rule_type'])
      .where('upload_id', '=', id)
      .execute()
    expect(findings.length).toBeGreaterThan(0)
    const errors = findings.filter((f) => f.rule_type === 'error').length
    expect(pageText(res.body)).toContain(`${errors} error`)
    const firstCode = findings[0]?.code as string
    expect(res.body).toContain(`?view=findings&amp;code=${firstCode}`)
  })

  it('lists the findings of one rule, one table or one child', async () => {
    const one = await t.database.db
      .selectFrom('return_finding')
      .select(['code', 'table_name', 'child_ref'])
      .where('upload_id', '=', id)
      .where('child_ref', 'is not', null)
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    for (const [param, value, column] of [
      ['code', one.code, 'code'],
      ['table', one.table_name, 'table_name'],
      ['child', one.child_ref as string, 'child_ref'],
    ] as const) {
      const expected = await t.database.db
        .selectFrom('return_finding')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('upload_id', '=', id)
        .where(column, '=', value)
        .executeTakeFirstOrThrow()
      const res = await officer.get(
        `/returns/uploads/${id}?view=findings&${param}=${encodeURIComponent(value)}`,
      )
      expect(res.statusCode).toBe(200)
      const rows = (res.body.match(/<tr class="govuk-table__row">/g) ?? []).length - 1
      expect(rows).toBe(Math.min(Number(expected.n), 50))
    }
    for (const view of ['tables', 'children'])
      expect((await officer.get(`/returns/uploads/${id}?view=${view}`)).statusCode).toBe(200)
  })

  it('downloads the report as CSV and as a workbook, each download audited', async () => {
    const total = await t.database.db
      .selectFrom('return_finding')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('upload_id', '=', id)
      .executeTakeFirstOrThrow()
    const csv = await officer.get(`/returns/uploads/${id}/report.csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="ssda903-2025-26-upload-${id}.csv"`)
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toBe('child,table,row,line,fields,rule,type,message,detail')
    expect(
      lines.filter((l) => !l.startsWith(',') || !l.includes('unreadable')).length - 1,
    ).toBeGreaterThanOrEqual(Number(total.n))

    const xlsx = await officer.get(`/returns/uploads/${id}/report.xlsx?type=error`)
    expect(xlsx.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Return', 'Rules', 'Tables', 'Findings'])
    const errors = await t.database.db
      .selectFrom('return_finding')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('upload_id', '=', id)
      .where('rule_type', '=', 'error')
      .executeTakeFirstOrThrow()
    expect((book.getWorksheet('Findings')?.rowCount ?? 0) - 1).toBe(Number(errors.n))

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'return_upload.download')
      .where('record_id', '=', String(id))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.detail.format)).toEqual(['csv', 'xlsx'])
  })

  it('says how far a check has gone, for the page’s script', async () => {
    const res = await officer.get(`/returns/uploads/${id}/progress`)
    expect(JSON.parse(res.body)).toEqual({
      status: 'checked',
      childrenChecked: expect.any(Number),
      done: true,
    })
  })

  it('is deleted early only with a reason, its files and findings gone and the row kept', async () => {
    const empty = await officer.post(`/returns/uploads/${id}/delete`, { reason: '' })
    expect(empty.statusCode).toBe(400)
    expect(pageText(empty.body)).toContain('Enter why you are deleting this upload')
    const done = await officer.post(`/returns/uploads/${id}/delete`, {
      reason: 'The wrong year’s files were sent',
    })
    expect(done.statusCode).toBe(303)
    expect(existsSync(join(uploadDir, String(id)))).toBe(false)
    const left = await t.database.db
      .selectFrom('return_finding')
      .select('seq')
      .where('upload_id', '=', id)
      .execute()
    expect(left).toEqual([])
    const page = await officer.get(`/returns/uploads/${id}`)
    expect(pageText(page.body)).toContain('The wrong year’s files were sent')
    expect((await officer.get(`/returns/uploads/${id}/report.csv`)).statusCode).toBe(404)
    expect((await officer.get(`/returns/uploads/${id}/delete`)).statusCode).toBe(404)
  })
})

describe('the SSDA903 built from Haven’s records', () => {
  it('asks for the year, then builds this year’s and last year’s tables and checks them like an upload', async () => {
    const page = await officer.get('/returns')
    expect(page.body).toContain('href="/returns/ssda903"')
    const none = await officer.post('/returns/ssda903', {})
    expect(none.statusCode).toBe(400)
    expect(pageText(none.body)).toContain('There is a problem Select the collection year')

    const res = await officer.post('/returns/ssda903', { year: '2025/26' })
    expect(res.statusCode).toBe(303)
    const id = idFrom(res.headers.location)
    expect(await checked(id)).toBe('checked')
    const upload = (await uploads()).find((u) => u.id === id)
    expect(upload).toMatchObject({ return_kind: 'ssda903', collection_year: '2025/26', from_records: true })
    const files = upload?.files as { year: string; name: string }[]
    // This year's previous permanence is this year's table, though its name begins "previous".
    expect(files.filter((f) => f.year === 'current').map((f) => f.name)).toEqual(
      expect.arrayContaining(['episodes.csv', 'previous_permanence.csv']),
    )
    expect(files.filter((f) => f.year === 'previous').map((f) => f.name)).toContain('previous-episodes.csv')
    const report = await officer.get(`/returns/uploads/${id}`)
    expect(pageText(report.body)).toContain('Built from Haven’s records')
    // No scratch folder is left behind.
    expect(readdirSync(join(uploadDir, 'incoming'))).toEqual([])
  })

  it('is for those who validate returns', async () => {
    const worker = new Browser(t.app)
    await worker.signIn('social.worker')
    expect((await worker.get('/returns/ssda903')).statusCode).toBe(403)
  })
})

describe('a return Haven cannot read', () => {
  it('says why on its page', async () => {
    const res = await officer.postFiles('/returns/upload', [
      ['kind', 'cin'],
      ['year', '2025/26'],
      ['files', { filename: 'census.xml', content: '<Message><Header></Header>' }],
    ])
    const id = idFrom(res.headers.location as string)
    expect(await checked(id)).toBe('unreadable')
    const page = await officer.get(`/returns/uploads/${id}`)
    expect(pageText(page.body)).toMatch(
      /Haven could not read this return .+census\.xml|Haven could not read this return/,
    )
    expect(page.body).not.toContain(uploadDir)
  })
})

describe('retention and restarts', () => {
  it('deletes what has been kept its time, and nothing younger', async () => {
    const deps = { db: t.database.db, config: t.config, clock: fixedClock('2026-06-08T09:59:00Z') }
    expect(await deleteExpiredUploads(deps)).toBe(0)
    const due = (await uploads()).filter((u) => !u.deleted_at)
    expect(due.length).toBeGreaterThan(0)
    expect(await deleteExpiredUploads({ ...deps, clock: fixedClock('2026-06-08T10:00:00Z') })).toBe(
      due.length,
    )
    for (const u of await uploads()) expect(u.deleted_at).not.toBeNull()
    const reasons = await t.database.db
      .selectFrom('audit_event')
      .select(['user_id', 'detail'])
      .where('action', '=', 'return_upload.delete')
      .where('user_id', 'is', null)
      .execute()
    expect(reasons).toHaveLength(due.length)
  })

  it('checks again an upload a stopped process left half checked', async () => {
    const res = await officer.postFiles('/returns/upload', [
      ['kind', 'ssda903'],
      ['year', '2025/26'],
      ...ssda903Files,
    ])
    const id = idFrom(res.headers.location as string)
    await checked(id)
    // As if the process had been killed while checking: the row says "checking", no findings.
    await t.database.db.deleteFrom('return_finding').where('upload_id', '=', id).execute()
    await t.database.db
      .updateTable('return_upload')
      .set({ status: 'checking', summary: null })
      .where('id', '=', id)
      .execute()
    const checker = new UploadChecker(
      { db: t.database.db, config: t.config, clock: t.clock },
      { info: () => undefined, error: () => undefined },
    )
    await checker.start()
    await checker.idle()
    await checker.stop()
    expect(await checked(id)).toBe('checked')
    const n = await t.database.db
      .selectFrom('return_finding')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('upload_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(Number(n.n)).toBeGreaterThan(0)
  })
})
