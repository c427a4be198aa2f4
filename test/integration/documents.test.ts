/**
 * Documents on children's records through the pages (issue 14): a letter put on a child and their
 * brother, downloaded byte for byte with the headers a download needs; a new version with the old
 * kept; every refusal (nothing chosen, a type not taken, a program named .pdf, too large, infected
 * by the fake scanner) shown on the form with the answers kept, audited, and nothing left on disk;
 * who may not read or add them; and soft deletion with a reason. A fake scanner (exit 0 clean,
 * 1 infected) stands in for clamdscan.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { AVA, caseworkFactory, LEO } from '../support/casework.js'
import { pageText, type FilePart, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
let root: string
let documentDir: string
const f = caseworkFactory(() => t)
const { db, signedIn } = f
let ava = 0
let leo = 0

const LETTER = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Letter to Ms Holloway about the conference.\n%%EOF\n',
)
const LETTER_SIGNED = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% The signed copy.\n%%EOF\n',
)
const PROGRAM = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(64, 0),
  Buffer.from('This program cannot be run in DOS mode'),
])
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n'

/** Every file under the documents folder (kept or still incoming). */
function filesOnDisk(): string[] {
  return readdirSync(documentDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(documentDir, f)).isFile(),
  )
}

async function documents() {
  return db().selectFrom('document').selectAll().orderBy('id').execute()
}

async function auditRows(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id', 'detail'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
}

const details = (extra: FilePart[] = []): FilePart[] => [
  ['type', 'letter'],
  ['title', 'Letter to parents about the conference'],
  ['date-day', '16'],
  ['date-month', '12'],
  ['date-year', '2026'],
  ...extra,
]

const pdf = (filename: string, content: Buffer | string = LETTER): FilePart => [
  'file',
  { filename, content, type: 'application/pdf' },
]

