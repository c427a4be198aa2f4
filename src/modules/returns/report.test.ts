import { readdirSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Finding, ValidationResult } from './engine.js'
import {
  HTML_CHILD_LIMIT,
  HTML_ROWS_PER_RULE,
  REPORT_FORMATS,
  csvCell,
  escapeHtml,
  reportString,
  reportWriter,
} from './report.js'

function result(overrides: Partial<ValidationResult> = {}): ValidationResult {
  return {
    returnName: 'CIN census',
    year: '2025/26',
    rules: ['8500', '8545Q'],
    children: 3,
    findings: [
      {
        childId: 'A1',
        table: 'ChildIdentifiers',
        row: 0,
        line: 20,
        fields: ['LAchildID'],
        code: '8500',
        type: 'error',
        message: 'LA Child ID missing',
      },
      {
        childId: '<script>alert("x")</script>',
        table: 'ChildIdentifiers',
        row: 2,
        fields: ['PersonDeathDate'],
        code: '8545Q',
        type: 'query',
        message: "Please check: Child's date of death should be within the census year",
        detail: '=HYPERLINK("http://example.com")',
      },
    ],
    counts: [
      {
        code: '8500',
        type: 'error',
        message: 'LA Child ID missing',
        findings: 1,
        children: 1,
        couldNotEvaluate: 0,
      },
      {
        code: '8545Q',
        type: 'query',
        message: 'date of death',
        findings: 1,
        children: 1,
        couldNotEvaluate: 0,
      },
    ],
    readProblems: [{ file: 'cin.xml', line: 7, element: 'Child/Shoe', message: 'unexpected element Shoe' }],
    errors: 1,
    queries: 1,
    couldNotEvaluate: 0,
    ...overrides,
  }
}

const source = { input: 'cin & co.xml' }

describe('JSON report', () => {
  it('holds the summary, counts, read problems and every finding, and parses back', () => {
    const parsed = JSON.parse(reportString(result(), 'json', source)) as Record<string, unknown>
    expect(parsed.summary).toMatchObject({
      children: 3,
      errors: 1,
      queries: 1,
      readProblems: 1,
      input: 'cin & co.xml',
    })
    expect(parsed.findings).toEqual(result().findings)
    expect(parsed.counts).toEqual(result().counts)
  })

  it("writes each finding as JSON.stringify writes one the engine builds, a rule's text once for all", () => {
    // In the engine's order: childId, table, row, fields, code, type, message, then what is optional.
    const findings: Finding[] = [
      {
        childId: 'A"1',
        table: 'CINdetails',
        row: 0,
        fields: ['CINreferralDate'],
        code: '8525',
        type: 'error',
        message: 'Either \\ or "" \u2028 é',
      },
      {
        childId: null,
        table: 'Header',
        row: -1,
        fields: [],
        code: '8525',
        type: 'error',
        message: 'Either \\ or "" \u2028 é',
      },
      {
        childId: 'B2',
        table: 'CINdetails',
        row: 7,
        fields: ['A', 'B'],
        code: '8525',
        type: 'error',
        message: 'Either \\ or "" \u2028 é',
        line: 42,
        detail: 'x\ny',
      },
      {
        childId: 'B2',
        table: 'Section47',
        row: 3,
        fields: ['S47ActualStartDate'],
        code: '8525',
        type: 'error',
        message: 'Rule could not evaluate: boom',
        couldNotEvaluate: true,
      },
      {
        childId: 'C3',
        table: 'CINdetails',
        row: 8,
        fields: ['A'],
        code: '8525',
        type: 'query',
        message: 'Either \\ or "" \u2028 é',
      },
    ]
    const text = reportString(result({ findings }), 'json', source)
    const written = text.slice(text.indexOf('"findings": [') + '"findings": ['.length, text.lastIndexOf(']'))
    expect(written.trim().split(',\n')).toEqual(findings.map((f) => JSON.stringify(f)))
  })

  it('is valid JSON with nothing to report', () => {
    const parsed = JSON.parse(
      reportString(result({ findings: [], readProblems: [], counts: [] }), 'json', source),
    ) as Record<string, unknown>
    expect(parsed.findings).toEqual([])
  })
})

