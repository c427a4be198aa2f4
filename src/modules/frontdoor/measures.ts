/**
 * The front door's measures page (issue 12): SQL over the front door's tables and the platform's
 * tasks, with the pure rules that turn counts into the figures the pages show. The SQL runs in
 * `measure-store.ts`. The module contract's measures are the catalogue's (`FRONTDOOR_KPIS`).
 */
import catalogue from '../../../reference/kpis/frontdoor.json' with { type: 'json' }
import { addMonths, londonDate, londonInstant } from '../../platform/calendar/dates.js'
import { parseKpiCatalogue } from '../../platform/measures.js'

/** The front door's measures in the KPI catalogue: the digest's definitions of its figures. */
export const FRONTDOOR_KPIS = parseKpiCatalogue(catalogue)

/**
 * A front door measure as its own page shows it (contacts by source and month, medians in hours).
 * The digest's definitions are the catalogue's (reference/kpis/frontdoor.json); moving this page
 * onto the digest engine is still to do (src/modules/performance/README.md).
 *
 * Its SQL runs over the module's own tables, the platform's (tasks) or published views, with a
 * CTE `period(starts, ends)` in scope. Each statement returns one row per unit counted: `item_id`
 * (unique), `child_id` (the child behind it, for the drill-down), `at` (when it falls in the
 * period), `category` (a breakdown's) and `value` (a median's), null where the measure has none.
 */
export interface Measure {
  code: string
  title: string
  /** What it counts, in plain English, as the page explains it. */
  definition: string
  /** The units the figure is over. */
  denominator: string
  /** The units of the denominator that count towards a percentage. */
  numerator?: string
  /** A count of the denominator's units, the numerator's percentage of them, or the median `value`. */
  figure: 'count' | 'percentage' | 'median'
  /** What a median is in ('hours'); a percentage is in per cent. */
  unit?: string
  /** Counts by month and `category` as well as in all (contacts by source). */
  breakdown?: 'month_and_category'
  /** The period a figure covers: a year to date, a rolling 12 months, a snapshot at a date. */
  period: 'year_to_date' | 'rolling_12_months' | 'snapshot'
  /** Whether a higher figure is better, or neither (a rate to watch, not to push). */
  polarity: 'higher_is_better' | 'lower_is_better' | 'neither'
  target?: number
}

/** Each identified child on a contact received in the period: one unit per child per contact. */
const CONTACTS = `
  select cc.id as item_id, cc.child_id, c.received_at as at, c.referral_source as category,
         null::numeric as value
    from contact_child cc join contact c on c.id = cc.contact_id, period
   where c.deleted_at is null and cc.child_id is not null
     and c.received_at >= period.starts and c.received_at < period.ends`

/** Each child's contact decided at the front door in the period (not those passed to a worker). */
const decided = (and = '') => `
  select cc.id as item_id, cc.child_id, cc.decided_at as at, null::text as category,
         extract(epoch from (cc.decided_at - c.received_at)) / 3600.0 as value
    from contact_child cc join contact c on c.id = cc.contact_id, period
   where c.deleted_at is null and cc.child_id is not null and cc.status = 'decided'
     and cc.decided_at >= period.starts and cc.decided_at < period.ends ${and}`

/** The child's clock of this code on this contact, stopped by the decision. */
const clockStopped = (code: string, met = '') => `
  and exists (select 1 from task t
               where t.subject_type = 'contact' and t.subject_id = cc.id::text
                 and t.clock_code = '${code}' and t.closed_by = 'stop' ${met})`

