/**
 * The closure checklist every closure of a child's case uses, in social care and in early help
 * (issue 15; the Serious Case Review's failure F11 in shared/requirements/seed-001.md: cases closed
 * with concerns still current, no challenge, little of the child's own feelings recorded). Before a
 * case closes the worker records:
 *
 * - the multi-agency views: which agencies were asked and what each said, or why one was not asked;
 * - the outstanding concerns: none, or each with how it is addressed after closure;
 * - the child's voice: what the child said, or why it is not recorded (too young is recorded as such);
 * - the coded reason for closure, from the code list the caller passes (social care: the CIN
 *   census's reasons for closure; early help: its own);
 * - whether the family withdrew consent and whether the risks are unchanged. When both, the
 *   closure cannot go on until the worker records that a referral (a contact to the front door)
 *   was made, or why not; the manager sees it first at sign-off (`referralPrompted`).
 *
 * The manager's sign-off is the platform's (platform/signoff), which the caller runs. Pure: the
 * form's schema, its rules and the summary shown back; the shared fields are the Nunjucks macros
 * in platform/views/closure-checklist.njk.
 */
import { z } from 'zod'
import { LONG_ANSWER_MAX, SHORT_ANSWER_MAX } from '../http/form.js'

/**
 * A coded reason for closure the caller offers: `{ code: 'RC7', label: 'Services ceased…' }`. A
 * reason with `detail` ("Other") asks the worker to say more, in the field `closureReasonDetail`.
 */
export interface ClosureReason {
  code: string
  label: string
  detail?: boolean
}

/** Rows of agencies and of concerns the form offers (a page without JavaScript shows them all). */
export const AGENCY_ROWS = 4
export const CONCERN_ROWS = 4

/** Why the child's voice is not recorded. */
export const VOICE_NOT_RECORDED = [
  { code: 'too_young', label: 'Too young to give their views' },
  {
    code: 'unable',
    label: 'Not able to give their views (communication or disability), and no one could help them to',
  },
  { code: 'declined', label: 'Declined to talk to us' },
  { code: 'not_seen', label: 'Not seen' },
  { code: 'other', label: 'Another reason' },
] as const
export type VoiceNotRecorded = (typeof VOICE_NOT_RECORDED)[number]['code']

export type AgencyView =
  { agency: string; asked: true; view: string } | { agency: string; asked: false; whyNot: string }

export interface OutstandingConcern {
  concern: string
  addressed: string
}

export type ChildVoice =
  { recorded: true; said: string } | { recorded: false; reason: VoiceNotRecorded; detail: string | null }

/** When consent was withdrawn and the risks are unchanged: the referral made, or why not. */
export type ReferralConsidered = { made: true; detail: string } | { made: false; whyNot: string }

export interface ClosureChecklist {
  agencies: AgencyView[]
  /** Empty: no concerns are outstanding. */
  concerns: OutstandingConcern[]
  childVoice: ChildVoice
  reasonCode: string
  /** What the worker said more of a reason that asks for it (absent from older checklists). */
  reasonDetail?: string | null
  consentWithdrawn: boolean
  risksUnchanged: boolean
  /** Null unless consent was withdrawn with the risks unchanged. */
  referral: ReferralConsidered | null
}

/** The prompt applies: consent withdrawn and the risks unchanged. */
export function referralPrompted(c: Pick<ClosureChecklist, 'consentWithdrawn' | 'risksUnchanged'>): boolean {
  return c.consentWithdrawn && c.risksUnchanged
}

/** The error shown when the prompt applies and nothing is recorded: it names what to do. */
export const REFERRAL_PROMPT =
  'The family withdrew consent and the risks are unchanged: consider a referral to the front door, then record that you made one, or why not'

/** Field names a form posts, row `i` counted from 1. */
export const agencyField = (i: number) => `agency${i}`
export const agencyAskedField = (i: number) => `agencyAsked${i}`
export const agencyViewField = (i: number) => `agencyView${i}`
export const agencyWhyNotField = (i: number) => `agencyWhyNot${i}`
export const concernField = (i: number) => `concern${i}`
export const concernAddressedField = (i: number) => `concernAddressed${i}`

