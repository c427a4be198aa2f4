/**
 * The placement plan and delegated authority (issue 17: "foster carers and residential providers
 * see only what they must"). Pure: what a plan holds, the everyday decisions and who may take
 * each, the rules for a new version, and the form. No I/O.
 *
 * A placement's plan is what its carers work to day to day: the child's routines, health needs and
 * medication, education and transport, contact with family (who, how often, supervised or not),
 * behaviour and risks and how to manage them, and what to do if the child goes missing. The
 * delegated authority says, for each everyday decision, who takes it: the carer, the social worker
 * or the parent. Both are agreed on a date and each change is a new version, so the history is
 * kept. A plan belongs to one placement: a move starts a new plan.
 */
import { z } from 'zod'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import type { DelegatedDecision, DelegatedTo } from '../../platform/db/schema.js'
import type { ChronologyEvent, ChronologyPresenter } from '../../platform/modules.js'
import { readDay, type Refusal } from './model.js'

/** The sections of the plan, in the order a carer reads them, with what each should say. */
export const PLAN_SECTIONS = [
  {
    key: 'routines',
    label: 'Daily routines',
    hint: 'Mealtimes, bedtimes, food the child likes or cannot eat, what comforts them',
  },
  {
    key: 'health',
    label: 'Health needs and medication',
    hint: 'Conditions, allergies, medication and who gives it, the GP and dentist',
  },
  {
    key: 'education',
    label: 'Education and transport',
    hint: 'The school or nursery, how the child gets there and back, who to call there',
  },
  {
    key: 'contact',
    label: 'Contact with family',
    hint: 'Who the child sees, how often, where, and whether it is supervised and by whom',
  },
  {
    key: 'behaviour',
    label: 'Behaviour and risks',
    hint: 'What may upset the child, the risks to and from them, and how to manage them',
  },
  {
    key: 'missing',
    label: 'If the child goes missing',
    hint: 'Who to call and when: the police, the emergency duty team, the social worker',
  },
] as const
export type PlanSection = (typeof PLAN_SECTIONS)[number]['key']

/** The everyday decisions a carer may be delegated (Children Act 1989 guidance, vol. 2, 2021). */
export const DELEGATED_DECISIONS: readonly { code: DelegatedDecision; label: string }[] = [
  { code: 'haircuts', label: 'Haircuts' },
  { code: 'school_trips', label: 'School trips' },
  { code: 'overnight_stays', label: 'Overnight stays with friends' },
  { code: 'medical_dental', label: 'Routine medical and dental treatment' },
  { code: 'photographs_social_media', label: 'Photographs and social media' },
  { code: 'religious_observance', label: 'Religious observance' },
  { code: 'holidays_uk', label: 'Holidays in the UK' },
  { code: 'holidays_abroad', label: 'Holidays abroad' },
]

/** Who may take an everyday decision. */
export const DELEGATES: readonly { code: DelegatedTo; label: string }[] = [
  { code: 'carer', label: 'The carer' },
  { code: 'social_worker', label: 'The social worker' },
  { code: 'parent', label: 'The parent' },
]

export const delegateText = (code: string): string => DELEGATES.find((d) => d.code === code)?.label ?? code
export const decisionText = (code: string): string =>
  DELEGATED_DECISIONS.find((d) => d.code === code)?.label ?? code

/**
 * The statutory clock of a placement's plan (reference/clock-definitions.json): started by each
 * new placement (`placement.started`, a move restarting it), stopped by the first version recorded
 * for it, due 5 working days after the placement began.
 */
export const PLACEMENT_PLAN_CLOCK = 'placement-plan-5wd'

export const PLACEMENT_PLAN_EVENTS = {
  recorded: 'placement_plan.recorded',
  carerLinked: 'placement_plan.carer_linked',
  carerUnlinked: 'placement_plan.carer_unlinked',
} as const

