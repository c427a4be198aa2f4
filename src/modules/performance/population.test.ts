import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../returns/collection-year.js'
import { midYearFor, parsePopulationCsv, PopulationFileError, ratePer10000 } from './population.js'

describe('a population file', () => {
  it('gives each authority’s estimate by mid-year, with its source or the one given', () => {
    const text =
      '\uFEFFons_code,mid_year,population,source\r\n' +
      'E06000034,2024,"41,250",ONS mid-2024 estimates\r\n' +
      'e06000034,2025,41900,\r\n'
    expect(parsePopulationCsv(text, 'Loaded from pop.csv')).toEqual([
      { onsCode: 'E06000034', midYear: 2024, population: 41250, source: 'ONS mid-2024 estimates' },
      { onsCode: 'E06000034', midYear: 2025, population: 41900, source: 'Loaded from pop.csv' },
    ])
  })

  it('needs no source column, and takes the columns in any order', () => {
    expect(parsePopulationCsv('population,ons_code,mid_year\n40093,E06000034,2016\n', 'file')).toEqual([
      { onsCode: 'E06000034', midYear: 2016, population: 40093, source: 'file' },
    ])
  })

  it.each([
    ['', 'the file is empty'],
    ['ons_code,population\nE06000034,1\n', 'no mid_year column'],
    ['ons_code,mid_year,population\n', 'a header and no rows'],
    ['ons_code,mid_year,population\nThurrock,2025,40000\n', 'line 2: "Thurrock" is not an ONS code'],
    ['ons_code,mid_year,population\nE06000034,25,40000\n', 'line 2: "25" is not a mid-year'],
    ['ons_code,mid_year,population\nE06000034,2025,0\n', 'line 2: "0" is not a number of children'],
    ['ons_code,mid_year,population\nE06000034,2025,4.5\n', 'not a number of children'],
    [
      'ons_code,mid_year,population\nE06000034,2025,1\nE06000034,2025,2\n',
      'line 3: E06000034 mid-2025 is given twice',
    ],
    ['ons_code,mid_year,population\nE06000034,2025,"1\n', 'line 2'],
  ])('refuses %j, saying %s, and gives nothing', (text, message) => {
    expect(() => parsePopulationCsv(text, 'file')).toThrow(PopulationFileError)
    expect(() => parsePopulationCsv(text, 'file')).toThrow(message)
  })
})

describe('the estimate a year uses and the rate', () => {
  it('takes the mid-year inside the collection year (30 June)', () => {
    expect(midYearFor(parseCollectionYear('2025/26'))).toBe(2025)
    expect(midYearFor(parseCollectionYear('2016/17'))).toBe(2016)
  })

  it('works out a rate per 10,000 to one decimal place', () => {
    expect(ratePer10000(341, 40_093)).toBe(85.1)
    expect(ratePer10000(12, 40_000)).toBe(3)
    expect(ratePer10000(0, 40_000)).toBe(0)
  })
})