/** Where an error links when it is not the field's own id: the agencies to the first agency. */
export const CLOSURE_FIELD_IDS: Readonly<Record<string, string>> = { agencies: agencyField(1) }

const rows = (n: number) => Array.from({ length: n }, (_, k) => k + 1)

/** An answer as one trimmed string ('' when not given). */
const one = (v: string | readonly string[] | undefined): string =>
  (typeof v === 'string' ? v : (v?.[0] ?? '')).trim()

const answers = z.record(z.string(), z.union([z.string(), z.array(z.string())]).optional())

type Issue = { field: string; message: string }

const yesNo = (v: string): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null)

/**
 * The checklist from a form's answers, or each problem with its own message (the pure rule the
 * schema wraps). `reasons` is the caller's code list.
 */
export function readClosureChecklist(
  raw: Readonly<Record<string, string | string[] | undefined>>,
  reasons: readonly ClosureReason[],
): { ok: true; checklist: ClosureChecklist } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = []
  const get = (name: string) => one(raw[name])
  const long = (name: string, label: string): string => {
    const v = get(name)
    if (v.length > LONG_ANSWER_MAX)
      issues.push({
        field: name,
        message: `${label} must be ${LONG_ANSWER_MAX.toLocaleString('en-GB')} characters or fewer`,
      })
    return v
  }

  // Multi-agency views: each row named is complete; at least one row.
  const agencies: AgencyView[] = []
  for (const i of rows(AGENCY_ROWS)) {
    const agency = get(agencyField(i))
    const asked = yesNo(get(agencyAskedField(i)))
    const view = asked === true ? long(agencyViewField(i), 'What the agency said') : ''
    const whyNot = asked === false ? long(agencyWhyNotField(i), 'Why the agency was not asked') : ''
    if (agency === '' && asked === null) continue
    const name = agency === '' ? 'the agency' : agency
    if (agency === '') issues.push({ field: agencyField(i), message: `Enter the name of agency ${i}` })
    else if (agency.length > SHORT_ANSWER_MAX)
      issues.push({
        field: agencyField(i),
        message: `Agency name must be ${SHORT_ANSWER_MAX} characters or fewer`,
      })
    if (asked === null)
      issues.push({ field: agencyAskedField(i), message: `Select whether ${name} was asked for its view` })
    else if (asked && view === '')
      issues.push({ field: agencyViewField(i), message: `Enter what ${name} said about closing the case` })
    else if (!asked && whyNot === '')
      issues.push({ field: agencyWhyNotField(i), message: `Enter why ${name} was not asked for its view` })
    agencies.push(asked ? { agency, asked: true, view } : { agency, asked: false, whyNot })
  }
  if (agencies.length === 0)
    issues.push({
      field: 'agencies',
      message: 'Enter at least one agency’s view of closing the case, or why it was not asked',
    })

  // Outstanding concerns: none, or each with how it is addressed.
  const outstanding = get('outstandingConcerns')
  const concerns: OutstandingConcern[] = []
  if (outstanding !== 'none' && outstanding !== 'some')
    issues.push({ field: 'outstandingConcerns', message: 'Select whether any concerns are outstanding' })
  if (outstanding === 'some') {
    for (const i of rows(CONCERN_ROWS)) {
      const concern = long(concernField(i), 'The concern')
      const addressed = long(concernAddressedField(i), 'How the concern is addressed')
      if (concern === '' && addressed === '') continue
      if (concern === '') issues.push({ field: concernField(i), message: `Enter outstanding concern ${i}` })
      else if (addressed === '')
        issues.push({
          field: concernAddressedField(i),
          message: `Enter how outstanding concern ${i} is addressed after the case closes`,
        })
      concerns.push({ concern, addressed })
    }
    if (concerns.length === 0)
      issues.push({
        field: concernField(1),
        message: 'Enter each outstanding concern and how it is addressed',
      })
  }

  // The child's voice.
  const voice = get('childVoice')
  let childVoice: ChildVoice | null = null
  if (voice === 'recorded') {
    const said = long('childSaid', 'What the child said')
    if (said === '')
      issues.push({
        field: 'childSaid',
        message: 'Enter what the child said about their life and the case closing',
      })
    childVoice = { recorded: true, said }
  } else if (voice === 'not_recorded') {
    const reason = VOICE_NOT_RECORDED.find((r) => r.code === get('voiceNotReason'))?.code
    const detail = long('voiceNotDetail', 'Why the child’s voice is not recorded')
    if (!reason)
      issues.push({ field: 'voiceNotReason', message: 'Select why the child’s views are not recorded' })
    else if (reason === 'other' && detail === '')
      issues.push({ field: 'voiceNotDetail', message: 'Enter why the child’s views are not recorded' })
    childVoice = { recorded: false, reason: reason ?? 'other', detail: detail === '' ? null : detail }
  } else issues.push({ field: 'childVoice', message: 'Select whether the child’s views are recorded' })

  // The coded reason, from the caller's list.
  const reasonCode = get('closureReason')
  const reason = reasons.find((r) => r.code === reasonCode)
  if (!reason) issues.push({ field: 'closureReason', message: 'Select the reason for closing the case' })
  const reasonDetail = reason?.detail ? long('closureReasonDetail', 'The reason') : ''
  if (reason?.detail && reasonDetail === '')
    issues.push({ field: 'closureReasonDetail', message: `Enter more about the reason: ${reason.label}` })

  // Consent withdrawn with the risks unchanged: the referral prompt.
  const consentWithdrawn = yesNo(get('consentWithdrawn'))
  const risksUnchanged = yesNo(get('risksUnchanged'))
  if (consentWithdrawn === null)
    issues.push({ field: 'consentWithdrawn', message: 'Select whether the family withdrew their consent' })
  if (risksUnchanged === null)
    issues.push({ field: 'risksUnchanged', message: 'Select whether the risks to the child are unchanged' })
  let referral: ReferralConsidered | null = null
  if (consentWithdrawn === true && risksUnchanged === true) {
    const made = yesNo(get('referralMade'))
    const detail = made === true ? long('referralDetail', 'The referral') : ''
    const whyNot = made === false ? long('referralWhyNot', 'Why no referral was made') : ''
    if (made === null) issues.push({ field: 'referralMade', message: REFERRAL_PROMPT })
    else if (made && detail === '')
      issues.push({ field: 'referralDetail', message: 'Enter when the referral was made and to whom' })
    else if (!made && whyNot === '')
      issues.push({ field: 'referralWhyNot', message: 'Enter why no referral to the front door was made' })
    if (made !== null) referral = made ? { made: true, detail } : { made: false, whyNot }
  }

  if (issues.length > 0 || childVoice === null || consentWithdrawn === null || risksUnchanged === null)
    return { ok: false, issues }
  return {
    ok: true,
    checklist: {
      agencies,
      concerns,
      childVoice,
      reasonCode,
      reasonDetail: reasonDetail === '' ? null : reasonDetail,
      consentWithdrawn,
      risksUnchanged,
      referral,
    },
  }
}

