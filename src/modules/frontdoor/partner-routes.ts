/**
 * The partner agency's side of the front door: the contact form a police officer, teacher or
 * health visitor fills in, and their own agency's contacts with each child's progress. Beside
 * them, the MASH's page for deciding several police domestic abuse notifications at once.
 */
import { londonDate, londonInstant } from '../../platform/calendar/dates.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formatDateTime } from '../../platform/http/dates.js'
import type { FormErrors } from '../../platform/http/form.js'
import { keepAnswers, readAnswers, type FormAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import {
  CONSENT,
  contactDetailsSchema,
  labelOf,
  PRESENTING_NEEDS,
  RAG,
  receivedAtFields,
  REFERRAL_SOURCES,
  THRESHOLDS,
} from './model.js'
import {
  agencyContacts,
  ContactStateError,
  NotAllowedError,
  NotFoundError,
  recordContact,
  viewContact,
  type DescribedChild,
  type FrontdoorDeps,
} from './service.js'
import { contactReference, parseAwareAt } from './model.js'
import { isInFuture } from './service-support.js'
import {
  BULK_DECISION_OPTIONS,
  bulkDecisionSchema,
  BulkDecisionError,
  decidePoliceNotifications,
  policeNotifications,
} from './bulk.js'
import { partnerProfile, partnerStatus, type PartnerProfile } from './partner-service.js'

export const MAX_CHILDREN = 6

/** The form's fields, carried through "Add another child" and the check-answers page. */
const SINGLE_FIELDS = [
  'referralSource',
  'received-day',
  'received-month',
  'received-year',
  'received-time',
  'aware-day',
  'aware-month',
  'aware-year',
  'aware-time',
  'reason',
  'consent',
  'consentReason',
  'referrerPhone',
  'referrerEmail',
] as const

const childField = (n: number, part: 'Name' | 'Birth' | 'Address') => `child${n}${part}`

type Values = Record<string, string | string[]>

/** The answers to show again: the form's own fields only, under the platform's length policy. */
function keptAnswers(body: FormAnswers, rows: number): Values {
  const children: string[] = []
  for (let n = 1; n <= rows; n++)
    for (const part of ['Name', 'Birth', 'Address'] as const) children.push(childField(n, part))
  return keepAnswers(body, {
    only: [...SINGLE_FIELDS, ...children, 'presentingNeeds'],
    lists: ['presentingNeeds'],
  })
}

function rowsIn(body: FormAnswers): number {
  const n = Number(body.childRows)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_CHILDREN) : 1
}

/** The page's order, so the error summary lists problems as the form asks its questions. */
const FIELD_ORDER = [
  'referralSource',
  'received-day',
  'received-time',
  'aware-day',
  'aware-time',
  ...Array.from({ length: MAX_CHILDREN }, (_, i) => [
    childField(i + 1, 'Name'),
    childField(i + 1, 'Birth'),
    childField(i + 1, 'Address'),
  ]).flat(),
  'reason',
  'presentingNeeds',
  'consent',
  'consentReason',
  'referrerPhone',
  'referrerEmail',
  'form',
]

function toFormErrors(problems: { field: string; text: string }[]): FormErrors {
  const byField: FormErrors['byField'] = {}
  for (const p of problems) if (!byField[p.field]) byField[p.field] = { text: p.text }
  const fields = Object.keys(byField).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
  return {
    list: fields.map((f) => ({ text: byField[f]?.text ?? '', href: `#${f}` })),
    byField,
  }
}

function parseChildren(v: Values, rows: number) {
  const problems: { field: string; text: string }[] = []
  const described: DescribedChild[] = []
  for (let n = 1; n <= rows; n++) {
    const [name, birth, address] = (['Name', 'Birth', 'Address'] as const).map((p) =>
      String(v[childField(n, p)] ?? '').trim(),
    ) as [string, string, string]
    if (name === '' && birth === '' && address === '') continue
    if (name === '')
      problems.push({
        field: childField(n, 'Name'),
        text: `Enter child ${n}’s full name, or clear their row`,
      })
    else if (name.length > 200)
      problems.push({
        field: childField(n, 'Name'),
        text: `Child ${n}’s name must be 200 characters or fewer`,
      })
    if (birth.length > 40)
      problems.push({
        field: childField(n, 'Birth'),
        text: `Child ${n}’s date of birth or age must be 40 characters or fewer`,
      })
    if (address.length > 400)
      problems.push({
        field: childField(n, 'Address'),
        text: `Child ${n}’s address must be 400 characters or fewer`,
      })
    if (name !== '') described.push({ name, birth: birth || null, address: address || null })
  }
  if (described.length === 0 && problems.length === 0)
    problems.push({ field: childField(1, 'Name'), text: 'Enter the full name of at least one child' })
  return { described, problems }
}