describe('CSV report', () => {
  it('has a header and one row per finding and read problem', () => {
    const lines = reportString(result(), 'csv', source).trimEnd().split('\r\n')
    expect(lines[0]).toBe('child,table,row,line,fields,rule,type,message,detail')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toBe('A1,ChildIdentifiers,0,20,LAchildID,8500,error,LA Child ID missing,')
  })

  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvCell(-1)).toBe('-1')
  })
})

describe('HTML report', () => {
  const html = reportString(result(), 'html', source)

  it('escapes everything taken from the data', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('cin &amp; co.xml')
    expect(html).toContain('Child&#39;s date of death')
  })

  it('groups findings by rule and by child, and lists what could not be read', () => {
    expect(html).toContain('id="by-rule"')
    expect(html).toContain('id="rule-8545Q"')
    expect(html).toContain('Child A1')
    expect(html).toContain('Not read from the file (1)')
    expect(html).toContain('The return has errors')
  })

  it('names the file of what could not be read when the return has several, and lists rules not run', () => {
    const several = reportString(
      result({
        readProblems: [
          { file: 'header.csv', line: 3, element: 'DOB', message: 'a cell is missing' },
          { file: 'episodes.csv', line: 3, element: 'DEC', message: 'a cell is missing' },
        ],
        notRun: [{ code: '452', reason: "not supplied: last year's Episodes" }],
      }),
      'html',
      source,
    )
    expect(several).toContain('<th>File</th>')
    expect(several).toContain('<code>episodes.csv</code>')
    expect(several).toContain('Rules not run (1)')
    expect(several).toContain('not supplied: last year&#39;s Episodes')
    expect(html).not.toContain('<th>File</th>')
    expect(html).not.toContain('Rules not run')
    const json = JSON.parse(
      reportString(result({ notRun: [{ code: '452', reason: 'x' }] }), 'json', source),
    ) as { summary: { rulesNotRun: number }; notRun: unknown[] }
    expect(json.summary.rulesNotRun).toBe(1)
    expect(json.notRun).toEqual([{ code: '452', reason: 'x' }])
  })

  it('is self-contained: no scripts, links or external resources', () => {
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!example\.com)/)
  })

  it('says when the report is incomplete because a rule could not evaluate', () => {
    const failed = reportString(result({ couldNotEvaluate: 1 }), 'html', source)
    expect(failed).toContain('this report is not complete')
    expect(html).not.toContain('this report is not complete')
  })

  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('is the same bytes for the same result', () => {
    expect(reportString(result(), 'html', source)).toBe(html)
  })
})

/** More findings than the HTML shows: a rule past its row limit, more children than listed,
 * whole-return findings at the end naming children met before and none, a rule that threw. */