let letterId = 0

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'haven-documents-it-'))
  documentDir = join(root, 'documents')
  const scanner = join(root, 'fake-scanner.sh')
  writeFileSync(
    scanner,
    '#!/bin/sh\nfor f; do :; done\ngrep -q EICAR "$f" && { echo "$f: Eicar-Test-Signature FOUND"; exit 1; }\nexit 0\n',
  )
  chmodSync(scanner, 0o755)
  t = await openTestApp({
    clock,
    env: { DOCUMENT_DIR: documentDir, DOCUMENT_MAX_MB: '1', DOCUMENT_SCAN_COMMAND: `sh ${scanner}` },
  })
  ;({
    children: [ava, leo],
  } = await f.family('Holloway', [AVA, LEO]))
}, 60_000)
afterAll(async () => {
  await t?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('adding a document', () => {
  it('puts a letter on a child and their brother, scanned, kept under an opaque name, each record showing it', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/children/${ava}/documents/new`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Leo Holloway')
    expect(pageText(form.body)).toContain('Haven scans the file for viruses before it is kept')
    const res = await b.postFiles(
      `/children/${ava}/documents/new`,
      details([['siblings', String(leo)], pdf('Letter – Ms Holloway.pdf')]),
      {
        formUrl: `/children/${ava}/documents/new`,
      },
    )
    expect(res.statusCode, res.body).toBe(303)
    const [doc] = await documents()
    if (!doc) throw new Error('no document')
    letterId = doc.id
    expect(res.headers.location).toBe(`/children/${ava}/documents/${doc.id}`)
    expect(doc).toMatchObject({
      document_type: 'letter',
      title: 'Letter to parents about the conference',
      document_date: '2026-12-16',
      current_version: 1,
    })
    const [version] = await db().selectFrom('document_version').selectAll().execute()
    expect(version).toMatchObject({
      file_name: 'Letter – Ms Holloway.pdf',
      file_type: 'pdf',
      bytes: LETTER.length,
      scanned: true,
    })
    expect(filesOnDisk()).toEqual([join('store', version?.stored_name ?? '')])

    const children = await db()
      .selectFrom('document_child')
      .select('child_id')
      .where('document_id', '=', doc.id)
      .orderBy('child_id')
      .execute()
    expect(children.map((c) => c.child_id)).toEqual([ava, leo])
    const leoList = pageText((await b.get(`/children/${leo}/documents`)).body)
    expect(leoList).toContain('Letter to parents about the conference')
    expect(leoList).toContain('Shared with 1 other child')
    expect(leoList).not.toContain('Not scanned')
    const page = pageText((await b.get(`/children/${leo}/documents/${doc.id}`)).body)
    expect(page).toContain('Also on the records of Ava Holloway')
    expect(page).toContain('No virus found')
    const record = await b.get(`/children/${ava}`)
    expect(record.body).toContain('data-testid="documents-panel"')
    expect(pageText(record.body)).toContain(
      'Letter to parents about the conference (Letter, 16 December 2026)',
    )

    const audited = await auditRows(res.headers['x-request-id'] as string)
    expect(audited.filter((r) => r.action === 'document.upload').map((r) => [r.outcome, r.child_id])).toEqual(
      [
        ['allowed', ava],
        ['allowed', leo],
      ],
    )
    const events = await db()
      .selectFrom('case_event')
      .select(['child_id', 'summary'])
      .where('subject_type', '=', 'document')
      .orderBy('child_id')
      .execute()
    expect(events).toEqual([
      { child_id: ava, summary: 'Letter added: Letter to parents about the conference (on 2 children)' },
      { child_id: leo, summary: 'Letter added: Letter to parents about the conference (on 2 children)' },
    ])
    const published = await db()
      .selectFrom('documents_child_document_v')
      .selectAll()
      .orderBy('child_id')
      .execute()
    expect(published.map((p) => [p.document_id, p.child_id, p.type, p.version])).toEqual([
      [doc.id, ava, 'letter', 1],
      [doc.id, leo, 'letter', 1],
    ])
  })

  it('downloads the file byte for byte, as an attachment under its own name, not cached or sniffed, and audits it', async () => {
    const b = await signedIn('social.worker')
    const res = await b.get(`/children/${leo}/documents/${letterId}/versions/1/download`)
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload.equals(LETTER)).toBe(true)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Letter _ Ms Holloway.pdf"; filename*=UTF-8''Letter%20%E2%80%93%20Ms%20Holloway.pdf`,
    )
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(
      (await auditRows(res.headers['x-request-id'] as string)).map((r) => [r.action, r.outcome, r.child_id]),
    ).toEqual([['document.download', 'allowed', leo]])
    // A version that is not there, and a document on another child's record, are not found (audited).
    const missing = await b.get(`/children/${leo}/documents/${letterId}/versions/2/download`)
    expect(missing.statusCode).toBe(404)
    expect((await auditRows(missing.headers['x-request-id'] as string)).map((r) => r.outcome)).toContain(
      'denied',
    )
  })

  it('adds a new version, keeping the earlier one downloadable', async () => {
    const b = await signedIn('social.worker')
    const url = `/children/${ava}/documents/${letterId}/new-version`
    expect((await b.get(url)).statusCode).toBe(200)
    const res = await b.postFiles(url, [
      pdf('Letter signed.pdf', LETTER_SIGNED),
      ['changeNote', 'The signed copy'],
    ])
    expect(res.statusCode, res.body).toBe(303)
    const page = pageText((await b.get(`/children/${ava}/documents/${letterId}`)).body)
    expect(page).toContain('Version 2')
    expect(page).toContain('What changed: The signed copy')
    const v1 = await b.get(`/children/${ava}/documents/${letterId}/versions/1/download`)
    const v2 = await b.get(`/children/${leo}/documents/${letterId}/versions/2/download`)
    expect(v1.rawPayload.equals(LETTER)).toBe(true)
    expect(v2.rawPayload.equals(LETTER_SIGNED)).toBe(true)
    expect(filesOnDisk()).toHaveLength(2)
    const view = await db()
      .selectFrom('documents_child_document_v')
      .select('version')
      .where('child_id', '=', leo)
      .execute()
    expect(view).toEqual([{ version: 2 }])
  })

  it('takes a real spreadsheet, checked inside the zip', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Plan').addRow(['Action', 'Owner', 'Due'])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    const b = await signedIn('social.worker')
    const res = await b.postFiles(`/children/${ava}/documents/new`, [
      ['type', 'plan_for_parents'],
      ['title', 'Plan for parents'],
      ['date-day', '18'],
      ['date-month', '12'],
      ['date-year', '2026'],
      ['file', { filename: 'plan.xlsx', content: xlsx }],
    ])
    expect(res.statusCode, pageText(res.body)).toBe(303)
  })
})