/** The checklist as a form schema (for `formRoute`): each problem on its own field. */
export function closureChecklistSchema(reasons: readonly ClosureReason[]) {
  return answers.transform((raw, ctx): ClosureChecklist => {
    const read = readClosureChecklist(raw, reasons)
    if (read.ok) return read.checklist
    for (const issue of read.issues)
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
    return z.NEVER
  })
}

/** A checklist as a form's answers again (a returned closure shown to be changed). */
export function checklistAnswers(c: ClosureChecklist): Record<string, string> {
  const out: Record<string, string> = {
    outstandingConcerns: c.concerns.length ? 'some' : 'none',
    childVoice: c.childVoice.recorded ? 'recorded' : 'not_recorded',
    closureReason: c.reasonCode,
    ...(c.reasonDetail ? { closureReasonDetail: c.reasonDetail } : {}),
    consentWithdrawn: c.consentWithdrawn ? 'yes' : 'no',
    risksUnchanged: c.risksUnchanged ? 'yes' : 'no',
  }
  c.agencies.forEach((a, k) => {
    out[agencyField(k + 1)] = a.agency
    out[agencyAskedField(k + 1)] = a.asked ? 'yes' : 'no'
    if (a.asked) out[agencyViewField(k + 1)] = a.view
    else out[agencyWhyNotField(k + 1)] = a.whyNot
  })
  c.concerns.forEach((x, k) => {
    out[concernField(k + 1)] = x.concern
    out[concernAddressedField(k + 1)] = x.addressed
  })
  if (c.childVoice.recorded) out.childSaid = c.childVoice.said
  else {
    out.voiceNotReason = c.childVoice.reason
    if (c.childVoice.detail) out.voiceNotDetail = c.childVoice.detail
  }
  if (c.referral) {
    out.referralMade = c.referral.made ? 'yes' : 'no'
    if (c.referral.made) out.referralDetail = c.referral.detail
    else out.referralWhyNot = c.referral.whyNot
  }
  return out
}