/** Everything the form says, checked: the contact to record, or each problem by field. */
export function parsePartnerContact(v: Values, rows: number, profile: PartnerProfile, now: Date) {
  const problems: { field: string; text: string }[] = []
  const details = contactDetailsSchema.safeParse({
    channel: 'partner_form',
    outOfHoursAction: '',
    referralSource: v.referralSource,
    referrerName: profile.name,
    referrerRole: profile.jobTitle ?? '',
    referrerAgencyId: profile.agency ? String(profile.agency.id) : '',
    referrerPhone: v.referrerPhone,
    referrerEmail: v.referrerEmail,
    reason: v.reason,
    presentingNeeds: v.presentingNeeds,
    consent: v.consent,
    consentReason: v.consentReason,
  })
  if (!details.success)
    for (const issue of details.error.issues) {
      const field = String(issue.path[0] ?? 'form')
      problems.push({ field, text: issue.message })
    }
  const received = receivedAtFields.safeParse(v)
  let receivedAt: Date | null = null
  if (!received.success)
    for (const issue of received.error.issues)
      problems.push({ field: String(issue.path[0] ?? 'received-day'), text: issue.message })
  else {
    receivedAt = londonInstant(received.data.date, received.data.time)
    if (isInFuture(receivedAt, now)) {
      problems.push({ field: 'received-day', text: 'Date and time of the contact must be in the past' })
      receivedAt = null
    }
  }
  const aware = parseAwareAt(v, receivedAt, 'you', now)
  if (aware.problem) problems.push(aware.problem)
  const children = parseChildren(v, rows)
  problems.push(...children.problems)
  if (problems.length > 0 || !details.success || receivedAt === null) return { ok: false as const, problems }
  const needs = details.data.presentingNeeds
  const aboutDomesticAbuse = needs.includes('3A') || needs.includes('3B')
  return {
    ok: true as const,
    contact: {
      details: details.data,
      receivedAt,
      awareAt: aware.at,
      childIds: [] as number[],
      described: children.described,
      // A police officer's contact about domestic abuse is a police notification for the MASH.
      ...(profile.agency?.kind === 'police' ? { domesticAbuse: aboutDomesticAbuse } : {}),
    },
    awareAt: aware.at,
  }
}

/** Now, in London, as the date and time boxes show it. */
function nowFields(now: Date): Values {
  const [y, m, d] = londonDate(now.getTime()).split('-') as [string, string, string]
  const time = now.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    'received-day': String(Number(d)),
    'received-month': String(Number(m)),
    'received-year': y,
    'received-time': time,
  }
}

const NO_AGENCY = [
  'Your account is not linked to a partner agency, so you cannot make a contact here yet.',
  'Ask a Haven administrator to link your account to your agency. If a child is at immediate risk, phone 999; to make a contact now, phone the front door.',
]

