/** The child's record page, person search, and creating a child's record. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import {
  type FormAnswers,
  formErrors,
  type FormErrors,
  keepAnswers,
  type KeptAnswers,
  NO_ERRORS,
  queryAnswers,
  readAnswers,
  singleError,
} from '../../platform/http/form.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { markSubmitted } from '../../platform/http/submission.js'
import { ROLE_RELATIONSHIPS } from '../../platform/permissions/relationships.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectOf } from '../../platform/http/subjects.js'
import type { ModuleContributions } from '../../platform/modules.js'
import { STATUS_TAGS, taskStatus } from '../worklists/model.js'
import { registerRecordRoutes } from './record-routes.js'
import { registerRestrictionRoutes } from './restriction-routes.js'
import { restrictionActions, restrictionOnRecord } from './restriction-service.js'
import { longDate } from '../../platform/calendar/dates.js'
import { isAlertCurrent } from './change-model.js'
import {
  ALERT_KINDS,
  DISABILITY,
  ETHNICITY,
  labelFor,
  RESTRICTION_CATEGORIES,
  OTHER_NAME_KINDS,
  SEX,
  UPN_UNKNOWN_REASONS,
} from './codes.js'
import {
  NEW_CHILD_FIELD_IDS,
  newChildSchema,
  SEARCH_FIELD_IDS,
  searchSchema,
  type NewChild,
} from './record-model.js'
import { isReviewOverdue } from './restriction-model.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import {
  createChild,
  DuplicateIdentifierError,
  likelyMatches,
  RECORD_PAGE_SECTIONS,
  searchPeople,
  viewChildRecord,
} from './service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

/** The new child form's fields, carried through the check-answers page as hidden inputs. */
const NEW_CHILD_FIELDS = [
  'kind',
  'givenName',
  'familyName',
  'otherNameKind',
  'otherGivenName',
  'otherFamilyName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'expectedDate-day',
  'expectedDate-month',
  'expectedDate-year',
  'sex',
  'genderIdentity',
  'ethnicity',
  'firstLanguage',
  'nhsNumber',
  'upn',
  'formerUpn',
  'upnUnknownReason',
  'returnTo',
  'addressLine1',
  'addressLine2',
  'addressTown',
  'postcode',
] as const

/** The answers to show again: the form's own fields only, under the platform's length policy. */
/**
 * Where to go once the record is saved, when the page that sent the person here asked (a contact
 * whose child is being added): a path on this site, never another site's address.
 */
function returnPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_-]{0,200}$/.test(value) && !value.startsWith('//')
    ? value
    : null
}

/** What a page may fill the new child form with, from its link (a contact's described child). */
const PREFILL_FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'addressLine1',
  'addressTown',
  'postcode',
  'returnTo',
] as const

function keptAnswers(answers: FormAnswers): KeptAnswers {
  return keepAnswers(answers, { only: [...NEW_CHILD_FIELDS, 'disabilities'], lists: ['disabilities'] })
}

const codeItems = (list: readonly { code: string; label: string }[]) =>
  list.map((c) => ({ value: c.code, text: c.label }))

/** The check-answers rows, in words. */
function answerRows(child: NewChild) {
  const row = (key: string, value: string | null | undefined) => ({
    key: { text: key },
    value: { text: value || 'Not recorded' },
  })
  const dateText = (iso: string | null) =>
    iso
      ? new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        })
      : null
  return [
    row('Name', `${child.givenName} ${child.familyName}`),
    row(
      'Other name',
      child.otherName
        ? `${child.otherName.givenName} ${child.otherName.familyName} (${labelFor(OTHER_NAME_KINDS, child.otherName.kind)?.toLowerCase()})`
        : null,
    ),
    child.kind === 'unborn'
      ? row('Expected date of birth', dateText(child.expectedBirthDate))
      : row('Date of birth', dateText(child.dateOfBirth)),
    row('Sex', labelFor(SEX, child.sex)),
    row('Gender identity', child.genderIdentity),
    row('Ethnicity', labelFor(ETHNICITY, child.ethnicity)),
    row('Disability', child.disabilities.map((d) => labelFor(DISABILITY, d)).join(', ')),
    row('First language', child.firstLanguage),
    row('NHS number', child.nhsNumber),
    row(
      'UPN',
      child.upn ??
        (child.upnUnknownReason
          ? `Not known: ${labelFor(UPN_UNKNOWN_REASONS, child.upnUnknownReason)}`
          : null),
    ),
    row('Former UPN', child.formerUpn),
    row(
      'Address',
      child.address
        ? [child.address.line1, child.address.line2, child.address.town, child.address.postcode]
            .filter(Boolean)
            .join(', ')
        : null,
    ),
  ]
}

