import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { identifyTable, normaliseColumnName, readCsv, readCsvText, toCsvText } from './csv.js'
import { SSDA903_COLUMNS, SSDA903_TABLES, makeRow, rowsOf, type Ssda903Row } from './model.js'
import { testReturn } from './test-return.js'
import { decodeChunks, type DecodeNotes } from './text-source.js'

const HEADER_LINE = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'

async function* bytesToText(bytes: Uint8Array, notes?: DecodeNotes): AsyncGenerator<string> {
  async function* one(): AsyncGenerator<Uint8Array> {
    yield bytes
  }
  yield* decodeChunks(one(), notes)
}

describe('recognising a table from its header', () => {
  it.each(SSDA903_TABLES)('recognises %s by its columns in any order', (table) => {
    const columns = [...SSDA903_COLUMNS[table]].reverse()
    expect(identifyTable(columns)).toEqual({ table })
  })

  it('refuses a column set that is one column short, naming the nearest table and what is missing', () => {
    const columns = SSDA903_COLUMNS.Episodes.filter((c) => c !== 'URN')
    expect(identifyTable(columns)).toEqual({
      table: null,
      closest: 'Episodes',
      missing: ['URN'],
      unexpected: [],
    })
  })

  it('refuses a Header with the UASC flag the validators add, as they do', () => {
    expect(identifyTable([...SSDA903_COLUMNS.Header, 'UASC']).table).toBeNull()
  })

  it.each([
    ['\uFEFFCHILD', 'CHILD'],
    [' child ', 'CHILD'],
    ['Place Provider', 'PLACE_PROVIDER'],
    ['mc-dob', 'MC_DOB'],
    ['REASON_PLACE_CHANGE', 'REASON_PLACE_CHANGE'],
  ])('reads header cell %j as %s', (given, expected) => {
    expect(normaliseColumnName(given)).toBe(expected)
  })
})

describe('writing CSV', () => {
  it('writes the DfE column order, CRLF, DD/MM/YYYY dates and quotes only where needed (golden)', () => {
    const rows = [
      makeRow(
        'Header',
        { CHILD: 'HV1', SEX: 'F', DOB: '1/6/2012', ETHNIC: ' WBRI ', UPN: 'A,B', MOTHER: 'say "hi"' },
        at0,
      ),
      makeRow('Header', { CHILD: 'HV2', DOB: '31/02/2012' }, at0),
    ]
    expect(toCsvText('Header', rows)).toBe(
      `${HEADER_LINE}\r\nHV1,F,01/06/2012,WBRI,"A,B","say ""hi""",\r\nHV2,,31/02/2012,,,,\r\n`,
    )
  })

  it('writes a table with no rows as its header alone', () => {
    expect(toCsvText('DoLo', [])).toBe('CHILD,DOB,DOLO_START,DOLO_END\r\n')
  })

  it('round-trips every table of a return byte for byte: CSV → model → CSV', async () => {
    const ret = testReturn()
    for (const table of SSDA903_TABLES) {
      const text = toCsvText(table, rowsOf(ret, table) ?? [])
      const read = await readCsvText(text, `${table}.csv`)
      expect(read.problems).toEqual([])
      expect(read.table).toBe(table)
      expect(toCsvText(table, read.rows as Ssda903Row<typeof table>[])).toBe(text)
    }
  })

  it('round-trips any cell text byte for byte (property)', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r', '/', 'é', '0', '3'),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.stringMatching(/^[A-Z0-9]{1,8}$/), cell, cell, cell), {
          minLength: 0,
          maxLength: 8,
        }),
        async (cells) => {
          const rows = cells.map(([child, decom, ls, post], i) =>
            makeRow(
              'Episodes',
              { CHILD: child, DECOM: decom, LS: ls, HOME_POST: post },
              { file: 'p', row: i },
            ),
          )
          const text = toCsvText('Episodes', rows)
          const read = await readCsvText(text, 'p.csv')
          expect(read.problems).toEqual([])
          expect(toCsvText('Episodes', read.rows as Ssda903Row<'Episodes'>[])).toBe(text)
        },
      ),
      { numRuns: 200 },
    )
  })
})

const at0 = { file: 't', row: 0 }

