import { describe, expect, it } from 'vitest'
import { CollectionYearError, parseCollectionYear } from './collection-year.js'

describe('parseCollectionYear', () => {
  it.each([
    ['2025/26', '2025-04-01', '2026-03-31'],
    ['2024/25', '2024-04-01', '2025-03-31'],
    ['2098/99', '2098-04-01', '2099-03-31'],
    [' 2026/27 ', '2026-04-01', '2027-03-31'],
  ])('reads %s as %s to %s', (text, start, end) => {
    const year = parseCollectionYear(text)
    expect(year).toEqual({ label: text.trim(), start, end, referenceDate: end })
  })

  it('handles the turn of a century in the short form', () => {
    expect(() => parseCollectionYear('2099/00')).toThrow(/outside the years/)
    expect(parseCollectionYear('2009/10').end).toBe('2010-03-31')
  })

  it.each(['2025', '2025/27', '2025-26', '25/26', '2025/2026', '', 'next year', '2025/26/27'])(
    'refuses %j with a clear message',
    (text) => {
      expect(() => parseCollectionYear(text)).toThrow(CollectionYearError)
      expect(() => parseCollectionYear(text)).toThrow(/collection year|outside/)
    },
  )

  it('names the year the user probably meant', () => {
    expect(() => parseCollectionYear('2025/27')).toThrow('the year after 2025 is 2025/26')
  })
})