function large(): ValidationResult {
  const findings: Finding[] = []
  for (let i = 0; i < HTML_CHILD_LIMIT + 500; i++) {
    const childId = i % 7 === 3 ? null : `C${i}`
    findings.push({
      childId,
      table: 'ChildIdentifiers',
      row: i,
      line: 10 + i,
      fields: ['UPN'],
      code: '1510',
      type: 'error',
      message: 'UPN invalid',
    })
    if (i % 3 === 0) {
      findings.push({
        childId,
        table: 'CINdetails',
        row: i,
        fields: ['CINreferralDate', 'CINclosureDate'],
        code: '8545Q',
        type: 'query',
        message: 'dates, "quoted"',
        detail: `2025-0${(i % 9) + 1}-01`,
      })
    }
    if (i === 40) {
      findings.push({
        childId,
        table: 'CINdetails',
        row: -1,
        fields: [],
        code: '8610',
        type: 'error',
        message: 'Rule could not evaluate: boom',
        couldNotEvaluate: true,
      })
    }
  }
  findings.push({
    childId: 'C5',
    table: 'ChildIdentifiers',
    row: 5,
    fields: ['LAchildID'],
    code: '8590',
    type: 'error',
    message: 'Duplicate',
  })
  findings.push({
    childId: 'C2490',
    table: 'ChildIdentifiers',
    row: 2490,
    fields: ['LAchildID'],
    code: '8590',
    type: 'error',
    message: 'Duplicate',
  })
  findings.push({
    childId: null,
    table: 'Header',
    row: 0,
    fields: ['ReferenceDate'],
    code: '100',
    type: 'error',
    message: 'Reference date',
  })
  const count = (code: string) => findings.filter((f) => f.code === code && !f.couldNotEvaluate).length
  const counts = ['100', '1510', '8545Q', '8590', '8610', '8500'].map((code) => ({
    code,
    type: code.endsWith('Q') ? ('query' as const) : ('error' as const),
    message: `rule ${code}`,
    findings: count(code),
    children: 1,
    couldNotEvaluate: code === '8610' ? 1 : 0,
  }))
  return result({
    findings,
    counts,
    rules: counts.map((c) => c.code),
    children: HTML_CHILD_LIMIT + 500,
    errors: 9,
    queries: 3,
    couldNotEvaluate: 1,
  })
}

describe('the streaming report writer', () => {
  const spillDir = mkdtempSync(join(tmpdir(), 'haven-report-test-'))
  afterAll(() => rmSync(spillDir, { recursive: true, force: true }))

  async function streamed(r: ValidationResult, format: (typeof REPORT_FORMATS)[number]): Promise<string> {
    const writer = reportWriter(format, { dir: spillDir })
    try {
      for (const f of r.findings) writer.add(f)
      const { findings: _, ...summary } = r
      let out = ''
      for await (const piece of writer.pieces(summary, source)) out += piece.toString()
      return out
    } finally {
      writer.discard()
    }
  }

  it.each(REPORT_FORMATS)(
    'writes the same %s bytes as the report of the result in memory',
    async (format) => {
      for (const r of [result(), large(), result({ findings: [], readProblems: [] })]) {
        expect(await streamed(r, format)).toBe(reportString(r, format, source))
      }
    },
  )

  it('really is past the HTML limits in that test', () => {
    const html = reportString(large(), 'html', source)
    expect(html).toContain(`The first ${HTML_ROWS_PER_RULE} of 2,500 findings`)
    expect(html).toContain('The first 2,000 children are listed here')
  })

  it('spills findings larger than its buffer, and characters of several bytes, as they were', async () => {
    const base = result().findings[0] as Finding
    const findings: Finding[] = []
    // Some three megabytes of findings: pieces of every size, one alone larger than the buffer.
    for (let i = 0; i < 3000; i++)
      findings.push({ ...base, row: i, detail: `é€😀 ${'x'.repeat(i % 7 === 0 ? 2000 : 10)} ${i}` })
    findings.push({ ...base, row: 3000, detail: `${'€'.repeat(400_000)}😀` })
    findings.push({ ...base, row: 3001, detail: 'after the large one' })
    const r = result({ findings })
    for (const format of ['json', 'csv'] as const) {
      const writer = reportWriter(format, { dir: spillDir })
      try {
        for (const f of r.findings) writer.add(f)
        const { findings: _, ...summary } = r
        const pieces: Buffer[] = []
        for await (const piece of writer.pieces(summary, source))
          pieces.push(typeof piece === 'string' ? Buffer.from(piece) : piece)
        expect(Buffer.concat(pieces).toString('utf8')).toBe(reportString(r, format, source))
      } finally {
        writer.discard()
      }
    }
  })

  it('leaves no temporary file behind', async () => {
    await streamed(large(), 'json')
    await streamed(large(), 'csv')
    expect(readdirSync(spillDir)).toEqual([])
  })
})
