import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readCsvText, toCsvText } from './csv.js'
import { SSDA903_TABLES, makeRow, rowsOf, type Ssda903Row, type Ssda903Tables } from './model.js'
import { canonical, testReturn } from './test-return.js'
import { indexByChild } from './index.js'
import { readXml, readXmlText, toXmlText } from './xml.js'

const at = (i: number) => ({ file: 't.csv', row: i })

// A child as an LA system writes it: one line, empty elements for blanks, fields in its own order.
const DFE_SHAPED =
  `<?xml version='1.0' encoding='us-ascii'?>\n` +
  '<EXPSSDA903><CHILD><HEADER><CHILDID>HV2001</CHILDID><UPN>UN3</UPN><SEX>M</SEX><DOB>09/09/2011</DOB>' +
  '<ETHNIC>wbri</ETHNIC><UASC /><AREVIEW><REVIEW>01/05/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>' +
  '<AMISSING><MISSING>A</MISSING><MIS_START>02/06/2025</MIS_START><MIS_END>03/06/2025</MIS_END></AMISSING>' +
  '<MOTHER /><MC_DOB /><PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>' +
  '<OC2><SDQ_SCORE>12</SDQ_SCORE><CONVICTED>0</CONVICTED></OC2></HEADER>' +
  '<EPISODE><DECOM>01/04/2025</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL><PL_POST>ZZ9 9ZZ</PL_POST>' +
  '<HOME_POST /><URN>SC000009</URN><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /><REASON_PLACE_CHANGE /></EPISODE>' +
  '</CHILD><CHILD><HEADER><CHILDID>HV2002</CHILDID><SEX>F</SEX><DOB>01/01/2006</DOB><UASC>1</UASC>' +
  '<DUC>01/01/2024</DUC><IN_TOUCH>YES</IN_TOUCH><ACTIV>F1</ACTIV><ACCOM>U1</ACCOM></HEADER></CHILD></EXPSSDA903>'

