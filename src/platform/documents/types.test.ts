import { describe, expect, it } from 'vitest'
import {
  checkContent,
  isPlainText,
  refuseByName,
  sizeInWords,
  typeByName,
  type DocumentFileType,
} from './types.js'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))

/** A zip's start: the local header's signature, then 26 bytes, then its first entry's name. */
const zipStart = (firstEntry: string, after = '') =>
  bytes(
    [0x50, 0x4b, 0x03, 0x04],
    Array.from({ length: 26 }, () => 0),
    firstEntry,
    after,
  )
const centralDirectory = (...names: string[]) =>
  bytes([0x50, 0x4b, 0x01, 0x02], names.join('\0'), [0x50, 0x4b, 0x05, 0x06])

const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj')
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode')
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR')
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')
const DOCX = zipStart('[Content_Types].xml')
const DOCX_TAIL = centralDirectory('[Content_Types].xml', 'word/document.xml', 'word/styles.xml')
const XLSX_TAIL = centralDirectory('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml')
const DOCM_TAIL = centralDirectory('word/document.xml', 'word/vbaProject.bin')
const ODT = zipStart('mimetype', 'application/vnd.oasis.opendocument.text')
const ODS = zipStart('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
const TEXT = Buffer.from('Letter to Ms Holloway\r\nDear Sophie,\n\tThank you — see you on 5 March.')

describe('the type a file’s name says', () => {
  it.each([
    ['letter.pdf', 'pdf'],
    ['Report.PDF', 'pdf'],
    ['minutes.docx', 'docx'],
    ['plan.xlsx', 'xlsx'],
    ['plan.odt', 'odt'],
    ['photo.jpg', 'jpeg'],
    ['photo.JPEG', 'jpeg'],
    ['scan.png', 'png'],
    ['notes.txt', 'txt'],
    ['macro.docm', null],
    ['page.html', null],
    ['drawing.svg', null],
    ['bundle.zip', null],
    ['setup.exe', null],
    ['old.doc', null],
    ['no-extension', null],
    ['letter.pdf.exe', null],
  ])('%s is %s', (name, type) => {
    expect(typeByName(name)).toBe(type)
  })

  it('names the types taken when refusing one', () => {
    expect(refuseByName('setup.exe')).toBe('setup.exe must be a PDF, DOCX, XLSX, ODT, JPG, PNG or TXT file')
    expect(refuseByName('letter.pdf')).toBeNull()
  })
})

describe('the contents against the name', () => {
  const cases: [string, DocumentFileType, Buffer, Buffer, boolean][] = [
    ['a PDF', 'pdf', PDF, PDF, true],
    ['a program named .pdf', 'pdf', EXE, EXE, false],
    ['a PNG named .pdf', 'pdf', PNG, PNG, false],
    ['a PNG', 'png', PNG, PNG, true],
    ['a JPEG named .png', 'png', JPEG, JPEG, false],
    ['a JPEG', 'jpeg', JPEG, JPEG, true],
    ['a program named .jpg', 'jpeg', EXE, EXE, false],
    ['a Word document', 'docx', DOCX, DOCX_TAIL, true],
    ['a spreadsheet named .docx', 'docx', DOCX, XLSX_TAIL, false],
    ['a spreadsheet', 'xlsx', DOCX, XLSX_TAIL, true],
    ['a Word document named .xlsx', 'xlsx', DOCX, DOCX_TAIL, false],
    ['a program named .docx', 'docx', EXE, DOCX_TAIL, false],
    ['an OpenDocument text', 'odt', ODT, ODT, true],
    ['an OpenDocument spreadsheet named .odt', 'odt', ODS, ODS, false],
    ['a Word document named .odt', 'odt', DOCX, DOCX_TAIL, false],
    ['plain text', 'txt', TEXT, TEXT, true],
    ['a program named .txt', 'txt', EXE, EXE, false],
    ['a PDF named .txt', 'txt', PDF, PDF, false],
  ]
  it.each(cases)('%s: taken %s', (_what, type, head, tail, ok) => {
    const why = checkContent(type, head, tail, 'file')
    if (ok) expect(why).toBeNull()
    else expect(why).toMatch(/^The contents of file are not /)
  })

  it('refuses a Word document with macros, saying so', () => {
    expect(checkContent('docx', DOCX, DOCM_TAIL, 'plan.docx')).toBe(
      'plan.docx contains macros. Save it without them (as a .docx file) and select it again',
    )
  })

  it('says what the file is not, in words', () => {
    expect(checkContent('pdf', EXE, EXE, 'letter.pdf')).toBe(
      'The contents of letter.pdf are not a PDF: save it again as one, or select another file',
    )
    expect(checkContent('xlsx', EXE, EXE, 'a.xlsx')).toContain('are not an Excel spreadsheet (XLSX)')
    expect(checkContent('txt', EXE, EXE, 'a.txt')).toContain('are not plain text')
  })
})

describe('plain text', () => {
  it.each([
    ['ASCII with tabs and both line endings', bytes('a\tb\r\nc\n'), true],
    ['UTF-8 with accents and quotes', Buffer.from('Zoë’s “plan” — 5 March'), true],
    ['a NUL byte', bytes('abc', [0], 'def'), false],
    ['a bell', bytes('abc', [7]), false],
    ['Latin-1, not UTF-8', bytes('Zo', [0xeb]), false],
    ['nothing', Buffer.alloc(0), true],
  ])('%s: %s', (_what, b, ok) => {
    expect(isPlainText(b)).toBe(ok)
  })
})

it('gives sizes in words', () => {
  expect(sizeInWords(820)).toBe('820 bytes')
  expect(sizeInWords(14 * 1024 + 100)).toBe('14 KB')
  expect(sizeInWords(2.34 * 1024 * 1024)).toBe('2.3 MB')
})
