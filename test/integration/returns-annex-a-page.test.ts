/**
 * Ofsted's Annex A page for performance officers: the period form (linked from Check a return),
 * its refusals, the workbook downloaded, and each download audited by the service.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
let officer: Browser

async function exportAudits() {
  return t.database.db
    .selectFrom('audit_event')
    .select(['outcome', 'username', 'detail'])
    .where('action', '=', 'annex_a.export')
    .orderBy('id')
    .execute()
}

beforeAll(async () => {
  t = await openTestApp()
  officer = new Browser(t.app)
  await officer.signIn('performance')
}, 120_000)

afterAll(async () => {
  await t?.close()
})

describe('the Annex A page', () => {
  it('is linked from Check a return, offers the 12 months to today and names the lists', async () => {
    const returns = await officer.get('/returns')
    expect(returns.body).toContain('href="/returns/annex-a"')
    const res = await officer.get('/returns/annex-a')
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toMatch(
      /List 1: contacts List 2: early help assessments List 3: referrals List 4: assessments List 5: section 47 enquiries or initial child protection conferences List 6: children in need List 7: child protection plans/,
    )
    expect(res.body).toMatch(/name="to-year" type="text" value="\d{4}"/)
  })

  it('is for those who validate returns only', async () => {
    const worker = new Browser(t.app)
    await worker.signIn('social.worker')
    expect((await worker.get('/returns/annex-a')).statusCode).toBe(403)
    expect(
      (
        await worker.get(
          '/returns/annex-a/workbook?from-day=1&from-month=4&from-year=2025&to-day=31&to-month=3&to-year=2026',
        )
      ).statusCode,
    ).toBe(403)
  })

  it('says what is wrong with a period, keeping the answers, and exports nothing', async () => {
    const before = (await exportAudits()).length
    const res = await officer.get(
      '/returns/annex-a/workbook?from-day=1&from-month=4&from-year=2026&to-day=31&to-month=3&to-year=2026',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: Ofsted Annex A lists')
    expect(pageText(res.body)).toMatch(
      /There is a problem The period starts \(2026-04-01\) after it ends \(2026-03-31\)/,
    )
    expect(res.body).toContain('href="#from-day"')
    expect(res.body).toMatch(/name="from-year" type="text" value="2026"/)
    const bad = await officer.get('/returns/annex-a/workbook?to-day=31&to-month=02&to-year=2026')
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('The last day of the period must be a real date')
    expect(bad.body).toContain('href="#to-day"')
    expect(await exportAudits()).toHaveLength(before)
  })

  it('downloads the workbook for the period and audits it once', async () => {
    const before = (await exportAudits()).length
    const res = await officer.get(
      '/returns/annex-a/workbook?from-day=1&from-month=4&from-year=2025&to-day=31&to-month=12&to-year=2026',
    )
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/spreadsheetml/)
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="annex-a-2025-04-01-to-2026-12-31.xlsx"',
    )
    expect(res.headers['cache-control']).toBe('no-store')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'List 1',
      'List 2',
      'List 3',
      'List 4',
      'List 5',
      'List 6',
      'List 7',
    ])
    expect(book.getWorksheet('List 1')?.rowCount).toBeGreaterThan(30)
    const audits = await exportAudits()
    expect(audits).toHaveLength(before + 1)
    expect(audits.at(-1)).toMatchObject({
      outcome: 'allowed',
      username: 'performance',
      detail: { from: '2025-04-01', to: '2026-12-31', lists: [1, 2, 3, 4, 5, 6, 7] },
    })
  })
})
