/**
 * Recording a contact at the MASH (one form in steps that works without JavaScript) and the
 * contact's own page, listing each child on it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonDate, londonInstant } from '../../platform/calendar/dates.js'
import {
  checkAnswers,
  errorView,
  fieldError,
  keepAnswers,
  NO_ERRORS,
  queryAnswers,
  readAnswers,
  restoredAnswers,
  type FormAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { markSubmitted } from '../../platform/http/submission.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { childrenToShow, searchPeople } from '../people/service.js'
import { aboutFields, aboutFormView, concernView } from './about-views.js'
import { checkFindChild, FIND_CHILD_FIELDS } from './find-child.js'
import {
  adultRowsIn,
  CHANNELS,
  CONTACT_CHANNELS,
  CONSENT,
  contactAboutSchema,
  contactChildrenSchema,
  contactDetailsSchema,
  contactReference,
  labelOf,
  parseAdults,
  parseAwareAt,
  MAX_ADULTS,
  PRESENTING_NEEDS,
  receivedAtFields,
  REFERRAL_SOURCES,
} from './model.js'
import { parsePoliceRisk, POLICE_RISK_FIELDS } from './police-notifications.js'
import { CONTACT_OUTCOMES } from './labels.js'
import { FRONT_DOOR, guarded, items, positiveId, STATUS_TEXT } from './route-views.js'
import {
  adultsToLink,
  ContactStateError,
  recordContact,
  referrerAgencies,
  viewContact,
  type FrontdoorDeps,
} from './service.js'

const CONTACT_FIELDS = [
  'received-day',
  'received-month',
  'received-year',
  'received-time',
  'channel',
  'outOfHours',
  'outOfHoursAction',
  'referralSource',
  'referrerName',
  'referrerRole',
  'referrerAgencyId',
  'referrerPhone',
  'referrerEmail',
  'reason',
  'presentingNeeds',
  'consent',
  'consentReason',
  'childIds',
  'childQuery',
  ...POLICE_RISK_FIELDS,
  ...FIND_CHILD_FIELDS,
] as const

const CONTACT_FIELD_IDS: Record<string, string> = {
  'received-day': 'received-day',
  channel: 'channel',
  referralSource: 'referralSource',
  presentingNeeds: 'presentingNeeds',
  consent: 'consent',
  childIds: 'childQuery',
  outOfHours: 'outOfHours',
}

/** The form's fields to keep, with as many adults' rows as the answers hold. */
const fieldsOf = (answers: Readonly<Record<string, unknown>>) => [
  ...CONTACT_FIELDS,
  ...aboutFields(adultRowsIn(answers)),
]

type ContactForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  values: KeptAnswers,
  errors: FormErrors,
  found?: unknown[],
  focusAdult?: number,
) => Promise<unknown>