describe('reading EXPSSDA903 XML', () => {
  it('maps each element to its table and column, copying the child’s DOB into its rows', async () => {
    const read = await readXmlText(DFE_SHAPED, 'return.xml')
    expect(read.problems).toEqual([])
    const t = read.tables
    expect(t.Header?.map((h) => [h.CHILD, h.SEX, h.DOB, h.ETHNIC])).toEqual([
      ['HV2001', 'M', '2011-09-09', 'WBRI'],
      ['HV2002', 'F', '2006-01-01', null],
    ])
    expect(t.Episodes?.[0]).toMatchObject({ CHILD: 'HV2001', PLACE: 'U4', DECOM: '2025-04-01', DEC: null })
    expect(t.Episodes?.[0]?.element).toBe('CHILD 1 › EPISODE 1')
    expect(t.Reviews?.[0]).toMatchObject({ CHILD: 'HV2001', DOB: '2011-09-09', REVIEW_CODE: 'PN1' })
    expect(t.Missing?.[0]).toMatchObject({ CHILD: 'HV2001', MISSING: 'A', MIS_END: '2025-06-03' })
    expect(t.PrevPerm?.[0]).toMatchObject({ PREV_PERM: 'Z1', LA_PERM: null })
    expect(t.OC2?.[0]).toMatchObject({ SDQ_SCORE: '12', SDQ_REASON: null })
    // UASC and OC3 only for the child who has them; no AD1 for anyone.
    expect(t.UASC?.map((u) => [u.CHILD, u.SEX, u.DUC])).toEqual([['HV2002', 'F', '2024-01-01']])
    expect(t.OC3?.map((o) => [o.CHILD, o.DOB, o.IN_TOUCH])).toEqual([['HV2002', '2006-01-01', 'YES']])
    expect(t.AD1).toEqual([])
    // The XML form always carries these tables; SW episodes and DoLOs only when the file has them.
    expect(t.PlacedAdoption).toEqual([])
    expect(t.SWEpisodes).toBeUndefined()
    expect(t.DoLo).toBeUndefined()
  })

  it('makes a UASC row only for UASC 1 or a DUC, and keeps the HEADER’s flag for the rules', async () => {
    const child = (id: string, uasc: string, duc: string): string =>
      `<CHILD><HEADER><CHILDID>${id}</CHILDID><SEX>M</SEX><DOB>01/01/2009</DOB>${uasc}${duc}</HEADER></CHILD>`
    const xml =
      '<EXPSSDA903>' +
      child('NO', '<UASC>0</UASC>', '<DUC />') +
      child('EMPTY', '<UASC />', '') +
      child('ABSENT', '', '') +
      child('YES', '<UASC>1</UASC>', '<DUC>01/01/2027</DUC>') +
      child('DUCONLY', '<UASC>0</UASC>', '<DUC>01/01/2027</DUC>') +
      child('ODD', '<UASC>Y</UASC>', '') +
      '</EXPSSDA903>'
    const read = await readXmlText(xml, 'r.xml')
    expect(read.tables.UASC?.map((u) => [u.CHILD, u.DUC])).toEqual([
      ['YES', '2027-01-01'],
      ['DUCONLY', '2027-01-01'],
    ])
    expect(read.tables.Header?.map((h) => [h.CHILD, h.uascFlag])).toEqual([
      ['NO', '0'],
      ['EMPTY', ''],
      ['ABSENT', ''],
      ['YES', '1'],
      ['DUCONLY', '0'],
      ['ODD', 'Y'],
    ])
    expect(read.problems.map((p) => [p.severity, p.element, p.message])).toEqual([
      ['warning', 'CHILD 6', 'UASC Y is not 0 or 1: the child was not read as UASC'],
    ])
    const index = indexByChild({ current: read.tables })
    const flags = [...index.children.values()].map((c) => [c.id, c.uasc, c.uascFlag])
    expect(flags).toEqual([
      ['NO', false, false],
      ['EMPTY', false, false],
      ['ABSENT', false, false],
      ['YES', true, true],
      ['DUCONLY', true, false],
      ['ODD', false, false],
    ])
    // Written back, each HEADER says what it said.
    const again = await readXmlText(toXmlText(read.tables).text, 'again.xml')
    expect(again.tables.Header?.map((h) => h.uascFlag)).toEqual(['0', '', '', '1', '0', 'Y'])
    expect(again.tables.UASC?.map((u) => u.CHILD)).toEqual(['YES', 'DUCONLY'])
  })

  it('takes the UASC flag of a child read from CSV from its UASC row', async () => {
    const header = await readCsvText(
      'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,M,01/01/2009,,,,\nB,M,01/01/2009,,,,\n',
      'h.csv',
    )
    const uasc = await readCsvText('CHILD,SEX,DOB,DUC\nB,M,01/01/2009,\n', 'u.csv')
    const tables = { Header: header.rows, UASC: uasc.rows } as Ssda903Tables
    expect(tables.Header?.map((h) => h.uascFlag)).toEqual([undefined, undefined])
    const index = indexByChild({ current: tables, previous: tables })
    expect([...index.children.values()].map((c) => [c.id, c.uascFlag, c.previousUascFlag])).toEqual([
      ['A', false, false],
      ['B', true, true],
    ])
    // Written as XML, the row becomes UASC 1 and the child without one UASC 0 (not blank: 105).
    const xml = await readXmlText(toXmlText(tables).text, 'r.xml')
    expect(xml.tables.Header?.map((h) => h.uascFlag)).toEqual(['0', '1'])
  })

  it('reports elements that are not part of the form, with their line, and reads the rest', async () => {
    const xml =
      '<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>HV1</CHILDID><FAVOURITE>blue</FAVOURITE></HEADER>\n' +
      '<EPISODE><DECOM>01/04/2025</DECOM><COLOUR>red</COLOUR></EPISODE>\n</CHILD>\n<NOTE>hello</NOTE>\n</EXPSSDA903>'
    const read = await readXmlText(xml, 'r.xml')
    expect(read.tables.Header).toHaveLength(1)
    expect(read.tables.Episodes?.[0]?.DECOM).toBe('2025-04-01')
    expect(read.problems.map((p) => [p.severity, p.line, p.element])).toEqual([
      ['warning', 3, 'CHILD 1 › HEADER › FAVOURITE'],
      ['warning', 4, 'CHILD 1 › EPISODE 1 › COLOUR'],
      ['warning', 6, 'NOTE'],
    ])
  })

  it('refuses XML that is not an SSDA903 return', async () => {
    const read = await readXmlText('<Message><Header/></Message>', 'cin.xml')
    expect(read.tables).toEqual({})
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]?.message).toContain('the root element is Message, not EXPSSDA903')
  })

  it('reports malformed XML with its line and keeps the children before it', async () => {
    const xml =
      '<EXPSSDA903>\n<CHILD><HEADER><CHILDID>HV1</CHILDID></HEADER></CHILD>\n<CHILD><HEADER><CHILDID>HV2</CHILD>'
    const read = await readXmlText(xml, 'bad.xml')
    expect(read.tables.Header?.map((h) => h.CHILD)).toEqual(['HV1'])
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]).toMatchObject({ severity: 'error', line: 3 })
    expect(read.problems[0]?.message).toContain('the 1 child before it were read')
  })

  it.each([
    ['an empty file', ''],
    ['a file of spaces', '   \n'],
  ])('refuses %s', async (_, text) => {
    const read = await readXmlText(text, 'e.xml')
    expect(read.problems[0]?.severity).toBe('error')
  })

  it('stops at megabytes of text with no element in them, rather than hold it all', async () => {
    async function* garbage(): AsyncGenerator<string> {
      yield '<EXPSSDA903><CHILD><HEADER><CHILDID>'
      for (let i = 0; i < 100; i++) yield 'x'.repeat(65_536)
    }
    const read = await readXml(garbage(), 'huge.xml')
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0]?.message).toContain('this is not an SSDA903 return')
  })

  it('reads a long file of small elements without complaint', async () => {
    async function* many(): AsyncGenerator<string> {
      yield '<EXPSSDA903>'
      const child = '<CHILD><HEADER><CHILDID>HV1</CHILDID></HEADER></CHILD>'
      for (let i = 0; i < 10; i++) yield child.repeat(2000)
      yield '</EXPSSDA903>'
    }
    const read = await readXml(many(), 'long.xml')
    expect(read.problems).toEqual([])
    expect(read.tables.Header).toHaveLength(20_000)
  })

  it('decodes entities and CDATA, and keeps the text of a field as it was', async () => {
    const xml =
      '<EXPSSDA903><CHILD><HEADER><CHILDID> hv&amp;1 </CHILDID><ETHNIC><![CDATA[W<B]]></ETHNIC></HEADER></CHILD></EXPSSDA903>'
    const read = await readXmlText(xml, 'e.xml')
    expect(read.problems).toEqual([])
    expect(read.tables.Header?.[0]).toMatchObject({ CHILD: 'HV&1', ETHNIC: 'W<B', text: { CHILD: ' hv&1 ' } })
  })

  it('reports a field given twice and reads the later one', async () => {
    const xml =
      '<EXPSSDA903><CHILD><HEADER><CHILDID>HV1</CHILDID><SEX>M</SEX><SEX>F</SEX></HEADER></CHILD></EXPSSDA903>'
    const read = await readXmlText(xml, 'e.xml')
    expect(read.tables.Header?.[0]?.SEX).toBe('F')
    expect(read.problems).toMatchObject([
      { severity: 'warning', column: 'SEX', element: 'CHILD 1 › HEADER › SEX' },
    ])
  })

  it('reports a CHILD without a CHILDID but still reads it', async () => {
    const read = await readXmlText(
      '<EXPSSDA903><CHILD><HEADER><SEX>M</SEX></HEADER></CHILD></EXPSSDA903>',
      'x.xml',
    )
    expect(read.tables.Header).toHaveLength(1)
    expect(read.problems[0]?.message).toContain('no CHILDID')
  })
})