export const FRONTDOOR_MEASURES = [
  {
    code: 'fd-contacts-by-source',
    title: 'Contacts by source',
    definition:
      'Children on contacts received, one for each child on each contact, by who made the contact and the month it was received. Children not yet identified are not counted.',
    denominator: CONTACTS,
    figure: 'count',
    breakdown: 'month_and_category',
    period: 'rolling_12_months',
    polarity: 'neither',
  },
  {
    code: 'fd-conversion-to-referral',
    title: 'Contacts that became referrals',
    definition:
      'Of the children’s contacts decided in the period, the percentage whose decision opened a referral to children’s social care.',
    denominator: decided(),
    numerator: decided('and exists (select 1 from referral r where r.contact_child_id = cc.id)'),
    figure: 'percentage',
    period: 'rolling_12_months',
    polarity: 'neither',
  },
  {
    code: 'fd-repeat-contacts',
    title: 'Repeat contacts within 12 months',
    definition:
      'Of the children on contacts received in the period, the percentage who were on another contact received in the 12 months before.',
    denominator: CONTACTS,
    numerator: `${CONTACTS}
     and exists (select 1 from contact_child p join contact pc on pc.id = p.contact_id
                  where p.child_id = cc.child_id and p.id <> cc.id and pc.deleted_at is null
                    and pc.received_at < c.received_at
                    and pc.received_at >= c.received_at - interval '12 months')`,
    figure: 'percentage',
    period: 'rolling_12_months',
    polarity: 'lower_is_better',
  },
  {
    code: 'fd-nfa-rate',
    title: 'No further action',
    definition:
      'Of the children’s contacts decided in the period, the percentage decided as no further action.',
    denominator: decided(),
    numerator: decided(`and cc.decision = 'no_further_action'`),
    figure: 'percentage',
    period: 'rolling_12_months',
    polarity: 'neither',
  },
  {
    code: 'fd-time-to-decision',
    title: 'Time from contact to decision (median)',
    definition:
      'The median time from when a contact was received to the decision on each child on it, for the decisions made in the period.',
    denominator: decided(),
    figure: 'median',
    unit: 'hours',
    period: 'rolling_12_months',
    polarity: 'lower_is_better',
  },
  {
    code: 'fd-time-to-authorisation',
    title: 'Time from recommendation to authorisation (median)',
    definition:
      'The median time from a MASH social worker’s recommendation to a manager’s authorisation of it, for the children’s contacts authorised in the period (not those the authority lets the recommender decide alone).',
    denominator: `
  select r.id as item_id, cc.child_id, cc.decided_at as at, null::text as category,
         extract(epoch from (cc.decided_at - r.recommended_at)) / 3600.0 as value
    from contact_recommendation r
    join contact_child cc on cc.id = r.contact_child_id
    join contact c on c.id = cc.contact_id, period
   where c.deleted_at is null and cc.child_id is not null and cc.status = 'decided'
     and r.outcome = 'authorised' and not r.decided_alone
     and cc.decided_at >= period.starts and cc.decided_at < period.ends`,
    figure: 'median',
    unit: 'hours',
    period: 'rolling_12_months',
    polarity: 'lower_is_better',
  },
  {
    code: 'fd-decided-within-1wd',
    title: 'Decided within 1 working day',
    definition:
      'Of the children’s contacts decided in the period, the percentage decided within 1 working day of the contact being received (the decision clock met).',
    denominator: decided(),
    numerator: decided(clockStopped('mash-decision', 'and t.stopped_at <= t.due_at')),
    figure: 'percentage',
    period: 'rolling_12_months',
    polarity: 'higher_is_better',
    target: 95,
  },
  {
    code: 'fd-rag-met',
    title: 'Decided within the RAG rating’s time',
    definition:
      'Of the children’s contacts rated red, amber or green and decided in the period, the percentage decided within the time their rating allows (red the same working day, amber 24 hours, green 72 hours).',
    denominator: decided(clockStopped('mash-decision-rag')),
    numerator: decided(clockStopped('mash-decision-rag', 'and t.stopped_at <= t.due_at')),
    figure: 'percentage',
    period: 'rolling_12_months',
    polarity: 'higher_is_better',
    target: 90,
  },
] as const satisfies readonly Measure[]

export type FrontdoorMeasureCode = (typeof FRONTDOOR_MEASURES)[number]['code']

export function findMeasure(code: string): Measure | undefined {
  return (FRONTDOOR_MEASURES as readonly Measure[]).find((m) => m.code === code)
}

/** A rolling 12 months: from the first of the month eleven months back (London) to now. */
export function measurePeriod(now: Date): { starts: Date; ends: Date; months: string[] } {
  const firstOfMonth = `${londonDate(now.getTime()).slice(0, 7)}-01`
  const start = addMonths(firstOfMonth, -11)
  const months = Array.from({ length: 12 }, (_, i) => addMonths(start, i).slice(0, 7))
  return { starts: londonInstant(start, '00:00'), ends: now, months }
}

/** A percentage to the nearest whole number, or null when nothing was counted. */
export function percentage(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((100 * numerator) / denominator)
}

/** Whether a figure meets its target, given the measure's polarity; null without a target. */
export function meetsTarget(
  measure: Pick<Measure, 'target' | 'polarity'>,
  value: number | null,
): boolean | null {
  if (measure.target === undefined || value === null || measure.polarity === 'neither') return null
  return measure.polarity === 'higher_is_better' ? value >= measure.target : value <= measure.target
}

/** A median in hours as the page says it: "3.5 hours", or "2 days 4 hours" past a day. */
export function hoursPhrase(hours: number | null): string {
  if (hours === null) return 'No decisions'
  if (hours < 24) {
    const rounded = Math.round(hours * 10) / 10
    return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`
  }
  const days = Math.floor(hours / 24)
  const rest = Math.round(hours - days * 24)
  return `${days} ${days === 1 ? 'day' : 'days'}${rest ? ` ${rest} ${rest === 1 ? 'hour' : 'hours'}` : ''}`
}