// Over 80 lines only as a list: three routes, the longest (the form's steps) about 50 lines.
export function contactRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const { db, clock } = deps
  const contactForm: ContactForm = (request, reply, values, errors, found, focusAdult) =>
    renderContactForm(deps, request, reply, values, errors, found, focusAdult)

  // What the screener types is kept as a draft until the contact is recorded (platform/http/drafts.ts).
  // Sent twice (Back, reload), the form shows the contact already made (platform/http/submission.ts).
  const options = {
    config: {
      access: 'contact.triage' as const,
      draft: true as const,
      submission: {
        already: 'This contact was already sent',
        link: 'View the contact',
        sends: (answers: FormAnswers) => answers.step === undefined || answers.step === 'save',
      },
    },
  }

  app.get('/contacts/new', options, async (request, reply) => {
    const childId = positiveId(queryAnswers(request).childId)
    const draft = request.draft
      ? restoredAnswers(request, { only: fieldsOf(request.draft.answers), lists: ['childIds'] })
      : null
    // Back from adding a child's record (`?childId=`): the child joins what was typed before.
    if (draft) {
      const ids = Array.isArray(draft.childIds) ? draft.childIds : []
      const childIds = childId && !ids.includes(String(childId)) ? [...ids, String(childId)] : ids
      return contactForm(request, reply, { ...draft, childIds }, NO_ERRORS)
    }
    const values = {
      ...keepAnswers({}, { only: fieldsOf({}) }),
      ...nowParts(clock.now()),
      adultRows: '1',
      childIds: childId ? [String(childId)] : [],
    }
    return contactForm(request, reply, values, NO_ERRORS)
  })

  // One form in steps without JavaScript: 'find' searches for a child, 'add-N' and 'remove-N'
  // change the children, 'save' validates everything and records the contact.
  app.post('/contacts/new', options, async (request, reply) => {
    const body = readAnswers(request)
    const values = keepAnswers(body, { only: fieldsOf(body) })
    const step = typeof body.step === 'string' ? body.step : 'save'
    if (step === 'add-adult') {
      const rows = Math.min(adultRowsIn(body) + 1, MAX_ADULTS)
      return contactForm(request, reply, { ...values, adultRows: String(rows) }, NO_ERRORS, undefined, rows)
    }
    const listed: (string | undefined)[] = Array.isArray(values.childIds)
      ? values.childIds
      : [values.childIds]
    const ids = new Set(listed.filter((v): v is string => v !== undefined && /^\d+$/.test(v)))
    const add = /^add-(\d+)$/.exec(step)
    const remove = /^remove-(\d+)$/.exec(step)
    if (add?.[1]) ids.add(add[1])
    if (remove?.[1]) ids.delete(remove[1])
    values.childIds = [...ids]
    if (add || remove) return contactForm(request, reply, values, NO_ERRORS)
    if (step === 'find') {
      // Every field the main search takes: name, date of birth, postcode and identifier.
      const search = checkFindChild(body)
      if (!search.ok) return contactForm(request, reply, values, search.errors)
      const found = await searchPeople(db, requireUser(request), search.data, request.auditContext, clock)
      return contactForm(request, reply, values, NO_ERRORS, found)
    }
    const when = checkAnswers(receivedAtFields, body, CONTACT_FIELD_IDS)
    const details = checkAnswers(contactDetailsSchema, body, CONTACT_FIELD_IDS)
    const children = checkAnswers(contactChildrenSchema, { childIds: values.childIds }, CONTACT_FIELD_IDS)
    // What the police said about the risk (kept for a police notification only).
    const risk = parsePoliceRisk(body)
    const about = checkAnswers(contactAboutSchema, body, CONTACT_FIELD_IDS)
    const adults = parseAdults(body, adultRowsIn(body))
    if (!when.ok || !details.ok || !children.ok || !about.ok || !adults.ok || !risk.ok) {
      const errors = [when, details, children].flatMap((c) => (c.ok ? [] : [c.errors]))
      if (!risk.ok) for (const p of risk.problems) errors.push(fieldError(p.field, p.text))
      const adultErrors = adults.ok ? [] : adults.issues.map((i) => fieldError(i.field, i.text))
      const aboutErrors = about.ok ? [] : [about.errors]
      return contactForm(request, reply, values, firstPerField([...errors, ...adultErrors, ...aboutErrors]))
    }
    const receivedAt = londonInstant(when.data.date, when.data.time)
    const aware = parseAwareAt(body, receivedAt, 'the referrer', clock.now())
    if (aware.problem)
      return contactForm(request, reply, values, fieldError(aware.problem.field, aware.problem.text))
    const police = details.data.referralSource === '6' || details.data.channel === 'police_notification'
    return guarded(reply, async () => {
      try {
        const contact = {
          details: details.data,
          receivedAt,
          awareAt: aware.at,
          childIds: children.data.childIds,
          described: [],
          policeRisk: police ? risk.risk : null,
          about: about.data,
          adults: adults.adults,
        }
        const saved = await recordContact(deps, requireUser(request), contact, request.auditContext)
        markSubmitted(request, {
          href: `/contacts/${saved.contactId}`,
          text: `Contact ${contactReference(saved.contactId)}`,
        })
        return reply.redirect(`/contacts/${saved.contactId}`, 303)
      } catch (err) {
        if (err instanceof ContactStateError)
          return contactForm(request, reply, values, fieldError(err.field, err.message))
        throw err
      }
    })
  })

  app.get(
    '/contacts/:id',
    { config: { access: FRONT_DOOR, subject: { kind: 'contact' } } },
    async (request, reply) =>
      guarded(reply, async () => {
        const { contact, children, about } = await viewContact(deps, subjectId(request))
        return reply.view('modules/frontdoor/views/contact.njk', {
          pageTitle: `Contact ${contactReference(contact.id)}`,
          reference: contactReference(contact.id),
          contact,
          concern: concernView(contact, about),
          channel: labelOf(CONTACT_CHANNELS, contact.channel),
          source: labelOf(REFERRAL_SOURCES, contact.referral_source),
          consent: labelOf(CONSENT, contact.consent),
          needs: contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)),
          children: children.map((c) => ({
            ...c,
            name:
              c.child_id === null ? (c.described_name ?? 'Not named') : `${c.given_name} ${c.family_name}`,
            statusTag: STATUS_TEXT[c.status],
            decisionText: labelOf(CONTACT_OUTCOMES, c.decision),
          })),
        })
      }),
  )
}