describe('writing EXPSSDA903 XML', () => {
  it('writes one element a line, blanks as empty elements (golden)', () => {
    const tables: Ssda903Tables = {
      Header: [makeRow('Header', { CHILD: 'HV1', SEX: 'F', DOB: '1/6/2012', ETHNIC: 'A&B' }, at(0))],
      Episodes: [makeRow('Episodes', { CHILD: 'HV1', DECOM: '01/04/2025', PLACE: 'U4' }, at(0))],
      Reviews: [
        makeRow(
          'Reviews',
          { CHILD: 'HV1', DOB: '01/06/2012', REVIEW: '02/05/2025', REVIEW_CODE: 'PN1' },
          at(0),
        ),
      ],
    }
    const { text, problems } = toXmlText(tables)
    expect(problems).toEqual([])
    expect(text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<EXPSSDA903>',
        '  <CHILD>',
        '    <HEADER>',
        '      <CHILDID>HV1</CHILDID>',
        '      <UPN />',
        '      <SEX>F</SEX>',
        '      <DOB>01/06/2012</DOB>',
        '      <ETHNIC>A&amp;B</ETHNIC>',
        '      <UASC>0</UASC>',
        '      <AREVIEW>',
        '        <REVIEW>02/05/2025</REVIEW>',
        '        <REVIEW_CODE>PN1</REVIEW_CODE>',
        '      </AREVIEW>',
        '      <MOTHER />',
        '      <MC_DOB />',
        '    </HEADER>',
        '    <EPISODE>',
        '      <DECOM>01/04/2025</DECOM>',
        '      <RNE />',
        '      <LS />',
        '      <CIN />',
        '      <PL>U4</PL>',
        '      <PL_POST />',
        '      <HOME_POST />',
        '      <URN />',
        '      <PLACE_PROVIDER />',
        '      <DEC />',
        '      <REC />',
        '      <REASON_PLACE_CHANGE />',
        '    </EPISODE>',
        '  </CHILD>',
        '</EXPSSDA903>',
        '',
      ].join('\n'),
    )
  })

  it('round-trips XML → model → XML byte for byte', async () => {
    const { text } = toXmlText(testReturn())
    const read = await readXmlText(text, 'r.xml')
    expect(read.problems).toEqual([])
    expect(toXmlText(read.tables).text).toBe(text)
  })

  it('carries a whole return CSV → model → XML → model unchanged', async () => {
    const fromCsv: Ssda903Tables = {}
    for (const table of SSDA903_TABLES) {
      const read = await readCsvText(toCsvText(table, rowsOf(testReturn(), table) ?? []), `${table}.csv`)
      ;(fromCsv as Record<string, unknown>)[table] = read.rows
    }
    const { text, problems } = toXmlText(fromCsv)
    expect(problems).toEqual([])
    const back = await readXmlText(text, 'r.xml')
    expect(back.problems).toEqual([])
    expect(canonical(back.tables)).toEqual(canonical(fromCsv))
  })

  it('round-trips any cell text: model → XML → model, and XML → model → XML byte for byte (property)', async () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      '1',
      ' ',
      '&',
      '<',
      '>',
      '"',
      "'",
      'é',
      '\t',
      '\n',
      '\r',
      '/',
      ']]>',
    )
    const cell = fc.string({ unit, maxLength: 12 })
    await fc.assert(
      fc.asyncProperty(
        // One row per child: the XML form groups rows by child, so rows of children listed out
        // of order come back in child order.
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Z0-9]{1,6}$/), cell, cell, cell), {
          maxLength: 5,
          selector: ([child]) => child,
        }),
        async (cells) => {
          const tables: Ssda903Tables = {
            Header: cells.map(([child, sex, dob], i) =>
              makeRow('Header', { CHILD: child, SEX: sex, DOB: dob }, at(i)),
            ),
            Episodes: cells.map(([child, , , post], i) =>
              makeRow('Episodes', { CHILD: child, PL_POST: post }, at(i)),
            ),
          }
          const { text } = toXmlText(tables)
          const back = await readXmlText(text, 'p.xml')
          expect(back.problems).toEqual([])
          expect(toXmlText(back.tables).text).toBe(text)
          expect(
            canonical({ Header: back.tables.Header ?? [], Episodes: back.tables.Episodes ?? [] }),
          ).toEqual(canonical(tables))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('says what the XML form cannot carry', () => {
    const tables: Ssda903Tables = {
      Header: [makeRow('Header', { CHILD: 'HV1', DOB: '01/06/2012' }, at(0))],
      OC3: [
        makeRow('OC3', { CHILD: 'HV1', DOB: '01/06/2012', IN_TOUCH: 'YES' }, at(0)),
        makeRow('OC3', { CHILD: 'HV1', DOB: '01/06/2012', IN_TOUCH: 'NO' }, at(1)),
      ],
      Reviews: [makeRow('Reviews', { CHILD: 'HV1', DOB: '02/06/2012' }, at(0))],
      Missing: [makeRow('Missing', { CHILD: 'HV9', DOB: '01/01/2010' }, at(0))],
    }
    const { problems } = toXmlText(tables)
    expect(problems.map((p) => [p.table, p.child])).toEqual([
      ['OC3', 'HV1'],
      ['Reviews', 'HV1'],
      ['Header', 'HV9'],
    ])
    expect(problems[0]?.message).toContain('only the first was written')
    expect(problems[1]?.message).toContain('DOB 02/06/2012 differs from the Header')
  })

  it('reports nothing when the same return has one row of each and matching dates', () => {
    expect(toXmlText(testReturn()).problems).toEqual([])
  })

  it('keeps a duplicated child as two CHILD elements', async () => {
    const tables: Ssda903Tables = {
      Header: [makeRow('Header', { CHILD: 'HV1' }, at(0)), makeRow('Header', { CHILD: 'HV1' }, at(1))],
      Episodes: [makeRow('Episodes', { CHILD: 'HV1', DECOM: '01/04/2025' }, at(0))],
    }
    const back = await readXmlText(toXmlText(tables).text, 'd.xml')
    expect(back.tables.Header).toHaveLength(2)
    expect((back.tables.Episodes as Ssda903Row<'Episodes'>[]).map((e) => e.element)).toEqual([
      'CHILD 1 › EPISODE 1',
    ])
  })
})