describe('refusing a file', () => {
  async function refused(parts: FilePart[], username = 'social.worker') {
    const b = await signedIn(username)
    const before = { docs: (await documents()).length, files: filesOnDisk().length }
    const res = await b.postFiles(`/children/${ava}/documents/new`, parts, {
      formUrl: `/children/${ava}/documents/new`,
    })
    expect((await documents()).length).toBe(before.docs)
    expect(filesOnDisk()).toHaveLength(before.files)
    return res
  }

  it('says a file must be chosen, and every other problem at once, keeping the answers', async () => {
    const res = await refused([
      ['type', 'report'],
      ['title', 'School report'],
      ['date-day', '31'],
      ['date-month', '2'],
      ['date-year', '2026'],
    ])
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: Add a document')
    expect(pageText(res.body)).toMatch(
      /There is a problem Date of the document must be a real date Select a file/,
    )
    expect(res.body).toMatch(/value="report" checked/)
    expect(res.body).toContain('value="School report"')
  })

  it('refuses a type not taken by its name, and a program named .pdf by its contents, each audited', async () => {
    const exe = await refused(details([['file', { filename: 'setup.exe', content: PROGRAM }]]))
    expect(exe.statusCode).toBe(400)
    expect(pageText(exe.body)).toContain('setup.exe must be a PDF, DOCX, XLSX, ODT, JPG, PNG or TXT file')
    expect(exe.body).toContain('value="Letter to parents about the conference"')
    expect(
      (await auditRows(exe.headers['x-request-id'] as string)).filter((r) => r.action === 'document.upload'),
    ).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        child_id: ava,
        detail: expect.objectContaining({ reason: 'type' }),
      }),
    ])
    const disguised = await refused(details([pdf('letter.pdf', PROGRAM)]))
    expect(disguised.statusCode).toBe(400)
    expect(pageText(disguised.body)).toContain('The contents of letter.pdf are not a PDF')
    expect(
      (await auditRows(disguised.headers['x-request-id'] as string)).filter(
        (r) => r.action === 'document.upload',
      ),
    ).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        detail: expect.objectContaining({ reason: 'type', fileType: 'pdf' }),
      }),
    ])
  })

  it('refuses a file over the size limit, audited', async () => {
    const big = await refused(
      details([pdf('big.pdf', Buffer.concat([LETTER, Buffer.alloc(1024 * 1024, 0x20)]))]),
    )
    expect(big.statusCode).toBe(400)
    expect(pageText(big.body)).toContain('big.pdf must be smaller than 1 MB')
    expect(
      (await auditRows(big.headers['x-request-id'] as string)).filter((r) => r.action === 'document.upload'),
    ).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        detail: expect.objectContaining({ reason: 'too_large' }),
      }),
    ])
  })

  it('refuses an infected file: the scanner’s finding audited, the file deleted', async () => {
    const res = await refused(details([['file', { filename: 'report.txt', content: EICAR }]]))
    expect(res.statusCode).toBe(400)
    expect(pageText(res.body)).toContain('report.txt contains a virus. It has been deleted and not kept')
    const rows = (await auditRows(res.headers['x-request-id'] as string)).filter(
      (r) => r.action === 'document.upload',
    )
    expect(rows).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        child_id: ava,
        detail: expect.objectContaining({ reason: 'infected', scanner: expect.stringContaining('FOUND') }),
      }),
    ])
  })

  it('refuses an infected new version, keeping the current one', async () => {
    const b = await signedIn('social.worker')
    const before = filesOnDisk().length
    const res = await b.postFiles(`/children/${ava}/documents/${letterId}/new-version`, [
      ['file', { filename: 'letter.txt', content: EICAR }],
    ])
    expect(res.statusCode).toBe(400)
    expect(pageText(res.body)).toContain('letter.txt contains a virus')
    expect(filesOnDisk()).toHaveLength(before)
    const [doc] = await db()
      .selectFrom('document')
      .select('current_version')
      .where('id', '=', letterId)
      .execute()
    expect(doc?.current_version).toBe(2)
  })
})

