import { describe, expect, it } from 'vitest'
import { databaseServerCpuBetween } from './scratch-database.js'

describe('the database server’s CPU between two readings', () => {
  it('adds what each process used, counting one started since from zero', () => {
    const before = new Map([
      [10, 500],
      [11, 40],
    ])
    const after = new Map([
      [10, 730],
      [11, 40],
      [12, 25],
    ])
    expect(databaseServerCpuBetween(before, after)).toBe(255)
  })

  it('is never negative when a busy backend ends in between (its share goes with it)', () => {
    const before = new Map([
      [10, 500],
      [11, 9_000],
    ])
    const after = new Map([[10, 520]])
    expect(databaseServerCpuBetween(before, after)).toBe(20)
  })

  it('is not a number when either reading could not be taken', () => {
    expect(databaseServerCpuBetween(null, new Map([[1, 1]]))).toBeNaN()
    expect(databaseServerCpuBetween(new Map([[1, 1]]), null)).toBeNaN()
  })
})