const RELATIONSHIP_WORDS: Record<string, string> = {
  mother: 'mother',
  father: 'father',
  parent: 'parent',
  step_parent: 'step-parent',
  carer: 'carer',
  guardian: 'guardian',
  special_guardian: 'special guardian',
  grandparent: 'grandparent',
  sibling: 'brother or sister',
  half_sibling: 'half-brother or half-sister',
  step_sibling: 'step-brother or step-sister',
  aunt_or_uncle: 'aunt or uncle',
  cousin: 'cousin',
  partner: 'partner',
  other_relative: 'other relative',
  household_member: 'household member',
  other: 'other',
}

/** The people module's fields on the record page, in words. */
function recordTexts(record: Awaited<ReturnType<typeof viewChildRecord>>) {
  const c = record.child
  return {
    nhsNumberText: c.nhs_number
      ? `${c.nhs_number.slice(0, 3)} ${c.nhs_number.slice(3, 6)} ${c.nhs_number.slice(6)}`
      : null,
    upnUnknownText: labelFor(UPN_UNKNOWN_REASONS, c.upn_unknown_reason),
    ethnicityText: labelFor(ETHNICITY, c.ethnicity),
    disabilityText: c.disabilities.map((d) => labelFor(DISABILITY, d)).join(', '),
    names: record.names.map((n) => ({ ...n, kindText: labelFor(OTHER_NAME_KINDS, n.kind)?.toLowerCase() })),
    relationships: record.relationships.map((r) => {
      const words = RELATIONSHIP_WORDS[r.relationship_type] ?? r.relationship_type
      // "Sam is the mother of this child" reads from Sam's side when the row points at this child.
      return { ...r, text: r.outward ? `this child is their ${words}` : words }
    }),
  }
}

const INVOLVEMENT_STATUS: Record<string, string> = {
  in_triage: 'In triage',
  routed_to_allocated_worker: 'With the allocated worker',
  awaiting_allocation: 'Awaiting allocation',
  allocated: 'Allocated',
}

type PeopleDeps = {
  db: Db
  clock: Clock
  modules: Pick<ModuleContributions, 'presentChronology' | 'recordPanels'>
}

export function peopleRoutes(deps: PeopleDeps) {
  return async (app: FastifyInstance) => {
    searchRoutes(app, deps)
    newChildRoutes(app, deps)
    registerRecordRoutes(app, deps.db, deps.clock)
    registerRestrictionRoutes(app, deps.db, deps.clock)
    childPageRoute(app, deps)
  }
}

/** Person search: a GET form, so a search can be bookmarked and shared. */
function searchRoutes(app: FastifyInstance, { db, clock }: PeopleDeps) {
  app.get('/people/search', { config: { access: 'child.search' } }, async (request, reply) => {
    const query = queryAnswers(request)
    const asked =
      Object.values(query).some((v) => typeof v === 'string' && v.trim() !== '') || 'search' in query
    const values = keepAnswers(query)
    const page = (extra: Record<string, unknown>, status = 200) =>
      reply.code(status).view('modules/people/views/search.njk', {
        pageTitle: 'Search for a child',
        values,
        errors: [],
        fieldErrors: {},
        ...extra,
      })
    if (!asked) return page({ results: null })
    const parsed = searchSchema.safeParse(query)
    if (!parsed.success) {
      const errors = formErrors(parsed.error, SEARCH_FIELD_IDS)
      return page({ results: null, errors: errors.list, fieldErrors: errors.byField }, 400)
    }
    const results = await searchPeople(db, requireUser(request), parsed.data, request.auditContext, clock)
    const name = parsed.data.name?.trim().split(/\s+/) ?? []
    // The title says what was found, so a screen reader user hears the outcome first.
    const found = `${results.length} ${results.length === 1 ? 'child' : 'children'} found`
    return page({
      pageTitle: `${found} – Search for a child`,
      searched: true,
      results,
      canCreate: roleGrants(requireUser(request).role, 'child.create'),
      canBreakGlass: ROLE_RELATIONSHIPS[requireUser(request).role].includes('break_glass'),
      newChildQuery: new URLSearchParams({
        givenName: name.length > 1 ? (name[0] ?? '') : '',
        familyName: name.length > 1 ? name.slice(1).join(' ') : (name[0] ?? ''),
      }).toString(),
    })
  })
}

