/**
 * Police domestic abuse notifications: which are police notifications, what the police say about
 * the risk, and which children may not be closed together with others. Pure: no I/O.
 */
import type { DashRisk } from '../../platform/db/schema.js'
import type { Code } from './model.js'

export const DASH_RISKS: readonly (Code<DashRisk> & { hint: string })[] = [
  { code: 'standard', label: 'Standard', hint: 'No evidence of likely serious harm now' },
  {
    code: 'medium',
    label: 'Medium',
    hint: 'Signs of risk of serious harm; unlikely unless circumstances change',
  },
  { code: 'high', label: 'High', hint: 'Risk of serious harm could happen at any time' },
]

/** A police contact about domestic abuse is a police notification for the MASH. */
export function isPoliceNotification(c: {
  domestic_abuse: boolean
  referral_source: string
  channel: string
}): boolean {
  return c.domestic_abuse && (c.referral_source === '6' || c.channel === 'police_notification')
}

/** The notifications about one child that make it the third in twelve months: this one and two more. */
export const REPEAT_NOTIFICATIONS = 3

export interface NotificationRisk {
  dashRisk: DashRisk | null
  injuryMentioned: boolean | null
  /** Police notifications about this child received in the twelve months to this one, this one included. */
  notificationsIn12Months: number
}

export type HoldBackReason = 'high_dash' | 'repeat' | 'injury'

export const HOLD_BACK_TEXT: Record<HoldBackReason, string> = {
  high_dash: 'the police assessed the risk as high (DASH)',
  repeat: 'this is the third or later police notification about the child in 12 months',
  injury: 'the notification mentions an injury',
}

/**
 * Why a child's notification must go to individual triage rather than be closed with others: a
 * high DASH risk, a third notification in twelve months, or a mentioned injury. Empty: it may be
 * decided in bulk.
 */
export function bulkHoldBack(risk: NotificationRisk): HoldBackReason[] {
  const reasons: HoldBackReason[] = []
  if (risk.dashRisk === 'high') reasons.push('high_dash')
  if (risk.notificationsIn12Months >= REPEAT_NOTIFICATIONS) reasons.push('repeat')
  if (risk.injuryMentioned === true) reasons.push('injury')
  return reasons
}

/** The reasons in a sentence: "Goes to individual triage: the police assessed the risk as high (DASH)." */
export function holdBackSentence(reasons: readonly HoldBackReason[]): string | null {
  if (reasons.length === 0) return null
  const parts = reasons.map((r) => HOLD_BACK_TEXT[r])
  const joined =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join('; ')} and ${parts[parts.length - 1]}`
  return `Goes to individual triage: ${joined}.`
}

/** What the police said about the risk on a notification; null where they did not say. */
export interface PoliceRisk {
  dashRisk: DashRisk | null
  maracReferral: boolean | null
  injuryMentioned: boolean | null
}

/** The police risk questions' field names, on the partner's form and the screener's. */
export const POLICE_RISK_FIELDS = ['dashRisk', 'maracReferral', 'injuryMentioned'] as const

const YES_NO: Record<string, boolean | null> = { yes: true, no: false, '': null, not_known: null }

/**
 * The police risk questions' answers, checked: each optional (the police do not always give
 * them), but an answer that is not one of the choices is refused rather than dropped.
 */
export function parsePoliceRisk(
  v: Readonly<Record<string, string | string[] | undefined>>,
): { ok: true; risk: PoliceRisk } | { ok: false; problems: { field: string; text: string }[] } {
  const text = (k: string) => {
    const value = v[k]
    return typeof value === 'string' ? value.trim() : value === undefined ? '' : null
  }
  const problems: { field: string; text: string }[] = []
  const dash = text('dashRisk')
  const dashRisk =
    dash === '' || dash === 'not_assessed'
      ? null
      : (DASH_RISKS.find((d) => d.code === dash)?.code ?? undefined)
  if (dashRisk === undefined)
    problems.push({ field: 'dashRisk', text: 'Select the DASH risk level, or that it was not assessed' })
  const yesNo = (field: string, message: string) => {
    const answer = text(field)
    const value = answer === null ? undefined : YES_NO[answer]
    if (value === undefined) problems.push({ field, text: message })
    return value ?? null
  }
  const maracReferral = yesNo('maracReferral', 'Select whether the police have referred to MARAC')
  const injuryMentioned = yesNo('injuryMentioned', 'Select whether an injury is mentioned')
  if (problems.length > 0 || dashRisk === undefined) return { ok: false, problems }
  return { ok: true, risk: { dashRisk, maracReferral, injuryMentioned } }
}

/** The police risk answers as a screener or check-answers page reads them. */
export function policeRiskText(risk: PoliceRisk): { dash: string; marac: string; injury: string } {
  const yesNo = (b: boolean | null) => (b === null ? 'Not known' : b ? 'Yes' : 'No')
  return {
    dash:
      risk.dashRisk === null
        ? 'Not assessed or not given'
        : (DASH_RISKS.find((d) => d.code === risk.dashRisk)?.label ?? ''),
    marac: yesNo(risk.maracReferral),
    injury: yesNo(risk.injuryMentioned),
  }
}

/** The police risk answers as rows of a summary list. */
export function policeRiskRows(risk: PoliceRisk): { key: string; value: string }[] {
  const t = policeRiskText(risk)
  return [
    { key: 'DASH risk level', value: t.dash },
    { key: 'Referred to MARAC', value: t.marac },
    { key: 'Injury mentioned', value: t.injury },
  ]
}