describe('who may read and add documents', () => {
  it('answers a new version of a document not on the record as not found, audited', async () => {
    const b = await signedIn('social.worker')
    const res = await b.postFiles(`/children/${leo}/documents/99999999/new-version`, [pdf('x.pdf')], {
      formUrl: `/children/${leo}/documents`,
    })
    expect(res.statusCode).toBe(404)
    const rows = await auditRows(res.headers['x-request-id'] as string)
    expect(rows.filter((r) => r.outcome === 'denied').map((r) => [r.action, r.child_id])).toEqual([
      ['document.view', leo],
    ])
  })

  it('refuses a worker with no link to the child, audited, writing nothing', async () => {
    const b = await signedIn('social.worker2')
    const before = filesOnDisk().length
    const list = await b.get(`/children/${ava}/documents`)
    expect(list.statusCode).toBe(403)
    expect(list.body).not.toContain('Holloway')
    const post = await b.postFiles(`/children/${ava}/documents/new`, details([pdf('x.pdf')]), {
      formUrl: '/accessibility',
    })
    expect(post.statusCode).toBe(403)
    expect((await auditRows(post.headers['x-request-id'] as string)).map((r) => r.outcome)).toEqual([
      'denied',
    ])
    expect(filesOnDisk()).toHaveLength(before)
  })

  it('does not show documents to a partner practitioner who may open the record for a conference', async () => {
    await f.grant(ava, 'police', 'process_participant', { reason: 'ICPC' })
    const b = await signedIn('police')
    const record = await b.get(`/children/${ava}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).not.toContain('data-testid="documents-panel"')
    for (const url of [
      `/children/${ava}/documents`,
      `/children/${ava}/documents/${letterId}`,
      `/children/${ava}/documents/${letterId}/versions/1/download`,
    ]) {
      const res = await b.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.rawPayload.includes(LETTER)).toBe(false)
      const rows = await auditRows(res.headers['x-request-id'] as string)
      expect(rows.map((r) => [r.outcome, r.child_id])).toEqual([['denied', ava]])
    }
  })
})

describe('deleting a document', () => {
  it('asks for a reason, then marks it deleted on every child it is on, no longer downloadable', async () => {
    const b = await signedIn('social.worker')
    const url = `/children/${leo}/documents/${letterId}/delete`
    const missing = await b.post(url, { reason: '' })
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Enter why this document is being deleted')
    const res = await b.post(url, { reason: 'Put on the wrong family’s record' })
    expect(res.statusCode).toBe(303)
    const [doc] = await db().selectFrom('document').selectAll().where('id', '=', letterId).execute()
    expect(doc?.deleted_reason).toBe('Put on the wrong family’s record')
    expect(
      await db()
        .selectFrom('documents_child_document_v')
        .select('document_id')
        .where('document_id', '=', letterId)
        .execute(),
    ).toEqual([])
    const page = pageText((await b.get(`/children/${ava}/documents/${letterId}`)).body)
    expect(page).toContain('This document was deleted on')
    expect(page).toContain('Put on the wrong family’s record')
    expect((await b.get(`/children/${ava}/documents/${letterId}/versions/1/download`)).statusCode).toBe(404)
    // The files are kept for the record.
    expect(filesOnDisk().length).toBeGreaterThanOrEqual(2)
    const audited = await auditRows(res.headers['x-request-id'] as string)
    expect(audited.filter((r) => r.action === 'document.delete').map((r) => r.child_id)).toEqual([ava, leo])
  })
})
