/**
 * The partner agency's side of the front door: the contact form a police officer, teacher or
 * health visitor fills in (checked in `partner-form.ts`), and their own agency's contacts with
 * each child's progress.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { answerRefusal, NotAllowedError } from '../../platform/http/errors.js'
import { formatDateTime } from '../../platform/http/dates.js'
import {
  errorView,
  NO_ERRORS,
  readAnswers,
  restoredAnswers,
  type FormAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { markSubmitted } from '../../platform/http/submission.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { CONSENT, contactReference, labelOf, PRESENTING_NEEDS, REFERRAL_SOURCES } from './model.js'
import { aboutFields, aboutFormView, aboutRows, adultLines, concernView } from './about-views.js'
import { adultRowsIn, MAX_ADULTS } from './model.js'
import {
  childField,
  keptAnswers,
  MAX_CHILDREN,
  nowFields,
  parsePartnerContact,
  rowsIn,
  SINGLE_FIELDS,
  toFormErrors,
} from './partner-form.js'
import { partnerProfile, partnerStatus, type PartnerProfile } from './partner-service.js'
import { policeRiskRows } from './police-notifications.js'
import {
  agencyContacts,
  ContactStateError,
  recordContact,
  referrerAgencies,
  viewContact,
  type FrontdoorDeps,
} from './service.js'

const NO_AGENCY = [
  'Your account is not linked to a partner agency, so you cannot make a contact here yet.',
  'Ask a Haven administrator to link your account to your agency. If a child is at immediate risk, phone 999; to make a contact now, phone the front door.',
]

const PARTNER_CONTACT = { kind: 'partner_contact', auditAction: 'contact.view' }

type ContactingPartner = Awaited<ReturnType<typeof partnerProfile>> & {
  agency: NonNullable<PartnerProfile['agency']>
}

export function partnerContactRoutes(deps: FrontdoorDeps) {
  return async (app: FastifyInstance) => {
    newContactRoutes(app, deps)
    agencyContactRoutes(app, deps)
  }
}

function notPartner(reply: FastifyReply) {
  return reply.code(403).view('platform/views/message.njk', {
    pageTitle: 'This page is for partner agencies',
    paragraphs: [
      'Partner agency practitioners make contacts to the front door here. Front door staff record a contact from the MASH pages.',
    ],
  })
}

/** A partner practitioner with an agency may make a contact; anyone else is refused (403). */
async function contactingPartner(deps: FrontdoorDeps, request: FastifyRequest, reply: FastifyReply) {
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

async function renderForm(
  deps: FrontdoorDeps,
  reply: FastifyReply,
  profile: PartnerProfile,
  values: KeptAnswers,
  rows: number,
  errors: FormErrors,
  status = 200,
  /** The row just added: its first field takes the focus, where the user carries on typing. */
  focusRow?: number,
  focusAdult?: number,
) {
  const needs = Array.isArray(values.presentingNeeds) ? values.presentingNeeds : []
  return reply.code(status).view('modules/frontdoor/views/partner-new.njk', {
    pageTitle: 'Make a contact to the front door',
    profile,
    values,
    rows: Array.from({ length: rows }, (_, i) => i + 1),
    canAddChild: rows < MAX_CHILDREN,
    focusRow: focusRow ?? null,
    focusAdult: focusAdult ?? null,
    about: await aboutFormView(deps, values, adultRowsIn(values), null),
    ...errorView(errors),
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

function newContactRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  // What the officer types is kept as a draft until the contact is sent (platform/http/drafts.ts).
  // Sent twice (Back, reload), the form shows the contact already made (platform/http/submission.ts).
  const options = {
    config: {
      access: 'contact.submit' as const,
      draft: true as const,
      submission: {
        already: 'This contact was already sent',
        link: 'View the contact',
        sends: (answers: FormAnswers) => answers.step === 'save',
      },
    },
  }

  app.get('/partner/contacts/new', options, async (request, reply) => {
    const partner = await contactingPartner(deps, request, reply)
    if (!partner) return reply
    const { profile } = partner
    const draft = restoredAnswers(request)
    if (draft) {
      const rows = rowsIn(draft)
      return renderForm(deps, reply, profile, keptAnswers(draft, rows), rows, NO_ERRORS)
    }
    const values: KeptAnswers = {
      ...keptAnswers({}, 1),
      ...nowFields(deps.clock.now()),
      referralSource: profile.agency.referralSource ?? '',
      referrerEmail: profile.email ?? '',
    }
    return renderForm(deps, reply, profile, values, 1, NO_ERRORS)
  })

  // One form posted in steps: 'add-child' shows another row, 'check' shows the answers,
  // 'change' goes back to the form and 'save' records the contact. Every step checks the
  // answers again: nothing is trusted from the page before.
  app.post('/partner/contacts/new', options, async (request, reply) => {
    const partner = await contactingPartner(deps, request, reply)
    if (!partner) return reply
    const { user, profile } = partner
    const body = readAnswers(request)
    const step = ['add-child', 'add-adult', 'change', 'save'].includes(String(body.step))
      ? String(body.step)
      : 'check'
    let rows = rowsIn(body)
    const values = keptAnswers(body, rows)
    if (step === 'add-adult') {
      const adults = Math.min(adultRowsIn(body) + 1, MAX_ADULTS)
      const kept = keptAnswers({ ...body, adultRows: String(adults) }, rows)
      return renderForm(deps, reply, profile, kept, rows, NO_ERRORS, 200, undefined, adults)
    }
    if (step === 'add-child') {
      rows = Math.min(rows + 1, MAX_CHILDREN)
      return renderForm(deps, reply, profile, keptAnswers(body, rows), rows, NO_ERRORS, 200, rows)
    }
    if (step === 'change') return renderForm(deps, reply, profile, values, rows, NO_ERRORS)
    const parsed = parsePartnerContact(body, rows, profile, deps.clock.now())
    if (!parsed.ok) return renderForm(deps, reply, profile, values, rows, toFormErrors(parsed.problems), 400)
    if (step === 'check')
      return reply.view(
        'modules/frontdoor/views/partner-check.njk',
        await checkView(deps, parsed, profile, values, rows),
      )
    try {
      const { contactId } = await recordContact(deps, user, parsed.contact, request.auditContext)
      markSubmitted(request, {
        href: `/partner/contacts/${contactId}`,
        text: `Contact ${contactReference(contactId)}`,
      })
      return reply.redirect(`/partner/contacts/${contactId}/sent`, 303)
    } catch (err) {
      if (err instanceof ContactStateError) {
        const field = err.field === 'children' ? childField(1, 'Name') : err.field
        return renderForm(
          deps,
          reply,
          profile,
          values,
          rows,
          toFormErrors([{ field, text: err.message }]),
          400,
        )
      }
      // Not answerRefusal: this page says only why, not that the attempt was recorded.
      if (err instanceof NotAllowedError)
        return reply.code(403).view('platform/views/message.njk', {
          pageTitle: 'You cannot make a contact here',
          paragraphs: [err.reason],
        })
      throw err
    }
  })
}

/** The check-answers page: every answer as the front door will read it, before it is sent. */
async function checkView(
  deps: FrontdoorDeps,
  parsed: Extract<ReturnType<typeof parsePartnerContact>, { ok: true }>,
  profile: ContactingPartner,
  values: KeptAnswers,
  rows: number,
) {
  const c = parsed.contact
  const row = (key: string, value: string | null | undefined) => ({
    key: { text: key },
    value: { text: value || 'Not given' },
  })
  return {
    pageTitle: 'Check your answers before sending the contact',
    values,
    rowsCount: rows,
    fields: [
      ...SINGLE_FIELDS,
      ...aboutFields(adultRowsIn(values)),
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
      row('Presenting needs', c.details.presentingNeeds.map((n) => labelOf(PRESENTING_NEEDS, n)).join('; ')),
      row('Consent', labelOf(CONSENT, c.details.consent)),
      ...(c.details.consentReason ? [row('Why', c.details.consentReason)] : []),
      ...(c.policeRisk ? policeRiskRows(c.policeRisk).map((r) => row(r.key, r.value)) : []),
      ...aboutRows({ about: c.about, adults: [], ...(await agencyNames(deps, c.about)) }),
    ],
    adults: adultLines(c.adults),
  }
}

/** The school's and GP's names, when chosen from the list, for the check-answers page. */
async function agencyNames(
  deps: FrontdoorDeps,
  about: { schoolAgencyId: number | null; gpAgencyId: number | null },
) {
  const agencies = await referrerAgencies(deps)
  const name = (id: number | null) => agencies.find((a) => a.id === id)?.name ?? null
  return { schoolAgency: name(about.schoolAgencyId), gpAgency: name(about.gpAgencyId) }
}

function agencyContactRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
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

  const showContact = (template: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    // The platform has checked that the partner's agency made this contact, and audited the view.
    const id = subjectId(request)
    try {
      const { contact, children, about } = await viewContact(deps, id)
      const concern = concernView(contact, about)
      return await reply.view(template, {
        pageTitle: template.endsWith('partner-sent.njk') ? 'Contact sent' : `Contact ${contactReference(id)}`,
        reference: contactReference(id),
        contact,
        sourceText: labelOf(REFERRAL_SOURCES, contact.referral_source),
        needsText: contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)).join('; '),
        consentText: labelOf(CONSENT, contact.consent),
        // What the partner said about the adults, never the records the front door linked.
        concern: { ...concern, adults: concern.adults.map((a) => ({ ...a, record: null })) },
        // What the partner wrote about each child, never the record the front door matched.
        children: children.map((c) => ({
          name: c.described_name ?? 'A child',
          birth: c.described_birth,
          address: c.described_address,
          status: partnerStatus(c),
        })),
      })
    } catch (err) {
      return answerRefusal(reply, err, 'You do not have access to this contact')
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
}