describe('reading messy CSV files', () => {
  it('reads a file with a BOM, CRLF, a header in another case and order, stray spaces and trailing blanks', async () => {
    const text =
      '\uFEFFchild , Sex,dob,Ethnic,upn,Mother,MC DOB,\r\n' +
      ' HV1 ,f, 1/6/2012 ,wbri,,,,\r\n' +
      'HV2,M,02/11/2008,BAFR,UN2,,,\r\n' +
      ',,,,,,,\r\n' +
      '\r\n' +
      ',,,,,,,\r\n'
    const read = await readCsvText(text, 'header.csv')
    expect(read.problems).toEqual([])
    expect(read.table).toBe('Header')
    expect(read.rows).toHaveLength(2)
    const [first] = read.rows as Ssda903Row<'Header'>[]
    expect(first?.CHILD).toBe('HV1')
    expect(first?.text.CHILD).toBe(' HV1 ')
    expect(first?.SEX).toBe('F')
    expect(first?.DOB).toBe('2012-06-01')
    expect(first?.line).toBe(2)
    expect(toCsvText('Header', read.rows as Ssda903Row<'Header'>[])).toBe(
      `${HEADER_LINE}\r\nHV1,f,01/06/2012,wbri,,,\r\nHV2,M,02/11/2008,BAFR,UN2,,\r\n`,
    )
  })

  it('reads the same file from UTF-16 ("Unicode text", as Excel saves it)', async () => {
    const text = `${HEADER_LINE}\r\nHV1,F,01/06/2012,WBRI,,,\r\n`
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])
    const read = await readCsv(bytesToText(bytes), 'header.csv')
    expect(read.problems).toEqual([])
    expect(read.rows.map((r) => r.CHILD)).toEqual(['HV1'])
  })

  it('keeps a row of empty cells between rows, as the DfE validators do, but not one at the end', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nHV1,F,,,,,\n,,,,,,\nHV2,M,,,,,\n,,,,,,\n`, 'h.csv')
    expect(read.rows.map((r) => r.CHILD)).toEqual(['HV1', null, 'HV2'])
    expect(read.rows.map((r) => r.line)).toEqual([2, 3, 4])
    expect(read.rows.map((r) => r.row)).toEqual([0, 1, 2])
  })

  it('does not read a repeated header as a row, and says so', async () => {
    const read = await readCsvText(
      `${HEADER_LINE}\nHV1,F,,,,,\nchild,sex,dob,ethnic,upn,mother,mc_dob\nHV2,M,,,,,\n`,
      'h.csv',
    )
    expect(read.rows.map((r) => r.CHILD)).toEqual(['HV1', 'HV2'])
    expect(read.problems).toMatchObject([{ severity: 'warning', line: 3 }])
  })

  it('reads a row that only starts like the header', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nCHILD,SEX,DOB,ETHNIC,UPN,MOTHER,X\n`, 'h.csv')
    expect(read.rows.map((r) => r.CHILD)).toEqual(['CHILD'])
    expect(read.problems).toEqual([])
  })

  it('counts lines inside quoted cells, so later rows keep their true line', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nHV1,F,,,"two\nlines",,\nHV2,M,,,,,\n`, 'h.csv')
    expect(read.rows.map((r) => r.line)).toEqual([2, 4])
  })

  it('reads a row with too few cells, reporting its row and the columns read as blank', async () => {
    const read = await readCsvText(
      `${HEADER_LINE}\nHV1,F,01/06/2012,WBRI,,,\nHV2,M,02/11/2008\n`,
      'header.csv',
    )
    expect(read.rows).toHaveLength(2)
    expect(read.rows[1]?.CHILD).toBe('HV2')
    expect(read.problems).toEqual([
      {
        severity: 'error',
        file: 'header.csv',
        line: 3,
        column: 'ETHNIC',
        message: 'row 3 has 3 cells where the header has 7: ETHNIC, UPN, MOTHER, MC_DOB were read as blank',
      },
    ])
  })

  it('reports nothing for a row with all its cells', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nHV2,M,02/11/2008,BAFR,,,\n`, 'header.csv')
    expect(read.problems).toEqual([])
  })

  it('reports a value beyond the last column, but not empty cells there', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nHV1,F,,,,,,,\nHV2,M,,,,,,oops\n`, 'header.csv')
    expect(read.rows).toHaveLength(2)
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]).toMatchObject({ severity: 'error', line: 3, column: 'column 8' })
  })

  it('reports an unknown file clearly and reads nothing from it', async () => {
    const read = await readCsvText('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,2,3\n', 'eps.csv')
    expect(read.table).toBeNull()
    expect(read.rows).toEqual([])
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]?.message).toContain('not an SSDA903 table')
    expect(read.problems[0]?.message).toContain(
      'nearest is Episodes: missing REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN',
    )
  })

  it('says so when no column is an SSDA903 column', async () => {
    const read = await readCsvText('name,address\nAlice,Leeds\n', 'people.csv')
    expect(read.problems[0]?.message).toContain('none of its columns is an SSDA903 column')
  })

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['only blank lines', '\r\n\r\n', 'the file is empty'],
    ['a column named twice', 'CHILD,DOB,DOB\n', 'names column DOB twice'],
    ['a column without a name', 'CHILD,,DOB\n', 'a column with no name'],
  ])('refuses %s', async (_, text, message) => {
    const read = await readCsvText(text, 'x.csv')
    expect(read.table).toBeNull()
    expect(read.problems[0]?.severity).toBe('error')
    expect(read.problems[0]?.message).toContain(message)
  })

  it('reports a quote left open, with its line, keeping the rows before it', async () => {
    const read = await readCsvText(`${HEADER_LINE}\nHV1,F,,,,,\nHV2,"M,,,,,\nHV3,F,,,,,\n`, 'h.csv')
    expect(read.rows.map((r) => r.CHILD)).toEqual(['HV1'])
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]?.severity).toBe('error')
    expect(read.problems[0]).toMatchObject({ line: 3 })
    expect(read.problems[0]?.message).toContain('a quote opened in the row on line 3 is never closed')
  })

  it('refuses a spreadsheet renamed .csv', async () => {
    const xlsx = await readCsv(bytesToText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), 'book.csv')
    expect(xlsx.table).toBeNull()
    expect(xlsx.problems[0]?.message).toContain('not a text file')
  })

  it('reads a stray byte that is not UTF-8 as U+FFFD, and says how many there were', async () => {
    const decoding = { replaced: 0 }
    const bytes = new Uint8Array([...Buffer.from(`${HEADER_LINE}\nHV1,F,,`), 0xa3, ...Buffer.from('RI,,,\n')])
    const read = await readCsv(bytesToText(bytes, decoding), 'l.csv', { decoding })
    expect((read.rows as Ssda903Row<'Header'>[]).map((r) => r.ETHNIC)).toEqual(['\uFFFDRI'])
    expect(read.problems).toMatchObject([
      { severity: 'warning', message: expect.stringContaining('1 character was not UTF-8') },
    ])
  })

  it('says nothing of decoding when every byte was UTF-8', async () => {
    const decoding = { replaced: 0 }
    const read = await readCsv(bytesToText(Buffer.from(`${HEADER_LINE}\nHV1,F,,£,,,\n`), decoding), 'u.csv', {
      decoding,
    })
    expect((read.rows as Ssda903Row<'Header'>[]).map((r) => r.ETHNIC)).toEqual(['£'])
    expect(read.problems).toEqual([])
  })

  it('stops at a row far longer than any SSDA903 row, rather than hold it all', async () => {
    async function* garbage(): AsyncGenerator<string> {
      yield `${HEADER_LINE}\nHV1,F,,,,,\n`
      for (let i = 0; i < 40; i++) yield 'x'.repeat(65_536)
    }
    const read = await readCsv(garbage(), 'huge.csv')
    expect(read.rows.map((r) => r.CHILD)).toEqual(['HV1'])
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]?.message).toContain(
      'could not be read from line 3 on: the row on line 3 is longer than',
    )
  })

  it('lists a few hundred problems of a bad file and counts the rest', async () => {
    const text = `${HEADER_LINE}\n` + 'HV1,F\n'.repeat(500)
    const read = await readCsvText(text, 'h.csv')
    expect(read.rows).toHaveLength(500)
    expect(read.problems).toHaveLength(201)
    expect(read.problems[200]?.message).toBe('300 more errors in this file are not listed')
  })
})
