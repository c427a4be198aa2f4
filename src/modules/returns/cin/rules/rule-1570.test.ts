import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1570 } from './rule-1570.js'

const ctx = cinContext()

describe('1570 LA child ID length', () => {
  it.each([
    ['19 characters', 'A'.repeat(19), 0],
    ['20 characters', 'A'.repeat(20), 0],
    ['21 characters', 'A'.repeat(21), 1],
    ['20 characters with spaces around (read trimmed)', `  ${'A'.repeat(20)}  `, 0],
    ['20 characters outside the BMP', '𝐀'.repeat(20), 0],
    ['21 characters outside the BMP', '𝐀'.repeat(21), 1],
    ['no ID', null, 0],
  ])('%s', (_, id, expected) => {
    expect(rule1570.check(cinChild({ LAchildID: id }), ctx)).toHaveLength(expected)
  })
})
