import { describe, expect, it } from 'vitest'
import { makeRow } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import type { Ssda903Child } from '../index.js'
import { rule444 } from './rule-444.js'

/** Children with one Header row each, numbered as in one Header file. */
function children(upns: string[]): Ssda903Child[] {
  return upns.map((UPN, i) => {
    const child = testChild({}, {}, `C${i + 1}`)
    child.current.Header.push(
      makeRow('Header', { CHILD: `C${i + 1}`, UPN }, { file: 'Header.csv', row: i, line: i + 2 }),
    )
    return child
  })
}

function run(upns: string[]) {
  const check = rule444.begin(testContext())
  for (const c of children(upns)) check.see(c)
  return check.finish()
}

describe('444 duplicate UPN', () => {
  it('reports every row of a repeated UPN, under its child', () => {
    expect(run(['A123456789012', 'B123456789012', 'a123456789012 '])).toEqual([
      { table: 'Header', row: 0, line: 2, fields: ['UPN'], childId: 'C1' },
      { table: 'Header', row: 2, line: 4, fields: ['UPN'], childId: 'C3' },
    ])
  })
  it.each([
    ['distinct UPNs', ['A123456789012', 'B123456789012'], 0],
    ['UN1 to UN5 may repeat', ['UN1', 'UN1', 'UN5', 'UN5'], 0],
    ['UN6 may not', ['UN6', 'UN6'], 2],
    ['blanks are not duplicates', ['', ''], 0],
  ])('%s', (_, upns, expected) => {
    expect(run(upns)).toHaveLength(expected)
  })
})
