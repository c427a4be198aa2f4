import { describe, expect, it } from 'vitest'
import { testChild } from './test-child.js'
import fc from 'fast-check'
import {
  canonicalText,
  codeValue,
  formatDfeDate,
  isBlank,
  isInvalidDate,
  makeRow,
  makeRowFromTexts,
  parseDfeDate,
  rowByColumn,
  SSDA903_COLUMNS,
  SSDA903_DATE_COLUMNS,
  SSDA903_TABLES,
} from './model.js'
import { indexByChild } from './index.js'

const at = { file: 'test.csv', row: 0, line: 2 }

describe('parseDfeDate', () => {
  it.each([
    ['01/04/2025', '2025-04-01'],
    ['1/4/2025', '2025-04-01'],
    [' 31/03/2026 ', '2026-03-31'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDfeDate(text)).toBe(iso)
  })

  it.each([
    '',
    '   ',
    '29/02/2025', // not a leap year
    '29/02/1900', // divisible by 100 but not 400
    '31/04/2025',
    '00/01/2025',
    '01/13/2025',
    '2025-04-01',
    '01/04/25',
    '01/04/2025 00:00:00',
    '01-04-2025',
    'ABC',
  ])('refuses %j', (text) => {
    expect(parseDfeDate(text)).toBeNull()
  })

  it('formats any real date back to the text it was read from', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          expect(parseDfeDate(formatDfeDate(iso))).toBe(iso)
        },
      ),
    )
  })
})

describe('codeValue', () => {
  it.each([
    ['', null],
    ['   ', null],
    [' v2 ', 'V2'],
    ['V2', 'V2'],
    ['883C00000007', '883C00000007'],
    ['Zz9 9zz', 'ZZ9 9ZZ'],
    ['straße', 'STRASSE'],
    ['É1', 'É1'],
    ['é1', 'É1'],
  ])('%j is %j', (text, value) => {
    expect(codeValue(text)).toBe(value)
  })
})

describe('makeRow', () => {
  it('keeps the text and upper-cases and trims codes', () => {
    const row = makeRow('Episodes', { CHILD: ' ab1 ', DECOM: '1/4/2025', LS: 'c2', DEC: '31/02/2025' }, at)
    expect(row.CHILD).toBe('AB1')
    expect(row.text.CHILD).toBe(' ab1 ')
    expect(row.LS).toBe('C2')
    expect(row.DECOM).toBe('2025-04-01')
    expect(row.DEC).toBeNull()
    expect(row.REC).toBeNull()
    expect(row.text.REC).toBe('')
    expect(row.file).toBe('test.csv')
    expect(row.line).toBe(2)
  })

  it('tells a blank date from an invalid one', () => {
    const row = makeRow('Episodes', { CHILD: '1', DECOM: '31/02/2025', DEC: ' ' }, at)
    expect(isInvalidDate(row, 'DECOM')).toBe(true)
    expect(isBlank(row, 'DECOM')).toBe(false)
    expect(isInvalidDate(row, 'DEC')).toBe(false)
    expect(isBlank(row, 'DEC')).toBe(true)
  })

  it('writes real dates in DD/MM/YYYY and anything else as it was, trimmed', () => {
    const row = makeRow(
      'Missing',
      { CHILD: '1', MIS_START: '1/4/2025', MIS_END: ' 2025-04-03 ', MISSING: 'm' },
      at,
    )
    expect(canonicalText(row, 'MIS_START')).toBe('01/04/2025')
    expect(canonicalText(row, 'MIS_END')).toBe('2025-04-03')
    expect(canonicalText(row, 'MISSING')).toBe('m')
  })

  it('builds a row read with a line (the CSV way) as it builds one a column at a time (property)', () => {
    const cell = fc.constantFrom(
      '',
      ' ',
      'c2',
      ' v2 ',
      'Xyz12',
      '01/04/2025',
      '1/4/2025',
      '31/02/2025',
      '2025-04-03',
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...SSDA903_TABLES),
        fc.array(cell, { maxLength: 14 }),
        fc.nat(),
        (table, texts, line) => {
          const quick = makeRowFromTexts(table, texts, { file: 'f.csv', row: 3, line })
          const slow = rowByColumn(table, texts, { file: 'f.csv', row: 3, line })
          expect(Object.keys(quick)).toEqual(Object.keys(slow))
          expect(Object.keys(quick.text)).toEqual(Object.keys(slow.text))
          expect(quick).toStrictEqual(slow)
        },
      ),
      { numRuns: 300 },
    )
    // XML rows have an element and no line: built a column at a time.
    const xml = makeRowFromTexts('Header', ['1'], { file: 'r.xml', row: 0, element: 'CHILD 1' })
    expect(Object.keys(xml)).toEqual(['table', 'file', 'row', 'element', ...SSDA903_COLUMNS.Header, 'text'])
  })

  it('has every date column among its table columns', () => {
    for (const t of SSDA903_TABLES) {
      for (const c of SSDA903_DATE_COLUMNS[t]) expect(SSDA903_COLUMNS[t] as readonly string[]).toContain(c)
      expect(SSDA903_COLUMNS[t][0]).toBe('CHILD')
    }
  })
})