/** Adding a child's record, checking first for one already known. */
function newChildRoutes(app: FastifyInstance, { db, clock }: PeopleDeps) {
  const lists = {
    ethnicity: codeItems(ETHNICITY),
    disability: codeItems(DISABILITY),
    upnUnknown: codeItems(UPN_UNKNOWN_REASONS),
    otherNameKinds: codeItems(OTHER_NAME_KINDS),
  }
  const renderForm = (
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FormErrors,
    status = 200,
  ) =>
    reply.code(status).view('modules/people/views/new-child.njk', {
      pageTitle: 'Add a child',
      values,
      errors: errors.list,
      fieldErrors: errors.byField,
      lists,
      disabilityItems: lists.disability.map((d) => ({
        ...d,
        checked: Array.isArray(values.disabilities) && values.disabilities.includes(d.value),
      })),
    })

  // Sent twice (Back, reload), the form shows the record already made (platform/http/submission.ts).
  const options = {
    config: {
      access: 'child.create' as const,
      submission: {
        already: 'This child’s record was already added',
        link: 'Open the child’s record',
        sends: (answers: FormAnswers) => answers.step === 'save',
      },
    },
  }
  app.get('/people/new', options, async (request, reply) => {
    const prefill = keepAnswers(queryAnswers(request), { only: PREFILL_FIELDS })
    const returnTo = returnPath(prefill.returnTo)
    const values = keptAnswers({ ...prefill, kind: 'child', returnTo: returnTo ?? '' })
    return renderForm(reply, values, NO_ERRORS)
  })

  // One form posted in steps: 'check' shows likely matches and the answers, 'change' goes back
  // to the form, 'save' creates the record. Every step validates again: nothing is trusted
  // from the page before.
  app.post('/people/new', options, async (request, reply) => {
    const body = readAnswers(request)
    const values = keptAnswers(body)
    const step = body.step === 'save' ? 'save' : body.step === 'change' ? 'change' : 'check'
    if (step === 'change') return renderForm(reply, values, NO_ERRORS)
    const parsed = newChildSchema(londonToday(clock.now())).safeParse(body)
    if (!parsed.success) return renderForm(reply, values, formErrors(parsed.error, NEW_CHILD_FIELD_IDS), 400)
    const user = requireUser(request)
    if (step === 'check') {
      const matches = await likelyMatches(db, user, parsed.data, request.auditContext, clock)
      return reply.view('modules/people/views/check-child.njk', {
        pageTitle: matches.length ? 'Check this child is not already known' : 'Check your answers',
        values,
        fields: NEW_CHILD_FIELDS,
        rows: answerRows(parsed.data),
        matches,
      })
    }
    try {
      const created = await createChild(db, user, parsed.data, request.auditContext, clock)
      const name = `${parsed.data.givenName} ${parsed.data.familyName}`
      markSubmitted(request, {
        href: created.canView ? `/children/${created.id}` : null,
        text: `${name}’s record`,
      })
      // Back to the page that sent the person here (a contact), naming the child just added.
      const back = returnPath(body.returnTo)
      if (back && created.canView) return reply.redirect(`${back}?childId=${created.id}`, 303)
      if (created.canView) return reply.redirect(`/children/${created.id}`, 303)
      return reply.view('platform/views/message.njk', {
        pageTitle: 'Record created',
        paragraphs: [
          `The record for ${parsed.data.givenName} ${parsed.data.familyName} has been created.`,
          'You cannot open it until the child is allocated to you or your team.',
        ],
      })
    } catch (err) {
      if (err instanceof DuplicateIdentifierError)
        return renderForm(reply, values, singleError(err.field, `${err.message}: search for it instead`), 409)
      throw err
    }
  })
}

