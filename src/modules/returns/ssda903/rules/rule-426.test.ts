import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule426 } from './rule-426.js'

const ctx = testContext()
const episodes = (...ls: string[]) => testChild({ Episodes: ls.map((LS) => ({ LS })) })

describe('426 short breaks recorded as V3 and V4 in one year', () => {
  it('reports every V3 and V4 episode when both are used', () => {
    expect(rule426.check(episodes('V3', 'C2', 'V4', 'V3'), ctx).map((h) => h.row)).toEqual([0, 2, 3])
  })
  it.each([
    ['only V3', ['V3', 'V3']],
    ['only V4', ['V4']],
    ['no short breaks', ['C2', 'E1']],
    ['blank legal status', ['', 'V3']],
  ])('%s: nothing', (_, ls) => {
    expect(rule426.check(episodes(...ls), ctx)).toHaveLength(0)
  })
})
