import { describe, expect, it } from 'vitest'
import {
  arrangementRefusal,
  arrangementSchema,
  assessmentRefusal,
  endRefusal,
  visitRefusal,
  type Arrangement,
} from './independent-visitor-model.js'

const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}
const needed: Arrangement = {
  assessedOn: '2026-02-02',
  needed: true,
  requestedOn: '2026-02-09',
  matchedOn: '2026-03-02',
  endedOn: null,
}

describe('the assessment', () => {
  it('during the period, after the last, and not while one is arranged', () => {
    expect(
      assessmentRefusal({ assessedOn: '2026-01-19', periodStart: '2026-01-19', latest: null }),
    ).toBeNull()
    expect(
      assessmentRefusal({ assessedOn: '2026-01-18', periodStart: '2026-01-19', latest: null })?.field,
    ).toBe('assessed-day')
    expect(
      assessmentRefusal({ assessedOn: '2026-05-01', periodStart: '2026-01-19', latest: needed })?.field,
    ).toBe('form')
    const notNeeded = { ...needed, needed: false, requestedOn: null, matchedOn: null }
    expect(
      assessmentRefusal({ assessedOn: '2026-02-01', periodStart: '2026-01-19', latest: notNeeded })?.field,
    ).toBe('assessed-day')
    expect(
      assessmentRefusal({ assessedOn: '2026-02-02', periodStart: '2026-01-19', latest: notNeeded }),
    ).toBeNull()
    const ended = { ...needed, endedOn: '2026-06-30' }
    expect(
      assessmentRefusal({ assessedOn: '2026-07-01', periodStart: '2026-01-19', latest: ended }),
    ).toBeNull()
  })
})

describe('the request, the match, visits and the end', () => {
  it('in order', () => {
    const fresh = { ...needed, requestedOn: null, matchedOn: null }
    expect(arrangementRefusal(fresh, { requestedOn: '2026-02-02', matchedOn: null })).toBeNull()
    expect(arrangementRefusal(fresh, { requestedOn: '2026-02-01', matchedOn: null })?.field).toBe(
      'requested-day',
    )
    expect(arrangementRefusal(fresh, { requestedOn: '2026-02-09', matchedOn: '2026-02-08' })?.field).toBe(
      'matched-day',
    )
    expect(
      arrangementRefusal({ ...fresh, needed: false }, { requestedOn: '2026-02-09', matchedOn: null })?.field,
    ).toBe('form')
    expect(visitRefusal(needed, '2026-03-02')).toBeNull()
    expect(visitRefusal(needed, '2026-03-01')?.field).toBe('visited-day')
    expect(visitRefusal(fresh, '2026-03-05')?.field).toBe('form')
    expect(endRefusal(needed, '2026-03-14', '2026-03-14')).toBeNull()
    expect(endRefusal(needed, '2026-03-13', '2026-03-14')?.message).toBe(
      'The date it ended must be on or after 14 March 2026, the last date recorded',
    )
    expect(endRefusal({ ...needed, endedOn: '2026-04-01' }, '2026-05-01', null)?.field).toBe('form')
  })

  it('a match needs the name and its date together', () => {
    const now = new Date('2026-07-06T11:00:00Z')
    const noDate = arrangementSchema(now).safeParse({
      ...day('requested', '2026-02-09'),
      visitorName: 'Pat Evans',
    })
    expect(noDate.error?.issues.map((i) => i.path[0])).toEqual(['matched-day'])
    const noName = arrangementSchema(now).safeParse({
      ...day('requested', '2026-02-09'),
      ...day('matched', '2026-03-02'),
    })
    expect(noName.error?.issues.map((i) => i.path[0])).toEqual(['visitorName'])
    const requestOnly = arrangementSchema(now).safeParse({ ...day('requested', '2026-02-09') })
    expect(requestOnly.success && requestOnly.data).toEqual({
      requestedOn: '2026-02-09',
      matchedOn: null,
      visitorName: null,
    })
  })
})
