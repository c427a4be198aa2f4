import { describe, expect, it } from 'vitest'
import { readPermanenceDate } from './shared-prevperm.js'

describe('reading DATE_PERM', () => {
  it.each([
    ['a full date', '05/06/2020', true, '2020-06-05'],
    ['one-digit parts', '5/6/2020', true, '2020-06-05'],
    ['day not known', 'ZZ/02/2020', true, '2020-02-29'],
    ['day not known, common year', 'zz/02/2021', true, '2021-02-28'],
    ['month not known', '05/ZZ/2020', true, '2020-12-05'],
    ['day and month not known', 'ZZ/ZZ/1993', true, '1993-12-31'],
    ['nothing known', 'ZZ/ZZ/ZZZZ', true, null],
    ['29 February of a year not known', '29/02/ZZZZ', true, null],
    ['a two-letter year', 'ZZ/ZZ/ZZ', false, null],
    ['month out of range', '01/13/2000', false, null],
    ['day out of range', '31/04/2000', false, null],
    ['not a leap year', '29/02/2021', false, null],
    ['letters', 'xx/10/2011', false, null],
    ['blank', '', false, null],
  ])('%s', (_, text, valid, latest) => {
    expect(readPermanenceDate(text)).toEqual({ valid, latest })
  })
})