export const PLACEMENT_PLAN_CHRONOLOGY: ChronologyPresenter = {
  types: ['placement_plan.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // A version is agreed on a day; a carer's access is given when it is recorded.
  datedTypes: [PLACEMENT_PLAN_EVENTS.recorded],
}

/** What the service knows when a version is saved. */
export interface PlanState {
  /** The current placement's start date, or null when the child is not looked after. */
  placementStart: string | null
  /** The latest version's agreed date for this placement, or null for its first plan. */
  lastAgreedOn: string | null
}

/** A new version: while the child is placed, agreed on or after the placement began and the last version. */
export function planRefusal(state: PlanState, agreedOn: string): Refusal | null {
  if (state.placementStart === null)
    return {
      field: 'form',
      message: 'This child is not looked after: a placement plan is recorded for a current placement',
    }
  if (agreedOn < state.placementStart)
    return {
      field: 'agreed-day',
      message: `The date agreed must be on or after ${longDate(state.placementStart)}, when the placement began`,
    }
  if (state.lastAgreedOn !== null && agreedOn < state.lastAgreedOn)
    return {
      field: 'agreed-day',
      message: `The date agreed must be on or after ${longDate(state.lastAgreedOn)}, when the last version was agreed`,
    }
  return null
}

/** The form's field for who decides, and for the note, of one everyday decision. */
export const delegateName = (code: string) => `da-${code}`
export const delegateNoteName = (code: string) => `da-${code}-note`

const isDelegate = (v: unknown): v is DelegatedTo => DELEGATES.some((d) => d.code === v)
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

/**
 * The plan's form. Every answer is read in one pass, so a page sent back shows every problem at
 * once (the date's with the rest).
 */
export function planSchema(now: Date) {
  const today = londonToday(now)
  const answers = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional())
  return answers.transform((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const agreedOn = readDay(
      v,
      'agreed',
      ctx,
      { missing: 'Enter the date the plan was agreed', name: 'The date agreed' },
      today,
    )
    const sections = {} as Record<PlanSection, string>
    for (const s of PLAN_SECTIONS) {
      const value = text(v[s.key])
      if (value === '') issue(s.key, `Enter the ${s.label.toLowerCase()}`)
      else if (value.length > 4000) issue(s.key, `${s.label} must be 4000 characters or fewer`)
      sections[s.key] = value
    }
    const delegated = DELEGATED_DECISIONS.map((d) => {
      const who = v[delegateName(d.code)]
      if (!isDelegate(who)) issue(delegateName(d.code), `Select who decides: ${d.label.toLowerCase()}`)
      const note = text(v[delegateNoteName(d.code)])
      if (note.length > 500) issue(delegateNoteName(d.code), 'A note must be 500 characters or fewer')
      return { decision: d.code, decidedBy: who as DelegatedTo, note: note === '' ? null : note }
    })
    const valid =
      agreedOn !== null &&
      PLAN_SECTIONS.every((s) => sections[s.key] !== '' && sections[s.key].length <= 4000) &&
      delegated.every((d) => isDelegate(d.decidedBy) && (d.note === null || d.note.length <= 500))
    return valid ? { agreedOn, sections, delegated } : z.NEVER
  })
}
export type PlanInput = z.output<ReturnType<typeof planSchema>>

/** The decisions whose delegate changed from one version to the next, in words (the chronology's line). */
export function delegationChanges(
  before: readonly { decision: string; decided_by: string }[],
  after: readonly { decision: string; decidedBy: string }[],
): string[] {
  return after
    .filter((a) => {
      const was = before.find((b) => b.decision === a.decision)
      return was !== undefined && was.decided_by !== a.decidedBy
    })
    .map((a) => `${decisionText(a.decision)}: now ${delegateText(a.decidedBy).toLowerCase()}`)
}

/** The chronology's line for a new version. */
export function planSummary(version: number, agreedOn: string, changes: readonly string[]): string {
  const what =
    version === 1
      ? 'Placement plan and delegated authority agreed'
      : `Placement plan version ${version} agreed`
  const changed = changes.length > 0 ? `; delegated authority changed (${changes.join('; ')})` : ''
  return `${what} on ${longDate(agreedOn)}${changed}`
}

/** Who may be linked as a carer: an active account with the carer role. */
export function carerLinkRefusal(
  account: {
    role: string
    disabled: boolean
    linked: boolean
  } | null,
): Refusal | null {
  if (account === null || account.disabled || account.role !== 'carer')
    return { field: 'userId', message: 'Select a carer’s account' }
  if (account.linked) return { field: 'userId', message: 'This carer can already see the plan' }
  return null
}

/** A carer's access ended by hand (linked by mistake, or no longer caring): which, and why. */
export const carerUnlinkSchema = z.object({
  linkId: z
    .string({ error: 'Select the carer whose access ends' })
    .regex(/^[1-9][0-9]{0,14}$/, 'Select the carer whose access ends')
    .transform(Number),
  reason: z
    .string({ error: 'Enter why the carer’s access ends' })
    .trim()
    .min(1, 'Enter why the carer’s access ends')
    .max(500, 'The reason must be 500 characters or fewer'),
})

export const carerLinkSchema = z.object({
  userId: z
    .string({ error: 'Select a carer’s account' })
    .regex(/^[1-9][0-9]{0,14}$/, 'Select a carer’s account')
    .transform(Number),
})