describe('indexByChild', () => {
  it('groups every table by child, this year and last, in file order', () => {
    const ret = {
      current: {
        Header: [makeRow('Header', { CHILD: 'A' }, at), makeRow('Header', { CHILD: 'B' }, at)],
        Episodes: [
          makeRow('Episodes', { CHILD: 'b', DECOM: '01/05/2025' }, at),
          makeRow('Episodes', { CHILD: 'C', DECOM: '01/05/2025' }, at),
          makeRow('Episodes', { CHILD: 'A', DECOM: '01/06/2025' }, at),
          makeRow('Episodes', { CHILD: 'B', DECOM: '01/04/2025' }, at),
          makeRow('Episodes', { CHILD: ' ', DECOM: '01/04/2025' }, at),
        ],
        UASC: [makeRow('UASC', { CHILD: 'B' }, at)],
      },
      previous: {
        Episodes: [makeRow('Episodes', { CHILD: 'A', DECOM: '01/06/2024' }, at)],
        UASC: [makeRow('UASC', { CHILD: 'A' }, at)],
      },
    }
    const index = indexByChild(ret)
    // A child with no Header row comes after those with one.
    expect([...index.children.keys()]).toEqual(['A', 'B', 'C'])
    expect(index.children.get('C')?.current.Header).toHaveLength(0)
    const b = index.children.get('B')
    expect(b?.current.Episodes.map((e) => e.DECOM)).toEqual(['2025-05-01', '2025-04-01'])
    expect(b?.uasc).toBe(true)
    expect(index.children.get('A')?.uasc).toBe(false)
    expect(index.children.get('A')?.previousUasc).toBe(true)
    expect(b?.previousUasc).toBe(false)
    expect(index.children.get('A')?.previous.Episodes).toHaveLength(1)
    expect(b?.previous.Episodes).toHaveLength(0)
    expect(index.unidentified.current).toHaveLength(1)
    expect([...index.supplied.current].sort()).toEqual(['Episodes', 'Header', 'UASC'])
    expect([...index.supplied.previous]).toEqual(['Episodes', 'UASC'])
  })
})

describe('testChild', () => {
  it('flags a child UASC from a Header UASC as XML gives it, or from a UASC row as CSV does', () => {
    expect(testChild({ Header: [{ UASC: '0' }], UASC: [{ DUC: '01/01/2027' }] })).toMatchObject({
      uasc: true,
      uascFlag: false,
    })
    expect(testChild({ Header: [{ UASC: '1' }] })).toMatchObject({ uasc: false, uascFlag: true })
    expect(testChild({ Header: [{}], UASC: [{}] }, { UASC: [{}] })).toMatchObject({
      uascFlag: true,
      previousUascFlag: true,
    })
  })
})
