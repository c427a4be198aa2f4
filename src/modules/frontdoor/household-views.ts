/**
 * What the triage and decision pages show of the household and of duplicate contacts: the members
 * and why they count, the household's children not on this contact with their open contacts and
 * clocks, the history in words (the concern beside each earlier contact, labels for codes), and
 * the links between duplicate contacts. Used by both pages' routes.
 */
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { formatDateTime } from '../../platform/http/dates.js'
import type { KeptAnswers } from '../../platform/http/form.js'
import { HOUSEHOLD_BASIS_TEXT, mayExclude } from './household-model.js'
import { concernSummary, outcomeText, referralStatusText, relationshipText } from './labels.js'
import { contactReference, labelOf, REFERRAL_SOURCES } from './model.js'
import { clockTag, timeLeft } from './route-views.js'
import type { viewTriage } from './triage-service.js'

type Triage = Awaited<ReturnType<typeof viewTriage>>

const triageHref = (contactId: number, contactChildId: number) =>
  `/contacts/${contactId}/children/${contactChildId}`

/** The household and duplicate sections' view data, for `triage-household.njk` and `triage-duplicates.njk`. */
export function householdSection(t: Triage, values: KeptAnswers, now: Date, calendar: WorkingCalendar) {
  const open = t.row.status === 'in_triage'
  const members = t.household.map((m) => ({
    ...m,
    name: `${m.given_name} ${m.family_name}`,
    relationship: relationshipText(m.relationshipType),
    description: memberDescription(m),
  }))
  return {
    household: members,
    excludeItems: members
      .filter((m) => mayExclude(m))
      .map((m) => ({ value: String(m.id), text: m.name, checked: values.personId === String(m.id) })),
    householdChildren: t.householdChildren.map((c) => ({
      ...c,
      name: `${c.given_name} ${c.family_name}`,
      open: c.open.map((o) => ({
        reference: contactReference(o.contact_id),
        href: triageHref(o.contact_id, o.id),
        received_at: o.received_at,
        source: labelOf(REFERRAL_SOURCES, o.referral_source),
        statusText: outcomeText(null, o.status),
        tag: clockTag(o.due_at, o.due_soon_at, now),
        due_at: o.due_at,
        left: timeLeft(o.due_at, now, calendar),
      })),
    })),
    mayAddHousehold: open && t.actions.triage,
    history: historyView(t),
    duplicates: duplicatesView(t, values),
  }
}

/** How a member is of the household: "partner, relationship ended", "on this contact" … */
function memberDescription(m: Triage['household'][number]): string {
  const parts = [
    relationshipText(m.relationshipType),
    m.ended ? 'relationship ended' : null,
    ...m.bases.filter((b) => b !== 'relationship').map((b) => HOUSEHOLD_BASIS_TEXT[b]),
    m.householdMember && !m.ended && m.bases.length === 1 && m.bases[0] === 'relationship'
      ? 'lives in the household'
      : null,
  ]
  return parts.filter((p) => p !== null).join(', ')
}

/** The household's earlier contacts, referrals and events, each naming the child it was about. */
function historyView(t: Triage) {
  const names = new Map<number, string>([
    ...(t.child ? [[t.child.id, `${t.child.given_name} ${t.child.family_name}`] as [number, string]] : []),
    ...t.household.map((m) => [m.id, `${m.given_name} ${m.family_name}`] as [number, string]),
  ])
  const ended = new Set(t.household.filter((m) => m.ended).map((m) => m.id))
  const who = (id: number | null) =>
    `${names.get(id ?? 0) ?? ''}${ended.has(id ?? 0) ? ' (relationship ended)' : ''}`
  return {
    contacts: t.history.contacts.map((c) => ({
      ...c,
      who: who(c.child_id),
      concern: concernSummary(c.reason),
      outcome: outcomeText(c.decision, c.status),
      source: labelOf(REFERRAL_SOURCES, c.referral_source),
      href: triageHref(c.contact_id, c.id),
    })),
    referrals: t.history.referrals.map((r) => ({
      ...r,
      who: who(r.child_id),
      statusText: referralStatusText(r.status),
    })),
    events: t.history.events.map((e) => ({ ...e, who: who(e.child_id) })),
  }
}

function duplicatesView(t: Triage, values: KeptAnswers) {
  const d = t.duplicates
  if (d === null) return null
  const linked = (l: NonNullable<typeof d.linkedTo>, contactId: number, contactChildId: number) => ({
    ...l,
    reference: contactReference(contactId),
    href: triageHref(contactId, contactChildId),
  })
  return {
    others: d.others.map((o) => ({
      reference: contactReference(o.contactId),
      href: triageHref(o.contactId, o.id),
      received_at: o.receivedAt,
      source: labelOf(REFERRAL_SOURCES, o.referralSource),
    })),
    linkedTo: d.linkedTo ? linked(d.linkedTo, d.linkedTo.linkedToContactId, d.linkedTo.linkedToId) : null,
    linkedHere: d.linkedHere.map((l) => linked(l, l.contactId, l.contactChildId)),
    candidateItems: d.candidates.map((c) => ({
      value: String(c.id),
      text: `Contact ${contactReference(c.contactId)}`,
      hint: {
        text: `From ${labelOf(REFERRAL_SOURCES, c.referralSource) ?? 'an unknown source'}, received ${formatDateTime(c.receivedAt)}`,
      },
      checked: values.linkedToId === String(c.id),
    })),
    mayLink: t.row.status === 'in_triage' && t.actions.triage && d.linkedTo === undefined,
  }
}
