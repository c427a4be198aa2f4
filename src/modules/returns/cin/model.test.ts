import { describe, expect, it } from 'vitest'
import { parseCinDate, parseCode, parseCount, parseFlag } from './model.js'
import { cinChild, cinEpisode, cpPlan } from './test-child.js'

describe('parseCinDate', () => {
  it.each([
    ['2025-06-30', '2025-06-30'],
    [' 2025-06-30 ', '2025-06-30'],
    ['2025-06-30Z', '2025-06-30'],
    ['2025-06-30+01:00', '2025-06-30'],
    ['2025-06-30T00:00:00', '2025-06-30'],
    ['30/06/2025', '2025-06-30'],
    ['1/6/2025', '2025-06-01'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseCinDate(text)).toBe(expected)
  })

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-06-31',
    '2025-06-00',
    '2025/06/30',
    '06/30/2025',
    '2025-6-30',
    '20250630',
    '2025-06-30 and more',
    'yesterday',
    '',
    '   ',
  ])('refuses %j', (text) => {
    expect(parseCinDate(text)).toBeNull()
  })

  it('reads a missing element as null', () => {
    expect(parseCinDate(undefined)).toBeNull()
  })
})

describe('codes, flags and counts', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    [' false ', false],
    ['0', false],
    ['yes', null],
    ['', null],
  ])('flag %j is %j', (text, expected) => {
    expect(parseFlag(text)).toBe(expected)
  })

  it.each([
    ['0', 0],
    ['12', 12],
    [' 3 ', 3],
    ['-1', null],
    ['1.5', null],
    ['', null],
  ])('count %j is %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected)
  })

  it('trims codes and reads blanks as null', () => {
    expect(parseCode(' N1 ')).toBe('N1')
    expect(parseCode('  ')).toBeNull()
    expect(parseCode(undefined)).toBeNull()
  })
})

describe('cinChild', () => {
  it('keeps the text it was given beside the parsed value', () => {
    const child = cinChild({ PersonBirthDate: '2015-02-30', Sex: ' F ' })
    expect(child.PersonBirthDate).toBeNull()
    expect(child.text.PersonBirthDate).toBe('2015-02-30')
    expect(child.Sex).toBe('F')
  })

  it('leaves an element out when given null', () => {
    const child = cinChild({ UPN: null })
    expect(child.UPN).toBeNull()
    expect('UPN' in child.text).toBe(false)
  })

  it('numbers rows within each table in file order', () => {
    const child = cinChild({
      cinDetails: [
        cinEpisode({ childProtectionPlans: [cpPlan({ reviews: ['2025-07-01', '2025-10-01'] })] }),
        cinEpisode({ childProtectionPlans: [cpPlan()] }),
      ],
    })
    expect(child.cinDetails.map((e) => e.row)).toEqual([0, 1])
    expect(child.cinDetails.flatMap((e) => e.childProtectionPlans.map((p) => p.row))).toEqual([0, 1])
    expect(
      child.cinDetails.flatMap((e) => e.childProtectionPlans.flatMap((p) => p.reviews.map((r) => r.row))),
    ).toEqual([0, 1, 2])
  })
})
