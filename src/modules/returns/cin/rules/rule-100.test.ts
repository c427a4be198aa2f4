import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinHeader } from '../test-child.js'
import { rule100 } from './rule-100.js'

function run(header: Parameters<typeof cinHeader>[0], year = '2025/26') {
  const check = rule100.begin(cinContext(year, cinHeader(header)))
  check.see(cinChild())
  return check.finish()
}

describe('100 reference date', () => {
  it.each([
    ['31 March of the header year', {}, 0],
    ['the day before', { ReferenceDate: '2026-03-30' }, 1],
    ['the day after', { ReferenceDate: '2026-04-01' }, 1],
    ['missing', { ReferenceDate: null }, 1],
    ['blank', { ReferenceDate: '' }, 1],
    ['not a date', { ReferenceDate: '31st March' }, 1],
    ['UK form of the right day', { ReferenceDate: '31/03/2026' }, 0],
    ['a year that disagrees with the date', { Year: '2025' }, 1],
    ['no year', { Year: null }, 1],
  ])('%s', (_, header, expected) => {
    expect(run(header)).toHaveLength(expected)
  })

  it('flags a file that agrees with itself but is for another collection year', () => {
    expect(run({ Year: '2025', ReferenceDate: '2025-03-31' })).toHaveLength(1)
    expect(run({ Year: '2025', ReferenceDate: '2025-03-31' }, '2024/25')).toHaveLength(0)
  })

  it('reports the header with no child', () => {
    const [h] = run({ ReferenceDate: '2026-03-30' })
    expect(h).toMatchObject({ table: 'Header', row: 0, childId: null, fields: ['ReferenceDate'] })
  })
})