/** The child's record page, with the chronology every module presents. */
function childPageRoute(app: FastifyInstance, { db, clock, modules }: PeopleDeps) {
  app.get(
    '/children/:id',
    {
      config: {
        access: 'child.view',
        subject: {
          kind: 'child_page',
          auditAction: 'child.view',
          auditDetail: { sections: RECORD_PAGE_SECTIONS },
          fields: ['confidential_address'],
        },
      },
    },
    async (request, reply) => {
      const subject = subjectOf(request)
      const id = subject.ids.id as number
      const query = request.query as Record<string, unknown>
      const user = requireUser(request)
      // A duplicate merged into another record stands for the record kept: the platform allowed
      // the reader that one, so send them there.
      if (subject.recordId !== id) return reply.redirect(`/children/${subject.recordId}?merged=${id}`, 303)
      try {
        const record = await viewChildRecord(
          db,
          user,
          id,
          request.auditContext,
          clock,
          subject.children[0]?.record,
        )
        const now = clock.now()
        const today = londonToday(now)
        // Emergency access is shown for as long as it lasts, so nobody forgets they are using it.
        const emergency =
          subject.basis === 'break_glass'
            ? subject.children[0]?.record.grants.find(
                (g) => g.basis === 'break_glass' && g.userId === user.id,
              )
            : undefined
        const allowed = subject.children[0]?.record
        const restriction = record.child.restricted ? await restrictionOnRecord(db, id) : null
        const calendar = await loadWorkingCalendar(db)
        return reply.view('modules/people/views/child.njk', {
          pageTitle: `${record.child.given_name} ${record.child.family_name}`,
          emergencyUntil: emergency?.expiresAt ?? null,
          ...record,
          // Every module's events, worded by the module that records them; one recorded for a day
          // shows its London date alone.
          events: modules
            .presentChronology(record.events)
            .map((e) => ({ ...e, day: e.dated ? londonToday(e.occurred_at) : null })),
          // What other modules add to the record (case notes…), each by its own service and rules.
          panels: allowed ? await modules.recordPanels(user, allowed, request.auditContext) : [],
          ...(allowed ? restrictionActions(user, allowed, now) : {}),
          restriction: restriction && {
            ...restriction,
            categoryText: labelFor(RESTRICTION_CATEGORIES, restriction.category),
            dueText: longDate(restriction.reviewDue),
            overdue: isReviewOverdue(restriction.reviewDue, today),
          },
          ...recordTexts(record),
          mergedFrom: typeof query.merged === 'string' && /^\d+$/.test(query.merged) ? query.merged : null,
          currentAlerts: record.alerts
            .filter((a) => isAlertCurrent(a, today))
            .map((a) => ({ ...a, kindText: labelFor(ALERT_KINDS, a.kind) })),
          otherAlerts: record.alerts
            .filter((a) => !isAlertCurrent(a, today))
            .map((a) => ({ ...a, kindText: labelFor(ALERT_KINDS, a.kind) })),
          involvements: record.involvements.map((i) => ({
            ...i,
            text:
              i.kind !== 'contact'
                ? 'Referral'
                : i.status === 'in_triage'
                  ? 'Contact in triage at the front door'
                  : 'Contact for the allocated worker to take into the case',
            // A contact's page is where it is triaged, or taken into the open case.
            href:
              i.kind === 'contact'
                ? `/contacts/${i.contact_id}/children/${i.record_id}`
                : `/referrals/${i.record_id}`,
            statusText: INVOLVEMENT_STATUS[i.status] ?? i.status,
          })),
          tasks: record.tasks.map((t) => ({
            ...t,
            tag: t.stopped_at
              ? t.closed_by === 'cancel'
                ? { text: 'Cancelled', classes: 'govuk-tag--grey' }
                : t.stopped_at <= t.due_at
                  ? { text: 'Done on time', classes: 'govuk-tag--green' }
                  : { text: 'Done late', classes: 'govuk-tag--yellow' }
              : STATUS_TAGS[taskStatus(t.due_at, t.due_soon_at, now)],
            due: t.stopped_at ? null : describeDue(t.due_at, now, calendar),
          })),
        })
      } catch (err) {
        if (err instanceof NotFoundError) return reply.callNotFound()
        if (err instanceof NotAllowedError) {
          return reply.code(403).view('platform/views/message.njk', {
            pageTitle: 'You do not have access to this record',
            paragraphs: [
              err.reason,
              'Your attempt has been recorded. If you need access, ask the child’s team manager.',
            ],
          })
        }
        throw err
      }
    },
  )
}
