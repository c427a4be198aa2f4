import { describe, expect, it } from 'vitest'
import { allocationSchema, changesWorker, SW_CHANGE_REASONS } from './model.js'

describe('the reason for a change of social worker is asked only on a change', () => {
  it.each([
    ['a first allocation', [], 7, false],
    ['the same worker again', [7], 7, false],
    ['another worker', [7], 8, true],
    ['another worker while two hold the case', [7, 9], 8, true],
    ['one of the two holding it', [7, 9], 9, false],
  ])('%s', (_, current, worker, expected) => {
    expect(changesWorker(current, worker)).toBe(expected)
  })
})

describe('the allocation form', () => {
  it('reads a worker alone, the reason left to the service', () => {
    expect(allocationSchema.parse({ workerId: '12' })).toEqual({ workerId: 12, swReason: null })
    expect(allocationSchema.parse({ workerId: '12', swReason: '' })).toEqual({ workerId: 12, swReason: null })
  })

  it('reads a reason that is one of the DfE’s codes, and refuses another', () => {
    expect(allocationSchema.parse({ workerId: '12', swReason: 'LEFTRL' })).toEqual({
      workerId: 12,
      swReason: 'LEFTRL',
    })
    const refused = allocationSchema.safeParse({ workerId: '12', swReason: 'LEFT' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toBe(
      'Select why the child is being given another social worker',
    )
  })

  it('offers every SW_REASON code once', () => {
    expect(SW_CHANGE_REASONS.map((r) => r.code).sort()).toEqual(
      [
        'ABSENC',
        'CHCHAN',
        'FCONTA',
        'LEFTRL',
        'MANAGE',
        'ORGRST',
        'OTHERS',
        'PCCHAN',
        'SWDIED',
        'TSPROC',
      ].sort(),
    )
  })
})
