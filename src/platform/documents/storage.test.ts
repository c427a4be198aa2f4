/**
 * Keeping a document's file: checked by contents, scanned when a scanner is configured (here a
 * tiny script: exit 0 clean, 1 infected, 2 failed), kept under an opaque name with its SHA-256,
 * and nothing left on disk when refused.
 */
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkAndKeep, incomingFolder, scanFile, storedPath, type DocumentSettings } from './storage.js'

let root: string
let scanner: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'haven-documents-test-'))
  scanner = join(root, 'fake-scanner.sh')
  writeFileSync(
    scanner,
    '#!/bin/sh\n# A stand-in for clamdscan: the file is its last word.\nfor f; do :; done\ngrep -q SCAN-FAILS "$f" && exit 2\ngrep -q EICAR "$f" && { echo "$f: Eicar-Test-Signature FOUND"; exit 1; }\nexit 0\n',
  )
  chmodSync(scanner, 0o755)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

function settings(scan: boolean): DocumentSettings {
  return {
    dir: join(root, scan ? 'scanned' : 'plain'),
    maxMegabytes: 1,
    scanCommand: scan ? ['sh', scanner] : null,
  }
}

function received(s: DocumentSettings, name: string, content: string | Buffer) {
  const dir = incomingFolder(s, 'req-1')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'file-001')
  writeFileSync(path, content)
  return { path, name }
}

const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
        (f) => /[^/]+-[^/]+$/.test(f) && !f.startsWith('incoming'),
      )
    : []

describe('keeping a document’s file', () => {
  it('keeps a PDF under an opaque name with its SHA-256, not scanned when no scanner is set', async () => {
    const s = settings(false)
    const content = '%PDF-1.4\nA letter to the family.\n%%EOF\n'
    const file = received(s, 'Letter to Ms Holloway.pdf', content)
    const kept = await checkAndKeep(s, file)
    expect(kept).toMatchObject({
      ok: true,
      type: 'pdf',
      mediaType: 'application/pdf',
      bytes: content.length,
      scanned: false,
    })
    if (!kept.ok) throw new Error('not kept')
    expect(kept.storedName).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/)
    expect(kept.storedName).not.toContain('Holloway')
    expect(kept.sha256).toBe(createHash('sha256').update(content).digest('hex'))
    expect(readFileSync(storedPath(s, kept.storedName), 'utf8')).toBe(content)
    expect(existsSync(file.path)).toBe(false)
  })

  it('refuses a program named .pdf and removes it', async () => {
    const s = settings(false)
    const file = received(
      s,
      'letter.pdf',
      Buffer.from('MZ\x90\x00\x03 This program cannot be run in DOS mode', 'latin1'),
    )
    expect(await checkAndKeep(s, file)).toEqual({
      ok: false,
      reason: 'type',
      message: 'The contents of letter.pdf are not a PDF: save it again as one, or select another file',
    })
    expect(existsSync(file.path)).toBe(false)
  })

  it('scans every file when a scanner is set: clean is kept and marked scanned', async () => {
    const s = settings(true)
    const kept = await checkAndKeep(s, received(s, 'notes.txt', 'Visit went well.\n'))
    expect(kept).toMatchObject({ ok: true, scanned: true, type: 'txt' })
  })

  it('refuses an infected file, removes it, and keeps the scanner’s words for the audit', async () => {
    const s = settings(true)
    const before = files(s.dir).length
    const file = received(s, 'report.txt', 'X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE\n')
    const refused = await checkAndKeep(s, file)
    expect(refused).toMatchObject({
      ok: false,
      reason: 'infected',
      message: 'report.txt contains a virus. It has been deleted and not kept',
    })
    expect(refused.ok ? '' : refused.detail).toContain('FOUND')
    expect(existsSync(file.path)).toBe(false)
    expect(files(s.dir)).toHaveLength(before)
  })

  it('refuses a file the scanner could not check, and one when the scanner cannot be run', async () => {
    const s = settings(true)
    const failed = await checkAndKeep(s, received(s, 'minutes.txt', 'SCAN-FAILS\n'))
    expect(failed).toMatchObject({ ok: false, reason: 'scan_failed' })
    expect(failed.ok ? '' : failed.message).toContain('could not be checked for viruses')
    const missing = { ...s, scanCommand: [join(root, 'no-such-scanner')] }
    const file = received(missing, 'minutes.txt', 'fine\n')
    expect(await checkAndKeep(missing, file)).toMatchObject({ ok: false, reason: 'scan_failed' })
    expect(existsSync(file.path)).toBe(false)
  })

  it('runs the scanner without a shell: the file’s path is one word, whatever it holds', async () => {
    const odd = join(root, 'a file; rm -rf x.txt')
    writeFileSync(odd, 'clean')
    expect(await scanFile(['sh', scanner], odd)).toEqual({ outcome: 'clean' })
  })

  it('refuses a stored name Haven did not make', () => {
    expect(() => storedPath(settings(false), '../../etc/passwd')).toThrow(/Not a stored document name/)
  })
})