/** The checklist's coded reason in words, with what the worker said more: "EH7: Other. Moved to a relative's". */
export function reasonText(
  c: Pick<ClosureChecklist, 'reasonCode' | 'reasonDetail'>,
  reasons: readonly ClosureReason[],
) {
  const reason = reasons.find((r) => r.code === c.reasonCode)
  const text = reason ? `${reason.code}: ${reason.label}` : c.reasonCode
  return c.reasonDetail ? `${text}. ${c.reasonDetail}` : text
}

/** The checklist as summary-list rows ({ key, value } text) for the closure and sign-off pages. */
export function checklistRows(c: ClosureChecklist, reasons: readonly ClosureReason[]) {
  const voice = c.childVoice.recorded
    ? `What the child said: ${c.childVoice.said}`
    : `Not recorded: ${VOICE_NOT_RECORDED.find((r) => r.code === (c.childVoice as { reason: string }).reason)?.label ?? ''}${c.childVoice.detail ? `. ${c.childVoice.detail}` : ''}`
  const rowsOut = [
    {
      key: 'Multi-agency views',
      value: c.agencies
        .map((a) => (a.asked ? `${a.agency}: ${a.view}` : `${a.agency} (not asked): ${a.whyNot}`))
        .join('\n'),
    },
    {
      key: 'Outstanding concerns',
      value: c.concerns.length
        ? c.concerns.map((x) => `${x.concern}. Addressed by: ${x.addressed}`).join('\n')
        : 'None',
    },
    { key: 'The child’s voice', value: voice },
    { key: 'Reason for closure', value: reasonText(c, reasons) },
    { key: 'Family withdrew consent', value: c.consentWithdrawn ? 'Yes' : 'No' },
    { key: 'Risks unchanged', value: c.risksUnchanged ? 'Yes' : 'No' },
  ]
  if (c.referral)
    rowsOut.push({
      key: 'Referral to the front door',
      value: c.referral.made ? `Made: ${c.referral.detail}` : `Not made: ${c.referral.whyNot}`,
    })
  return rowsOut
}

/**
 * What the shared macro `closureChecklistFields` (platform/views/closure-checklist.njk) is given:
 * the answers kept, their errors, the caller's reasons and the new-contact page for the prompt.
 */
export function closureChecklistView(o: {
  values: Readonly<Record<string, string | string[]>>
  fieldErrors: Readonly<Record<string, { text: string }>>
  reasons: readonly ClosureReason[]
  reasonHint: string
  newContactHref: string
}) {
  return {
    ...o,
    agencyRows: AGENCY_ROWS,
    concernRows: CONCERN_ROWS,
    voiceNotReasons: VOICE_NOT_RECORDED,
  }
}

/** What the shared macro `closureChecklistSummary` is given: the rows, and the prompt first. */
export function closureSummaryView(c: ClosureChecklist, reasons: readonly ClosureReason[]) {
  return {
    rows: checklistRows(c, reasons),
    referralPrompted: referralPrompted(c),
    referralText: c.referral
      ? c.referral.made
        ? `The worker made a referral to the front door: ${c.referral.detail}`
        : `The worker made no referral to the front door: ${c.referral.whyNot}`
      : '',
  }
}
