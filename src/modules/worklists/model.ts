/** Worklist rules: how a task's status and time left are shown. */
import { englandAndWales, type WorkingCalendar } from '../../platform/calendar/working-days.js'
import { londonDate } from '../../platform/calendar/dates.js'
import { visitSummary, type VisitRow } from '../assessment/model.js'

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

export interface VisitTag {
  text: string
  classes: string
}

/**
 * A child's visits as tags on a worklist: the assessment's time from allocation to the first visit
 * (working days) and whether every child of the household was seen, and when the next child
 * protection visit is due (every 10 working days) or that it is overdue.
 */
export function visitTags(
  v: {
    assessment?: VisitRow | undefined
    cpVisitDue?: Date | undefined
  },
  now: Date,
  calendar: WorkingCalendar = englandAndWales,
): VisitTag[] {
  const tags: VisitTag[] = []
  const a = v.assessment
  if (a && a.allocated_at) {
    // The assessment module's rule over its view's row: the child's record says the same.
    const m = visitSummary(a, calendar)
    if (m.daysToFirstVisit === null) tags.push({ text: 'Not yet visited', classes: 'govuk-tag--orange' })
    else
      tags.push({
        text: `First visit ${m.daysToFirstVisit} working ${m.daysToFirstVisit === 1 ? 'day' : 'days'} after allocation`,
        classes: 'govuk-tag--grey',
      })
    if (m.householdChildren > 0)
      tags.push(
        m.allSeen
          ? { text: 'Every child in the household seen', classes: 'govuk-tag--green' }
          : {
              text: `${m.householdUnseen} of ${m.householdChildren} other ${m.householdChildren === 1 ? 'child' : 'children'} in the household not seen`,
              classes: 'govuk-tag--orange',
            },
      )
  }
  if (v.cpVisitDue) {
    const left = workingDaysLeft(v.cpVisitDue, now, calendar)
    tags.push(
      now.getTime() > v.cpVisitDue.getTime()
        ? { text: 'Child protection visit overdue', classes: 'govuk-tag--red' }
        : left === 0
          ? { text: 'Child protection visit due today', classes: 'govuk-tag--orange' }
          : {
              text: `Child protection visit due in ${left} working ${left === 1 ? 'day' : 'days'}`,
              classes: left <= 2 ? 'govuk-tag--orange' : 'govuk-tag--blue',
            },
    )
  }
  return tags
}

export const SIGN_OFF_SORTS = ['asked', 'due', 'child', 'what'] as const
export type SignOffSort = (typeof SIGN_OFF_SORTS)[number]

/** The sign-offs page's order from the URL: oldest ask first by default. */
export function parseSignOffQuery(query: Record<string, unknown>): {
  sort: SignOffSort
  direction: 'ascending' | 'descending'
} {
  const sort = (SIGN_OFF_SORTS as readonly string[]).includes(String(query.sort))
    ? (query.sort as SignOffSort)
    : 'asked'
  return { sort, direction: query.direction === 'descending' ? 'descending' : 'ascending' }
}

/** What a sign-off is about, by the record's subject type, in words for the list. */
export function signOffKind(subjectType: string): string {
  if (subjectType === 'assessment') return 'Child and family assessment'
  if (subjectType === 's47') return 'Section 47 outcome'
  if (subjectType === 'cp_plan') return 'End of a child protection plan'
  if (subjectType === 'eh_closure') return 'Closure of an early help episode'
  return subjectType.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
}