export function partnerContactRoutes(deps: FrontdoorDeps) {
  const { clock } = deps
  return async (app: FastifyInstance) => {
    const notPartner = (reply: FastifyReply) =>
      reply.code(403).view('platform/views/message.njk', {
        pageTitle: 'This page is for partner agencies',
        paragraphs: [
          'Partner agency practitioners make contacts to the front door here. Front door staff record a contact from the MASH pages.',
        ],
      })

    const renderForm = (
      reply: FastifyReply,
      profile: PartnerProfile,
      values: Values,
      rows: number,
      errors: FormErrors,
      status = 200,
    ) => {
      const needs = Array.isArray(values.presentingNeeds) ? values.presentingNeeds : []
      return reply.code(status).view('modules/frontdoor/views/partner-new.njk', {
        pageTitle: 'Make a contact to the front door',
        profile,
        values,
        rows: Array.from({ length: rows }, (_, i) => i + 1),
        canAddChild: rows < MAX_CHILDREN,
        errors: errors.list,
        fieldErrors: errors.byField,
        sources: [{ value: '', text: 'Select' }].concat(
          REFERRAL_SOURCES.map((s) => ({ value: s.code, text: s.label })),
        ),
        needItems: PRESENTING_NEEDS.map((n) => ({
          value: n.code,
          text: n.label,
          checked: needs.includes(n.code),
        })),
        consent: CONSENT,
      })
    }

    /** A partner practitioner with an agency may make a contact; anyone else is refused (403). */
    const contactingPartner = async (request: FastifyRequest, reply: FastifyReply) => {
      const user = requireUser(request)
      if (user.role !== 'partner_practitioner') {
        await notPartner(reply)
        return null
      }
      const profile = await partnerProfile(deps, user)
      if (profile.agency === null) {
        await reply.code(403).view('platform/views/message.njk', {
          pageTitle: 'Your account has no agency',
          paragraphs: NO_AGENCY,
        })
        return null
      }
      return { user, profile: { ...profile, agency: profile.agency } }
    }

    app.get('/partner/contacts/new', { config: { access: 'contact.submit' } }, async (request, reply) => {
      const partner = await contactingPartner(request, reply)
      if (!partner) return reply
      const { profile } = partner
      const values: Values = {
        ...keptAnswers({}, 1),
        ...nowFields(clock.now()),
        referralSource: profile.agency.referralSource ?? '',
        referrerEmail: profile.email ?? '',
      }
      return renderForm(reply, profile, values, 1, { list: [], byField: {} })
    })

    // One form posted in steps: 'add-child' shows another row, 'check' shows the answers,
    // 'change' goes back to the form and 'save' records the contact. Every step checks the
    // answers again: nothing is trusted from the page before.
    app.post('/partner/contacts/new', { config: { access: 'contact.submit' } }, async (request, reply) => {
      const partner = await contactingPartner(request, reply)
      if (!partner) return reply
      const { user, profile } = partner
      const body = readAnswers(request)
      const step = ['add-child', 'change', 'save'].includes(String(body.step)) ? String(body.step) : 'check'
      let rows = rowsIn(body)
      const values = keptAnswers(body, rows)
      const noErrors = { list: [], byField: {} }
      if (step === 'add-child') {
        rows = Math.min(rows + 1, MAX_CHILDREN)
        return renderForm(reply, profile, keptAnswers(body, rows), rows, noErrors)
      }
      if (step === 'change') return renderForm(reply, profile, values, rows, noErrors)
      const parsed = parsePartnerContact(values, rows, profile, clock.now())
      if (!parsed.ok) return renderForm(reply, profile, values, rows, toFormErrors(parsed.problems), 400)
      if (step === 'check') {
        const c = parsed.contact
        const row = (key: string, value: string | null | undefined) => ({
          key: { text: key },
          value: { text: value || 'Not given' },
        })
        return reply.view('modules/frontdoor/views/partner-check.njk', {
          pageTitle: 'Check your answers before sending the contact',
          values,
          rowsCount: rows,
          fields: [
            ...SINGLE_FIELDS,
            ...Array.from({ length: rows }, (_, i) =>
              (['Name', 'Birth', 'Address'] as const).map((p) => childField(i + 1, p)),
            ).flat(),
          ],
          about: [
            row('Made by', [profile.name, profile.jobTitle, profile.agency?.name].filter(Boolean).join(', ')),
            row('Who is making the contact', labelOf(REFERRAL_SOURCES, c.details.referralSource)),
            row('Date and time of the contact', formatDateTime(c.receivedAt)),
            row('When you became aware', parsed.awareAt ? formatDateTime(parsed.awareAt) : null),
            row('Phone number', c.details.referrerPhone),
            row('Email address', c.details.referrerEmail),
          ],
          children: c.described.map((d, i) => ({
            title: `Child ${i + 1}`,
            rows: [row('Full name', d.name), row('Date of birth or age', d.birth), row('Address', d.address)],
          })),
          concern: [
            row('Reason for the contact', values.reason as string),
            row(
              'Presenting needs',
              c.details.presentingNeeds.map((n) => labelOf(PRESENTING_NEEDS, n)).join('; '),
            ),
            row('Consent', labelOf(CONSENT, c.details.consent)),
            ...(c.details.consentReason ? [row('Why', c.details.consentReason)] : []),
          ],
        })
      }
      try {
        const { contactId } = await recordContact(deps, user, parsed.contact, request.auditContext)
        return reply.redirect(`/partner/contacts/${contactId}/sent`, 303)
      } catch (err) {
        if (err instanceof ContactStateError)
          return renderForm(
            reply,
            profile,
            values,
            rows,
            toFormErrors([
              { field: err.field === 'children' ? childField(1, 'Name') : err.field, text: err.message },
            ]),
            400,
          )
        if (err instanceof NotAllowedError)
          return reply.code(403).view('platform/views/message.njk', {
            pageTitle: 'You cannot make a contact here',
            paragraphs: [err.reason],
          })
        throw err
      }
    })

    app.get('/partner/contacts', { config: { access: 'contact.submit' } }, async (request, reply) => {
      const user = requireUser(request)
      if (user.role !== 'partner_practitioner') return notPartner(reply)
      const profile = await partnerProfile(deps, user)
      const rows = await agencyContacts(deps, user, request.auditContext)
      // One row per contact, its children in the order they were given.
      const contacts: {
        id: number
        reference: string
        receivedAt: Date
        submittedBy: string | null
        children: { name: string; status: ReturnType<typeof partnerStatus> }[]
      }[] = []
      for (const r of rows) {
        let c = contacts.find((x) => x.id === r.id)
        if (!c) {
          c = {
            id: r.id,
            reference: contactReference(r.id),
            receivedAt: r.received_at,
            submittedBy: r.submittedBy,
            children: [],
          }
          contacts.push(c)
        }
        c.children.push({ name: r.described_name ?? 'A child', status: partnerStatus(r) })
      }
      return reply.view('modules/frontdoor/views/partner-contacts.njk', {
        pageTitle: 'Your agency’s contacts',
        profile,
        contacts,
      })
    })

    const PARTNER_CONTACT = { kind: 'partner_contact', auditAction: 'contact.view' }
    const showContact = (template: string) => async (request: FastifyRequest, reply: FastifyReply) => {
      // The platform has checked that the partner's agency made this contact, and audited the view.
      const id = subjectId(request)
      try {
        const { contact, children } = await viewContact(deps, id)
        return reply.view(template, {
          pageTitle: template.endsWith('partner-sent.njk')
            ? 'Contact sent'
            : `Contact ${contactReference(id)}`,
          reference: contactReference(id),
          contact,
          sourceText: labelOf(REFERRAL_SOURCES, contact.referral_source),
          needsText: contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)).join('; '),
          consentText: labelOf(CONSENT, contact.consent),
          // What the partner wrote about each child, never the record the front door matched.
          children: children.map((c) => ({
            name: c.described_name ?? 'A child',
            birth: c.described_birth,
            address: c.described_address,
            status: partnerStatus(c),
          })),
        })
      } catch (err) {
        if (err instanceof NotFoundError) return reply.callNotFound()
        if (err instanceof NotAllowedError)
          return reply.code(403).view('platform/views/message.njk', {
            pageTitle: 'You do not have access to this contact',
            paragraphs: [err.reason, 'Your attempt has been recorded.'],
          })
        throw err
      }
    }
    app.get(
      '/partner/contacts/:id',
      { config: { access: 'contact.submit', subject: PARTNER_CONTACT } },
      showContact('modules/frontdoor/views/partner-contact.njk'),
    )
    app.get(
      '/partner/contacts/:id/sent',
      { config: { access: 'contact.submit', subject: PARTNER_CONTACT } },
      showContact('modules/frontdoor/views/partner-sent.njk'),
    )

    // -------------------------------------------------------------------------------------------
    // Police domestic abuse notifications, decided together

    const renderBulk = async (
      request: import('fastify').FastifyRequest,
      reply: FastifyReply,
      values: Values,
      errors: FormErrors,
      status = 200,
    ) => {
      const user = requireUser(request)
      const rows = await policeNotifications(deps, user, request.auditContext)
      const selected = Array.isArray(values.contactChildIds) ? values.contactChildIds : []
      return reply.code(status).view('modules/frontdoor/views/bulk-police.njk', {
        pageTitle: 'Police notifications of domestic abuse',
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
        rows: rows.map((r) => ({
          ...r,
          reference: contactReference(r.contact_id),
          name: `${r.given_name} ${r.family_name}`,
          selected: selected.includes(String(r.id)),
          ragText: labelOf(RAG, r.rag),
        })),
        levels: THRESHOLDS.map((t) => ({
          value: t.level,
          text: `Level ${t.level}: ${t.name}`,
          hint: { text: t.description },
          checked: values.thresholdLevel === t.level,
        })),
        rags: RAG.map((r) => ({
          value: r.code,
          text: r.label,
          hint: { text: r.hint },
          checked: values.rag === r.code,
        })),
        decisions: BULK_DECISION_OPTIONS.map((d) => ({
          value: d.code,
          text: d.label,
          checked: values.decision === d.code,
        })),
      })
    }

    app.get(
      '/contacts/police-notifications',
      { config: { access: 'contact.decide' } },
      async (request, reply) => {
        return renderBulk(request, reply, { contactChildIds: [] }, { list: [], byField: {} })
      },
    )

    app.post(
      '/contacts/police-notifications',
      { config: { access: 'contact.decide' } },
      async (request, reply) => {
        const body = readAnswers(request)
        const values: Values = keepAnswers(body, {
          only: ['contactChildIds', 'thresholdLevel', 'rag', 'decision', 'decisionReason', 'oversightNote'],
          lists: ['contactChildIds'],
        })
        const parsed = bulkDecisionSchema.safeParse(body)
        if (!parsed.success) {
          const problems = parsed.error.issues.map((i) => ({
            field: String(i.path[0] ?? 'form'),
            text: i.message,
          }))
          return renderBulk(request, reply, values, bulkErrors(problems), 400)
        }
        try {
          const { decided } = await decidePoliceNotifications(
            deps,
            requireUser(request),
            parsed.data,
            request.auditContext,
          )
          return reply.redirect(`/contacts/police-notifications/decided?n=${decided.length}`, 303)
        } catch (err) {
          if (err instanceof BulkDecisionError)
            return renderBulk(
              request,
              reply,
              values,
              bulkErrors(
                [
                  ...err.problems.map((p) => ({ field: 'contactChildIds', text: p.text })),
                  {
                    field: 'contactChildIds',
                    text: 'Nothing was saved. Check the notifications selected and try again.',
                  },
                ],
                true,
              ),
              409,
            )
          throw err
        }
      },
    )

    app.get(
      '/contacts/police-notifications/decided',
      { config: { access: 'contact.decide' } },
      async (request, reply) => {
        const n = Number((request.query as { n?: string }).n)
        return reply.view('modules/frontdoor/views/bulk-decided.njk', {
          pageTitle: 'Notifications decided',
          count: Number.isInteger(n) && n > 0 ? n : null,
        })
      },
    )
  }
}

const BULK_ORDER = [
  'contactChildIds',
  'thresholdLevel',
  'rag',
  'decision',
  'decisionReason',
  'oversightNote',
  'form',
]

/** Bulk form errors; several about the selection are all listed (each names a child). */
function bulkErrors(problems: { field: string; text: string }[], keepAll = false): FormErrors {
  const byField: FormErrors['byField'] = {}
  const list: FormErrors['list'] = []
  const sorted = [...problems].sort((a, b) => BULK_ORDER.indexOf(a.field) - BULK_ORDER.indexOf(b.field))
  for (const p of sorted) {
    if (byField[p.field] && !keepAll) continue
    if (!byField[p.field]) byField[p.field] = { text: p.text }
    list.push({ text: p.text, href: `#${p.field}` })
  }
  return { list, byField }
}
