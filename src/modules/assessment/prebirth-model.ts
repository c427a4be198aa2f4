/**
 * The pre-birth prompt (issue 14): an unborn child whose parent or brother or sister has social
 * care history (a referral, a child and family assessment, a section 47 enquiry, a child
 * protection plan) should be considered for a pre-birth assessment. Pure: the service reads the
 * family and their history through other modules' published views and hands them here.
 */

/** What counts as social care history, in the order a day's items are listed. */
export type HistoryKind = 'cp_plan' | 's47' | 'assessment' | 'referral'

export interface HistoryItem {
  personId: number
  kind: HistoryKind
  /** The record's own id (the plan's, the enquiry's…), for its link. */
  id: number
  /** The day it started (the referral date, an assessment's or enquiry's start, a plan's start). */
  date: string
  /** A plan's end, a referral's closure as no further action: what the line adds. */
  endDate?: string | null
  nfa?: boolean
}

export interface Relative {
  id: number
  name: string
  relation: 'parent' | 'sibling'
  /** A restricted record (SEC-07): its history is read only when the viewer may open it. */
  restricted: boolean
  /** Whether the viewer may open this person's records: their links are shown only then. */
  mayView: boolean
}

export interface PromptChild {
  kind: 'child' | 'adult' | 'unborn'
  /** Whether an assessment of this child has been started (the prompt is then answered). */
  assessed: boolean
}

export interface PromptLine {
  personId: number
  who: string
  relation: string
  what: string
  when: string
  href: string | null
}

const KIND_ORDER: readonly HistoryKind[] = ['cp_plan', 's47', 'assessment', 'referral']

/** Whether this relative's history may be read for the viewer at all. */
export function historyReadable(r: Pick<Relative, 'restricted' | 'mayView'>): boolean {
  return !r.restricted || r.mayView
}

function what(item: HistoryItem): string {
  switch (item.kind) {
    case 'cp_plan':
      return item.endDate ? 'Child protection plan (ended)' : 'Child protection plan (open)'
    case 's47':
      return 'Section 47 enquiry'
    case 'assessment':
      return 'Child and family assessment'
    case 'referral':
      return item.nfa ? 'Referral (no further action)' : 'Referral'
  }
}

function href(item: HistoryItem): string {
  switch (item.kind) {
    case 'cp_plan':
      return `/cp-plans/${item.id}`
    case 's47':
      return `/s47-enquiries/${item.id}`
    case 'assessment':
      return `/children/${item.personId}/assessments/${item.id}`
    case 'referral':
      return `/referrals/${item.id}`
  }
}

/**
 * The prompt to show on an unborn child's record, or null for none. Shown while the child is
 * unborn and no assessment of them has started, when a parent or a brother or sister has history.
 * A restricted relative the viewer may not open is left out altogether (their history is never
 * read for them); any other relative's history is listed, newest first, linked only where the
 * viewer may follow the link. Dates are ISO days; `when` is the day the item started.
 */
export function prebirthPrompt(
  child: PromptChild,
  relatives: readonly Relative[],
  history: readonly HistoryItem[],
): { lines: PromptLine[] } | null {
  if (child.kind !== 'unborn' || child.assessed) return null
  const byId = new Map(relatives.filter(historyReadable).map((r) => [r.id, r]))
  const lines = history
    .filter((h) => byId.has(h.personId))
    .sort(
      (a, b) =>
        b.date.localeCompare(a.date) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.personId - b.personId ||
        a.id - b.id,
    )
    .map((h) => {
      const r = byId.get(h.personId) as Relative
      return {
        personId: r.id,
        who: r.name,
        relation: r.relation === 'parent' ? 'Parent' : 'Brother or sister',
        what: what(h),
        when: h.date,
        href: r.mayView ? href(h) : null,
      }
    })
  return lines.length > 0 ? { lines } : null
}
