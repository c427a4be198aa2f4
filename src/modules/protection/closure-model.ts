/**
 * Closing a child's social care case (issue 15): the allocated worker proposes it with the closure
 * checklist (platform/casework/closure.ts, shared with early help) and a manager authorises it
 * through the platform's sign-off step. The case is the child's open referral (the CIN census's
 * episode); it closes with a CIN census reason for closure, and cannot close while the child is on
 * a child protection or child in need plan or an assessment is not yet authorised. Pure.
 */
import { z } from 'zod'
import {
  readClosureChecklist,
  type ClosureChecklist,
  type ClosureReason,
} from '../../platform/casework/closure.js'
import { LONG_ANSWER_MAX } from '../../platform/http/form.js'
import { REASON_FOR_CLOSURE } from '../returns/cin/codes.js'
import { CLOSURE_REASONS } from './cin-plan-model.js'
import { labelOf } from './model.js'

/** The sign-off's and the records' subject type. */
export const CASE_CLOSURE_SUBJECT = 'case_closure'

/** The event that closes the case: it cancels the management oversight clock (clock-definitions.json). */
export const CASE_CLOSED_EVENT = 'case.closed'

/**
 * The reasons a social care case closes with: the CIN census's ReasonForClosure codes as the
 * returns module lists them, worded as the CIN plan's settings word them.
 */
export const SOCIAL_CARE_CLOSURE_REASONS: readonly ClosureReason[] = [...REASON_FOR_CLOSURE].map((code) => ({
  code,
  label: labelOf(CLOSURE_REASONS, code) ?? code,
}))

/** What is still open on the child's case, read from the published views. */
export interface OpenWork {
  cpPlans: number
  cinPlans: number
  assessments: number
}

/** Why the case cannot close yet, one sentence for each thing still open (empty: it can close). */
export function closureBlockers(open: OpenWork): string[] {
  const out: string[] = []
  if (open.cpPlans > 0)
    out.push('The child is on a child protection plan: end the plan before closing the case')
  if (open.cinPlans > 0)
    out.push('The child is on a child in need plan: end the plan before closing the case')
  if (open.assessments > 0)
    out.push(
      'An assessment of the child is not yet authorised: complete it and have it authorised before closing the case',
    )
  return out
}

/** The refusal when the child has no open case. */
export const NO_OPEN_CASE = 'This child has no open social care case to close'
/** The refusal when a closure already waits. */
export const ALREADY_AWAITING = 'The closure of this case is already waiting for a manager to authorise it'

/** The CIN census's reason for a case closed after assessment and referred to early help. */
export const STEP_DOWN_REASON = 'RC9'

/** A proposal to close the case: the checklist, and what early help should know if it steps down. */
export interface CaseClosureInput {
  checklist: ClosureChecklist
  /** Null: the family does not step down to early help. */
  stepDownNote: string | null
}

const one = (v: string | readonly string[] | undefined): string =>
  (typeof v === 'string' ? v : (v?.[0] ?? '')).trim()

/**
 * Whether the family steps down to early help, and what early help should know (issue 15: the
 * plan carried across). Asked on every closure; RC9 ("referred to early help") is a step-down.
 */
export function readStepDown(
  raw: Readonly<Record<string, string | string[] | undefined>>,
  reasonCode: string | null,
): { note: string | null; issues: { field: string; message: string }[] } {
  const answer = one(raw.stepDown)
  const note = one(raw.stepDownNote)
  const issues: { field: string; message: string }[] = []
  if (answer !== 'yes' && answer !== 'no')
    issues.push({ field: 'stepDown', message: 'Select whether the family steps down to early help' })
  else if (answer === 'no' && reasonCode === STEP_DOWN_REASON)
    issues.push({
      field: 'stepDown',
      message: 'RC9 is a referral to early help: select yes, or choose another reason for closure',
    })
  if (answer === 'yes' && note === '')
    issues.push({ field: 'stepDownNote', message: 'Enter what early help should know to carry on the work' })
  if (note.length > LONG_ANSWER_MAX)
    issues.push({
      field: 'stepDownNote',
      message: `What early help should know must be ${LONG_ANSWER_MAX.toLocaleString('en-GB')} characters or fewer`,
    })
  return { note: answer === 'yes' && note !== '' ? note : null, issues }
}

/** The social care closure form: the shared checklist, then the step-down. */
export const caseClosureSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]).optional())
  .transform((raw, ctx): CaseClosureInput => {
    const read = readClosureChecklist(raw, SOCIAL_CARE_CLOSURE_REASONS)
    const reasonCode = read.ok ? read.checklist.reasonCode : one(raw.closureReason) || null
    const stepDown = readStepDown(raw, reasonCode)
    const issues = [...(read.ok ? [] : read.issues), ...stepDown.issues]
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
    return issues.length || !read.ok ? z.NEVER : { checklist: read.checklist, stepDownNote: stepDown.note }
  })
