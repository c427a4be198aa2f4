/** Worklist rules: how a task's status and time left are shown. */
import { englandAndWales, type WorkingCalendar } from '../../platform/calendar/working-days.js'
import { londonDate } from '../../platform/calendar/dates.js'

export type TaskStatus = 'overdue' | 'due_soon' | 'due'

export const STATUS_TAGS: Record<TaskStatus, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--orange' },
  due: { text: 'Due', classes: 'govuk-tag--blue' },
}

export function taskStatus(dueAt: Date, dueSoonAt: Date, now: Date): TaskStatus {
  if (now.getTime() > dueAt.getTime()) return 'overdue'
  return now.getTime() >= dueSoonAt.getTime() ? 'due_soon' : 'due'
}

/** Working days from today (London) to the due date: 0 today, negative when overdue. */
export function workingDaysLeft(dueAt: Date, now: Date, calendar: WorkingCalendar = englandAndWales): number {
  return calendar.workingDaysBetween(londonDate(now.getTime()), londonDate(dueAt.getTime()))
}

export const SORTS = ['due', 'child', 'task'] as const
export type WorklistSort = (typeof SORTS)[number]

export interface WorklistFilter {
  status: TaskStatus | 'all'
  sort: WorklistSort
  direction: 'ascending' | 'descending'
}

/** Reads sort and filter from the URL, falling back to the defaults on anything unexpected. */
export function parseWorklistQuery(query: Record<string, unknown>): WorklistFilter {
  const status = ['overdue', 'due_soon', 'due'].includes(String(query.status))
    ? (query.status as TaskStatus)
    : 'all'
  const sort = (SORTS as readonly string[]).includes(String(query.sort))
    ? (query.sort as WorklistSort)
    : 'due'
  const direction = query.direction === 'descending' ? 'descending' : 'ascending'
  return { status, sort, direction }
}