/**
 * Errors from the form's parts, in the page's order: the first message for each field. Each
 * part's summary lists its fields in the order `byField` holds them (both are built together).
 */
function firstPerField(parts: FormErrors[]): FormErrors {
  const errors: FormErrors = { list: [], byField: {} }
  for (const part of parts)
    for (const [i, [field, message]] of Object.entries(part.byField).entries()) {
      const entry = part.list[i]
      if (errors.byField[field] || entry === undefined) continue
      errors.byField[field] = message
      errors.list.push(entry)
    }
  return errors
}

async function renderContactForm(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  given: KeptAnswers,
  problems: FormErrors,
  found?: unknown[],
  focusAdult?: number,
) {
  let values = given
  let errors = problems
  const ids = (Array.isArray(values.childIds) ? values.childIds : [values.childIds])
    .map(positiveId)
    .filter((n): n is number => n !== null)
  // Only children the screener may view are listed (and each one shown is audited): an id in
  // the address or the form must not show a restricted child's name.
  const { shown: chosen, refused } = await childrenToShow(
    deps.db,
    requireUser(request),
    ids.slice(0, 50),
    'contact.new',
    request.auditContext,
    deps.clock,
  )
  if (refused > 0 && errors.list.length === 0) {
    errors = fieldError(
      'childQuery',
      'You cannot add a child whose record you cannot open: search for the child',
    )
    values = { ...values, childIds: chosen.map((c) => String(c.id)) }
  }
  const related = await adultsToLink(
    deps,
    chosen.map((c) => c.id),
  )
  return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/new-contact.njk', {
    pageTitle: 'Record a contact',
    values,
    about: await aboutFormView(deps, values, adultRowsIn(values), related),
    focusAdult: focusAdult ?? null,
    ...errorView(errors),
    chosen,
    found: found ?? null,
    channelItems: items(CHANNELS, values.channel),
    sourceItems: [
      { value: '', text: 'Select who made the contact' },
      ...REFERRAL_SOURCES.map((s) => ({
        value: s.code,
        text: `${s.code}: ${s.label}`,
        selected: values.referralSource === s.code,
      })),
    ],
    agencyItems: [
      { value: '', text: 'Not from an agency' },
      ...(await referrerAgencies(deps)).map((a) => ({
        value: String(a.id),
        text: a.name,
        selected: values.referrerAgencyId === String(a.id),
      })),
    ],
    needItems: items(PRESENTING_NEEDS, values.presentingNeeds),
    consent: CONSENT.map((c) => ({ ...c, checked: values.consent === c.code })),
  })
}

/** Now, in London, as the date and time boxes show it. */
function nowParts(now: Date) {
  const [y, m, d] = londonDate(now.toISOString()).split('-')
  const time = now.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    'received-day': String(Number(d)),
    'received-month': String(Number(m)),
    'received-year': y ?? '',
    'received-time': time,
  }
}
