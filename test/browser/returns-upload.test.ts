/**
 * A performance officer checks an SSDA903 return in Chromium: the upload form's errors, the files
 * chosen together, the page while Haven checks them (its script shows the report when done), the
 * report by rule and filtered to one rule, and the CSV and Excel downloads, with axe on every state.
 * The SSDA903 built from Haven's records. Ofsted's Annex A workbook for a period. Then the same upload without JavaScript: the Refresh
 * button does what the script did.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { writeSyntheticReturns } from '../../src/modules/synth/write.js'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
let synth: string
let files: string[]

beforeAll(async () => {
  synth = mkdtempSync(join(tmpdir(), 'haven-browser-upload-'))
  await writeSyntheticReturns({
    seed: 'browser-upload',
    children: 40,
    year: parseCollectionYear('2025/26'),
    defects: 0.3,
    out: synth,
  })
  const dir = join(synth, 'ssda903')
  // The seeded defects may all fall on the CIN census in so small a cohort: one placement code
  // no one uses makes sure the SSDA903 has a finding to show.
  const episodes = join(dir, 'episodes.csv')
  const [header = '', first = '', ...rest] = readFileSync(episodes, 'utf8').split('\n')
  const place = header.split(',').indexOf('PLACE')
  const cells = first.split(',')
  cells[place] = 'Z9'
  writeFileSync(episodes, [header, cells.join(','), ...rest].join('\n'))
  files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f))
  site = await openSite({ env: { RETURN_UPLOAD_DIR: join(synth, 'uploads') } })
}, 120_000)

afterAll(async () => {
  await site?.close()
  rmSync(synth, { recursive: true, force: true })
})

describe('checking a return', () => {
  it('uploads an SSDA903 return, shows its report and downloads it', async () => {
    const page = await newPage(site)
    await signIn(page, 'performance')
    await page.getByRole('link', { name: 'Check a return' }).first().click()
    await expectAccessible(page, 'the uploads, none yet')
    await page.getByTestId('upload-a-return').click()
    await expectAccessible(page, 'the upload form')

    // Nothing chosen: the errors, in the form's order, and focus on the summary.
    await page.getByTestId('upload').click()
    await expect.poll(() => page.title()).toMatch(/^Error: Upload a return/)
    const summary = page.locator('.govuk-error-summary')
    await expect
      .poll(() => summary.textContent())
      .toMatch(/Select which return.+Select the collection year.+Select the return’s files/s)
    await expectAccessible(page, 'the upload form with errors')

    // A wrong type is named.
    await page.getByRole('radio', { name: 'SSDA903' }).check()
    await page.getByRole('radio', { name: '2025/26' }).check()
    await page.setInputFiles('#files', {
      name: 'return.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF'),
    })
    await page.getByTestId('upload').click()
    await expect.poll(() => summary.textContent()).toContain('return.pdf must be a CSV or XML file')
    expect(await page.getByRole('radio', { name: 'SSDA903' }).isChecked()).toBe(true)

    // The return's files, chosen together.
    await page.setInputFiles('#files', files)
    await page.getByTestId('upload').click()
    await page.waitForURL(/\/returns\/uploads\/\d+$/)
    // The script shows the report once the check is done (or it already is).
    await page.getByTestId('totals').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('totals').textContent()).toMatch(
      /\d+ errors? and \d+ quer(y|ies) in \d+ children/,
    )
    await expectAccessible(page, 'the report by rule')

    // One rule's findings.
    const firstRule = page.getByTestId('by-rule').locator('tbody a').first()
    const code = ((await firstRule.textContent()) ?? '').split(':')[0]?.trim() as string
    await firstRule.click()
    await page.getByTestId('findings').waitFor()
    const cells = await page.getByTestId('findings').locator('tbody tr td:nth-child(3)').allTextContents()
    expect(cells.length).toBeGreaterThan(0)
    for (const c of cells) expect(c.trim().startsWith(code)).toBe(true)
    await expectAccessible(page, 'the findings of one rule')

    const csv = page.waitForEvent('download')
    await page.getByTestId('download-csv').click()
    const csvFile = await csv
    expect(csvFile.suggestedFilename()).toMatch(/^ssda903-2025-26-upload-\d+\.csv$/)
    const text = readFileSync((await csvFile.path()) as string, 'utf8')
    expect(text.split('\r\n')[0]).toBe('child,table,row,line,fields,rule,type,message,detail')
    expect(text).toContain(`,${code},`)

    const xlsx = page.waitForEvent('download')
    await page.getByTestId('download-xlsx').click()
    const xlsxFile = await xlsx
    expect(xlsxFile.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(
      readFileSync((await xlsxFile.path()) as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')

    for (const view of ['By table', 'By child']) {
      await page.getByRole('link', { name: view }).click()
      await expectAccessible(page, `the report ${view.toLowerCase()}`)
    }
    await page.context().close()
  }, 180_000)

  it('builds the SSDA903 from Haven’s records and shows its report', async () => {
    const page = await newPage(site)
    await signIn(page, 'performance')
    await page.goto('/returns')
    await page.getByTestId('ssda903-from-records-link').click()
    await expectAccessible(page, 'the SSDA903 from records form')
    await page.getByTestId('build').click()
    await expect.poll(() => page.title()).toMatch(/^Error: Build the SSDA903/)
    await expectAccessible(page, 'the SSDA903 from records form with an error')
    await page.getByRole('radio', { name: '2025/26' }).check()
    await page.getByTestId('build').click()
    await expect.poll(() => page.url()).toMatch(/\/returns\/uploads\/\d+$/)
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 60_000 })
      .toMatch(/Built from Haven’s records/)
    await expectAccessible(page, 'the SSDA903 built from records')
    await page.context().close()
  }, 120_000)

  it('downloads Ofsted’s Annex A lists for a period', async () => {
    const page = await newPage(site)
    await signIn(page, 'performance')
    await page.goto('/returns')
    await page.getByTestId('annex-a-link').click()
    await expectAccessible(page, 'the Annex A page')
    await page.fill('#to-day', '31')
    await page.fill('#to-month', '2')
    await page.fill('#to-year', '2026')
    await page.getByTestId('download').click()
    await expect.poll(() => page.title()).toMatch(/^Error: Ofsted Annex A lists/)
    await expectAccessible(page, 'the Annex A page with an error')
    await page.fill('#to-day', '31')
    await page.fill('#to-month', '3')
    const workbook = page.waitForEvent('download')
    await page.getByTestId('download').click()
    const file = await workbook
    expect(file.suggestedFilename()).toMatch(/^annex-a-\d{4}-\d{2}-\d{2}-to-2026-03-31\.xlsx$/)
    expect(
      readFileSync((await file.path()) as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    await page.context().close()
  }, 120_000)

  it('works without JavaScript: the Refresh button shows the report', async () => {
    const page = await newPage(site, { javaScriptEnabled: false })
    await signIn(page, 'performance')
    await page.goto('/returns/upload')
    await page.getByRole('radio', { name: 'SSDA903' }).check()
    await page.getByRole('radio', { name: '2025/26' }).check()
    await page.setInputFiles('#files', files)
    await page.getByTestId('upload').click()
    await page.waitForURL(/\/returns\/uploads\/\d+$/)
    for (let i = 0; i < 120 && (await page.getByTestId('refresh').count()) > 0; i++) {
      await expectAccessible(page, 'the upload being checked')
      await page.waitForTimeout(250)
      await page.getByTestId('refresh').click()
    }
    await page.getByTestId('totals').waitFor()
    await page.goto('/returns')
    // The first upload, the SSDA903 built from records, and this one.
    expect(await page.getByTestId('uploads').locator('tbody tr').count()).toBe(3)
    await expectAccessible(page, 'the uploads')
    await page.context().close()
  }, 120_000)
})
