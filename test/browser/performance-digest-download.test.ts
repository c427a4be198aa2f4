/**
 * The digest's downloads in Chromium: the committee report arrives as a file with its name, and
 * the page for an address that is not a download passes axe. (The digest's own page, which links
 * here, has its own browser test.)
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { expectAccessible, expectHeading, newPage, openSite, signIn, type Site } from './support.js'

let site: Site

beforeAll(async () => {
  site = await openSite()
  await syncKpiCatalogue(site.testApp.database.db, digestCatalogue(HAVEN_MODULES))
})
afterAll(async () => {
  await site?.close()
})

describe('downloading the digest', () => {
  it('gives the committee report as a PDF and a DOCX, and says what is wrong with a bad address', async () => {
    const page = await newPage(site)
    await signIn(page, 'performance')
    for (const [format, start] of [
      ['pdf', '%PDF-'],
      ['docx', 'PK'],
    ] as const) {
      const download = page.waitForEvent('download')
      // Navigating to an attachment starts a download instead of a page.
      await page.goto(`/performance/digest/download?period=2025/26&format=${format}`).catch(() => undefined)
      const file = await download
      expect(file.suggestedFilename()).toBe(`haven-digest-2025-26-authority.${format}`)
      expect(
        readFileSync((await file.path()) as string)
          .subarray(0, start.length)
          .toString(),
      ).toBe(start)
    }

    const res = await page.goto('/performance/digest/download?period=2025/26&format=ods')
    expect(res?.status()).toBe(400)
    await expectHeading(page, 'The digest could not be downloaded')
    await expectAccessible(page, 'a digest download with a format that is not one')
  })
})
