/**
 * A social worker adds a letter from the child's record in Chromium: the form, its error state
 * (nothing chosen, and a program named .pdf), the document with its versions (not scanned: no
 * scanner is configured here), the download, a new version, the record's panel, the list and the
 * delete form, with axe on every state.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible, newPage, openSite, signIn, type Site } from './support.js'

let site: Site
let dir: string
const LETTER = Buffer.from('%PDF-1.4\n% A letter to the family about the core group.\n%%EOF\n')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'haven-browser-documents-'))
  site = await openSite({ env: { DOCUMENT_DIR: dir } })
})
afterAll(async () => {
  await site?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('documents', () => {
  it('record page → add a document → errors → saved → download → new version → the list → delete form', async () => {
    const db = site.testApp.database.db
    const child = await db
      .selectFrom('person as p')
      .innerJoin('child_access as a', 'a.child_id', 'p.id')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['p.id', 'p.given_name', 'p.family_name'])
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .where('p.restricted', '=', false)
      .where('p.kind', '=', 'child')
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    const page = await newPage(site)
    await signIn(page, 'social.worker')
    await page.goto(`/children/${child.id}`)
    expect(await page.locator('[data-testid="documents-panel"]').textContent()).toContain('No documents yet')
    await page.click('[data-testid="documents-panel"] [data-testid="add-document"]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a document')
    expect(await page.getByTestId('scan-notice').textContent()).toContain(
      'not set up to scan files for viruses',
    )
    await expectAccessible(page, 'add a document')

    // Nothing chosen, and no title: every problem at once, answers kept, focus on the summary.
    await page.check('input[name="type"][value="letter"]')
    await page.fill('#date-day', '3')
    await page.fill('#date-month', '12')
    await page.fill('#date-year', '2026')
    await page.click('[data-testid="save-document"]')
    await expect.poll(() => page.title()).toMatch(/^Error: Add a document/)
    const summary = page.locator('.govuk-error-summary')
    await expect.poll(() => summary.textContent()).toMatch(/Enter a title for the document.+Select a file/s)
    expect(await page.isChecked('input[name="type"][value="letter"]')).toBe(true)
    expect(await page.inputValue('#date-day')).toBe('3')
    await expectAccessible(page, 'add a document, with errors')

    // A program named .pdf is refused by its contents.
    await page.fill('#title', 'Letter about the core group')
    await page.setInputFiles('#file', {
      name: 'letter.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\0\0program'),
    })
    await page.click('[data-testid="save-document"]')
    await expect.poll(() => summary.textContent()).toContain('The contents of letter.pdf are not a PDF')
    expect(await page.inputValue('#title')).toBe('Letter about the core group')

    await page.setInputFiles('#file', {
      name: 'Core group letter.pdf',
      mimeType: 'application/pdf',
      buffer: LETTER,
    })
    await page.click('[data-testid="save-document"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Document added')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Letter about the core group')
    expect(await page.getByTestId('version-1').textContent()).toContain('Not scanned')
    expect(await page.getByTestId('not-scanned').textContent()).toContain('not set up to scan')
    await expectAccessible(page, 'a document with one version, not scanned')

    const download = page.waitForEvent('download')
    await page.getByTestId('download-1').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('Core group letter.pdf')
    expect(readFileSync((await file.path()) as string).equals(LETTER)).toBe(true)

    await page.getByTestId('new-version').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add a new version')
    await expectAccessible(page, 'add a new version')
    await page.click('[data-testid="save-version"]')
    await expect.poll(() => summary.textContent()).toContain('Select a file')
    await expectAccessible(page, 'add a new version, with errors')
    await page.setInputFiles('#file', {
      name: 'Core group letter signed.pdf',
      mimeType: 'application/pdf',
      buffer: LETTER,
    })
    await page.fill('#changeNote', 'Signed by the team manager')
    await page.click('[data-testid="save-version"]')
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Version 2 added')
    expect(await page.getByTestId('versions').textContent()).toContain('Core group letter.pdf')
    await expectAccessible(page, 'a document with two versions')

    await page.goto(`/children/${child.id}`)
    expect(await page.getByTestId('latest-documents').textContent()).toContain('Letter about the core group')
    await expectAccessible(page, 'the child’s record with its documents')
    await page.getByTestId('all-documents').click()
    expect(await page.getByTestId('documents').textContent()).toContain('Letter about the core group')
    await expectAccessible(page, 'the documents')

    await page.click('[data-testid="documents"] a')
    await page.getByTestId('delete-document').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Delete a document')
    await expectAccessible(page, 'delete a document')
    await page.getByTestId('confirm-delete').click()
    await expect.poll(() => summary.textContent()).toContain('Enter why this document is being deleted')
    await expectAccessible(page, 'delete a document, with errors')
  }, 180_000)
})
