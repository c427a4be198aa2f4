import { describe, expect, it } from 'vitest'
import { contentDisposition, documentSchema, mayAddVersion, mayDelete } from './model.js'

describe('deleting and new versions', () => {
  const doc = { uploadedBy: 1, deletedAt: null }
  it.each([
    ['the uploader', doc, 1, false, true],
    ['a manager of the case', doc, 2, true, true],
    ['someone else', doc, 2, false, false],
    ['anyone, once deleted', { ...doc, deletedAt: new Date() }, 1, true, false],
  ])('%s: %s', (_who, d, actorId, manages, allowed) => {
    expect(mayDelete(d, actorId, manages).allowed).toBe(allowed)
  })

  it('takes no new version of a deleted document', () => {
    expect(mayAddVersion({ deletedAt: null }).allowed).toBe(true)
    expect(mayAddVersion({ deletedAt: new Date() })).toEqual({
      allowed: false,
      reason: 'This document has been deleted: a new version cannot be added.',
    })
  })
})

describe('the document form', () => {
  const now = new Date('2026-12-18T10:00:00Z')
  const siblings = [{ id: 7, name: 'Leo Holloway' }]
  const good = {
    type: 'conference_minutes',
    title: ' ICPC minutes ',
    'date-day': '16',
    'date-month': '12',
    'date-year': '2026',
  }

  it('reads good answers, with the siblings chosen', () => {
    expect(documentSchema(now, siblings).parse({ ...good, siblings: '7' })).toEqual({
      type: 'conference_minutes',
      title: 'ICPC minutes',
      documentDate: '2026-12-16',
      siblingIds: [7],
    })
  })

  it.each([
    [{ ...good, type: 'minutes' }, 'type', 'Select what kind of document it is'],
    [{ ...good, title: '' }, 'title', 'Enter a title for the document'],
    [{ ...good, title: 'x'.repeat(201) }, 'title', 'The title must be 200 characters or fewer'],
    [
      { ...good, 'date-day': '', 'date-month': '', 'date-year': '' },
      'date-day',
      'Enter the date of the document',
    ],
    [
      { ...good, 'date-day': '30', 'date-month': '2' },
      'date-day',
      'Date of the document must be a real date',
    ],
    [{ ...good, 'date-day': '19' }, 'date-day', 'Date of the document must be today or in the past'],
    [{ ...good, siblings: '8' }, 'siblings', 'Select only children shown on this page'],
  ])('refuses %j on %s', (answers, field, message) => {
    const parsed = documentSchema(now, siblings).safeParse(answers)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toContainEqual([field, message])
  })

  it('says every problem at once', () => {
    const parsed = documentSchema(now, siblings).safeParse({})
    expect(parsed.error?.issues.map((i) => i.path[0])).toEqual(['type', 'title', 'date-day'])
  })
})

describe('the download’s name', () => {
  it.each([
    ['letter.pdf', `attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`],
    [
      'Zoë’s plan.docx',
      `attachment; filename="Zo__s plan.docx"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20plan.docx`,
    ],
    ['a"b\r\nc.pdf', `attachment; filename="a_b__c.pdf"; filename*=UTF-8''a_b__c.pdf`],
    [
      "it's (final).txt",
      `attachment; filename="it's (final).txt"; filename*=UTF-8''it%27s%20%28final%29.txt`,
    ],
  ])('%s', (name, header) => {
    expect(contentDisposition(name)).toBe(header)
  })
})
