import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTimestamp } from './type-parsers.js'

describe('reading timestamps from the database', () => {
  it.each([
    ['2026-11-23 14:03:30+00', '2026-11-23T14:03:30.000Z'],
    ['2026-11-23 14:03:30.1+00', '2026-11-23T14:03:30.100Z'],
    ['2026-11-23 14:03:30.123456+00', '2026-11-23T14:03:30.123Z'],
    ['2026-06-30 23:30:00+01', '2026-06-30T22:30:00.000Z'], // another offset: the full reader
    ['2026-06-30 23:30:00.5+05:30', '2026-06-30T18:00:00.500Z'],
    ['2026-11-23T14:03:30Z'.replace('Z', ''), '2026-11-23T14:03:30.000Z'], // no offset: UTC
    ['0990-01-01 00:00:00+00', '0990-01-01T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseTimestamp(text).toISOString()).toBe(iso)
  })

  it('reads infinity, and refuses what it cannot read', () => {
    expect(parseTimestamp('infinity').getTime()).toBe(8.64e15)
    expect(() => parseTimestamp('2026-11-23 14:03:30.+00')).toThrow(/Unreadable timestamp/)
    expect(() => parseTimestamp('yesterday')).toThrow(/Unreadable timestamp/)
  })

  it('property: any instant PostgreSQL writes in a UTC session reads back to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 6 }),
        (instant, micro, places) => {
          const at = new Date(instant)
          const fraction =
            `${String(at.getUTCMilliseconds()).padStart(3, '0')}${String(micro).padStart(3, '0')}`
              .slice(0, places)
              .replace(/0+$/, '')
          const text = `${at.toISOString().slice(0, 19).replace('T', ' ')}${fraction ? `.${fraction}` : ''}+00`
          const expected =
            Math.floor(at.getTime() / 1000) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3) || 0)
          expect(parseTimestamp(text).getTime()).toBe(expected)
        },
      ),
    )
  })
})
