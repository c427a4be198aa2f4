import { describe, expect, it } from 'vitest'
import { parseWorklistQuery, signOffKind, taskStatus, workingDaysLeft } from './model.js'

describe('worklist rules', () => {
  const due = new Date('2026-11-25T23:59:59Z')
  const soon = new Date('2026-11-24T00:00:00Z')
  it.each([
    ['2026-11-23T10:00:00Z', 'due'],
    ['2026-11-24T10:00:00Z', 'due_soon'],
    ['2026-11-26T00:00:00Z', 'overdue'],
  ])('at %s the task is %s', (now, expected) => {
    expect(taskStatus(due, soon, new Date(now))).toBe(expected)
  })

  it('counts working days left in London, over a weekend', () => {
    expect(workingDaysLeft(new Date('2026-11-23T12:00:00Z'), new Date('2026-11-20T09:00:00Z'))).toBe(1)
    expect(workingDaysLeft(new Date('2026-11-20T12:00:00Z'), new Date('2026-11-23T09:00:00Z'))).toBe(-1)
  })

  it('reads sort and filter from the URL and ignores nonsense', () => {
    expect(parseWorklistQuery({ status: 'overdue', sort: 'child', direction: 'descending' })).toEqual({
      status: 'overdue',
      sort: 'child',
      direction: 'descending',
    })
    expect(parseWorklistQuery({ status: "'; drop table", sort: 'x' })).toEqual({
      status: 'all',
      sort: 'due',
      direction: 'ascending',
    })
  })

  it.each([
    ['assessment', 'Child and family assessment'],
    ['eh_closure', 'Closure of an early help episode'],
    ['case_closure', 'Case closure'],
  ])('names a sign-off of a %s as "%s"', (subjectType, kind) => {
    expect(signOffKind(subjectType)).toBe(kind)
  })
})
