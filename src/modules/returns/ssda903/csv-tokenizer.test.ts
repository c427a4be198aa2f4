import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CsvSyntaxError, CsvTokenizer, lineBreaksIn, readRow } from './csv-tokenizer.js'

function rowsOf(chunks: readonly string[], max = 1000): [string[], number][] {
  const out: [string[], number][] = []
  const take = (cells: string[], line: number) => {
    out.push([cells, line])
    return true
  }
  const t = new CsvTokenizer(max)
  for (const c of chunks) t.push(c, take)
  t.end(take)
  return out
}

describe('CsvTokenizer', () => {
  it.each([
    [
      'LF',
      'a,b\nc,d\n',
      [
        [['a', 'b'], 1],
        [['c', 'd'], 2],
      ],
    ],
    [
      'CRLF',
      'a,b\r\nc,d\r\n',
      [
        [['a', 'b'], 1],
        [['c', 'd'], 2],
      ],
    ],
    [
      'CR alone',
      'a,b\rc,d',
      [
        [['a', 'b'], 1],
        [['c', 'd'], 2],
      ],
    ],
    [
      'no final line break',
      'a,b\nc',
      [
        [['a', 'b'], 1],
        [['c'], 2],
      ],
    ],
    [
      'an empty line',
      'a\n\nb\n',
      [
        [['a'], 1],
        [[''], 2],
        [['b'], 3],
      ],
    ],
    ['a trailing comma', 'a,\n', [[['a', ''], 1]]],
    ['quoted commas and quotes', '"a,b","say ""hi"""\n', [[['a,b', 'say "hi"'], 1]]],
    [
      'a line break in quotes',
      '"a\r\nb",c\nd\n',
      [
        [['a\r\nb', 'c'], 1],
        [['d'], 3],
      ],
    ],
    ['a quote inside an unquoted cell', 'a"b,c\n', [[['a"b', 'c'], 1]]],
    ['text after a closing quote', '"a"b,c\n', [[['ab', 'c'], 1]]],
    ['an empty quoted cell', '"",x\n', [[['', 'x'], 1]]],
    ['nothing', '', []],
  ])('reads %s', (_, text, expected) => {
    expect(rowsOf([text])).toEqual(expected)
  })

  it('reads the same rows however the text is split into chunks (property)', () => {
    const unit = fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '""')
    fc.assert(
      fc.property(fc.string({ unit }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        let whole: unknown
        try {
          whole = rowsOf([text])
        } catch (e) {
          whole = (e as Error).message
        }
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const chunks = [...points, text.length].map((p, i, all) => text.slice(i === 0 ? 0 : all[i - 1], p))
        let split: unknown
        try {
          split = rowsOf(chunks)
        } catch (e) {
          split = (e as Error).message
        }
        expect(split).toEqual(whole)
      }),
      { numRuns: 500 },
    )
  })

  it('reads quote-free rows the quick way as it reads them a character at a time (property)', () => {
    // The whole text through `readRow` alone, the way every row was read before the quick way.
    const byCharacter = (text: string): [string[], number][] => {
      const out: [string[], number][] = []
      let line = 1
      for (let pos = 0; pos < text.length;) {
        const cells: string[] = []
        pos = readRow(text, pos, true, cells)
        if (pos === -1) throw new Error('never closed')
        out.push([cells, line])
        line += 1 + lineBreaksIn(cells)
      }
      return out
    }
    const unit = fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '\r\n', ' ')
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        let expected: unknown
        try {
          expected = byCharacter(text)
        } catch {
          expected = 'never closed'
        }
        let actual: unknown
        try {
          actual = rowsOf([text])
        } catch (e) {
          actual = e instanceof CsvSyntaxError ? 'never closed' : e
        }
        expect(actual).toEqual(expected)
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses a quote that is never closed, naming the line of its row', () => {
    expect(() => rowsOf(['a\nb,"c\nd\n'])).toThrow(
      new CsvSyntaxError('a quote opened in the row on line 2 is never closed', 2),
    )
  })

  it('refuses a row longer than the limit, but not one just within it', () => {
    expect(() => rowsOf(['x'.repeat(20), 'y'.repeat(20)], 30)).toThrow(/line 1 is longer than 30 characters/)
    expect(rowsOf(['x'.repeat(15), 'y'.repeat(15), '\n'], 30)).toEqual([
      [['x'.repeat(15) + 'y'.repeat(15)], 1],
    ])
  })

  it('stops when told to', () => {
    const seen: string[][] = []
    const t = new CsvTokenizer(100)
    expect(t.push('a\nb\nc\n', (cells) => seen.push(cells) < 2)).toBe(false)
    expect(t.push('d\n', (cells) => seen.push(cells) > 0)).toBe(false)
    expect(seen).toEqual([['a'], ['b']])
  })
})
