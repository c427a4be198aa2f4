/**
 * The pages that change a child's record. Each is a form: GET shows it filled from the record,
 * POST validates with the model's schema, calls one service function and redirects to the
 * record with a message; a bad answer shows the form again with an error summary and every
 * answer kept. The services check `child.edit` on the child and audit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import {
  checkAnswers,
  errorView,
  fieldError,
  formRoute,
  keepAnswers,
  keptText,
  readAnswers,
  type FormErrors,
} from '../../platform/http/form.js'
import { type CurrentUser, requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectOf } from '../../platform/http/subjects.js'
import type { FieldClass } from '../../platform/permissions/fields.js'
import { longDate } from '../../platform/calendar/dates.js'
import {
  addressSchema,
  alertSchema,
  birthSchema,
  DATE_FIELD_IDS,
  endDateSchema,
  otherNameSchema,
  relationshipSchema,
} from './change-model.js'
import {
  ALERT_KINDS,
  DISABILITY,
  ETHNICITY,
  labelFor,
  OTHER_NAME_KINDS,
  RELATIONSHIP_TYPES,
  UPN_UNKNOWN_REASONS,
} from './codes.js'
import { reasonSchema } from './form-fields.js'
import { detailsSchema } from './record-model.js'
import { londonToday } from '../../platform/calendar/dates.js'
import {
  addAddress,
  addAlert,
  addOtherName,
  addRelationship,
  ChangeRefusedError,
  correctAddress,
  deleteAddress,
  deleteOtherName,
  deleteRelationship,
  endRelationship,
  findPeopleToRelate,
  openChildForChange,
  recordBirth,
  removeAlert,
  updateChildDetails,
} from './record-service.js'
import { DuplicateIdentifierError } from './service.js'

type Opened = Awaited<ReturnType<typeof openChildForChange>>
type Params = Record<string, number>

const codeItems = (list: readonly { code: string; label: string }[]) =>
  list.map((c) => ({ value: c.code, text: c.label }))

/** The three boxes of a date, for a form's values. */
function dateValues(name: string, iso: string | null | undefined): Record<string, string> {
  const [y, m, d] = iso ? iso.split('-') : ['', '', '']
  return {
    [`${name}-day`]: d ? String(Number(d)) : '',
    [`${name}-month`]: m ? String(Number(m)) : '',
    [`${name}-year`]: y ?? '',
  }
}

interface FormSpec<T> {
  /** After /children/:id, e.g. '/addresses/:addressId'. */
  path: string
  /** Named in the audit row of the form's view. */
  form: string
  template: string
  title: (r: Opened, p: Params) => string
  /** The form as first shown; throws NotFoundError when the row named is not on this record. */
  initial: (r: Opened, p: Params) => Record<string, unknown>
  schema: (r: Opened, p: Params) => z.ZodType<T, unknown>
  save: (user: CurrentUser, childId: number, data: T, p: Params, request: FastifyRequest) => Promise<unknown>
  done: (data: T, r: Opened) => string
  extra?: (r: Opened, p: Params) => Record<string, unknown>
  /** The protected classes the form may show (SEC-04), for the audit row of its view. */
  fields?: readonly FieldClass[]
  /** The address the form is about: refused, audited, when it is confidential and withheld. */
  address?: (p: Params) => number | undefined
}

function findRow<R extends { id: number }>(rows: R[], id: number | undefined): R {
  const row = rows.find((r) => r.id === id)
  if (!row) throw new NotFoundError(`No row ${id}`)
  return row
}

/**
 * An address the reader may see in full. One withheld from them was refused when the record was
 * opened for the form (`openChildForChange`), so it is never prefilled or shown.
 */
function shownAddress(r: Opened, id: number | undefined) {
  const a = findRow(r.addresses, id)
  if (a.withheld) throw new NotFoundError(`Address ${id} is withheld`)
  return a
}

/**
 * The child record's change forms. Long because it is a table: one short `form({...})` per change
 * (address, name, birth, alert, details…) sharing one `form` builder, read top to bottom.
 */
export function registerRecordRoutes(app: FastifyInstance, db: Db, clock: Clock): void {
  const lists = {
    ethnicity: codeItems(ETHNICITY),
    upnUnknown: codeItems(UPN_UNKNOWN_REASONS),
    otherNameKinds: codeItems(OTHER_NAME_KINDS),
    relationshipTypes: codeItems(RELATIONSHIP_TYPES),
  }

  // The platform has parsed the ids and allowed the child (each route declares it as its subject).
  const params = (request: FastifyRequest): Params => subjectOf(request).ids as Params
  const childSubject = { kind: 'child', auditAction: 'child.view', auditDetail: { form: 'relationship.add' } }

  const refused = (reply: FastifyReply, err: unknown) =>
    answerRefusal(reply, err, 'You cannot change this record')

  function form<T>(spec: FormSpec<T>): void {
    const url = `/children/:id${spec.path}`
    const render = (
      reply: FastifyReply,
      r: Opened,
      p: Params,
      values: Record<string, unknown>,
      errors: FormErrors,
      status = 200,
    ) =>
      reply.code(status).view(spec.template, {
        pageTitle: spec.title(r, p),
        child: r.person,
        action: url.replace(/:(\w+)/g, (_m, k: string) => String(p[k])),
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
        lists,
        ...(spec.extra ? spec.extra(r, p) : {}),
        disabilityItems: codeItems(DISABILITY).map((d) => ({
          ...d,
          checked: Array.isArray(values.disabilities) && values.disabilities.includes(d.value),
        })),
        alertKindItems: codeItems(ALERT_KINDS).map((k) => ({ ...k, checked: values.kind === k.value })),
      })

    formRoute(app, {
      path: url,
      access: 'child.edit',
      subject: {
        kind: 'child',
        auditAction: 'child.view',
        auditDetail: { form: spec.form },
        ...(spec.fields ? { fields: spec.fields } : {}),
        extraParams: [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string).filter((k) => k !== 'id'),
      },
      load: async (request) => {
        const p = params(request)
        const r = await openChildForChange(
          db,
          requireUser(request),
          p.id as number,
          request.auditContext,
          clock,
          subjectChild(request),
          { addressId: spec.address?.(p) },
        )
        // Also checks that the row named is still on the record.
        return { r, p, initial: spec.initial(r, p) }
      },
      schema: ({ r, p }) => spec.schema(r, p),
      fieldIds: DATE_FIELD_IDS,
      lists: ['disabilities'],
      render: (_request, reply, { context: { r, p, initial }, values, errors, status }) =>
        render(reply, r, p, values ?? initial, errors, status),
      save: (request, data, { p }) => spec.save(requireUser(request), p.id as number, data, p, request),
      done: (data, { r, p }) => ({ to: `/children/${p.id}`, text: spec.done(data, r) }),
      refusal: (err) => {
        if (err instanceof ChangeRefusedError) return { field: err.field, message: err.message }
        if (err instanceof DuplicateIdentifierError)
          return { field: err.field, message: `${err.message}: merge the two records instead` }
        return null
      },
    })
  }

  const today = () => londonToday(clock.now())
  const audit = (request: FastifyRequest) => request.auditContext

  form({
    path: '/details',
    form: 'details',
    template: 'modules/people/views/change/details.njk',
    title: () => 'Change details and identifiers',
    initial: ({ person: c }) => ({
      givenName: c.given_name,
      familyName: c.family_name,
      sex: c.sex ?? '',
      genderIdentity: c.gender_identity ?? '',
      ethnicity: c.ethnicity ?? '',
      disabilities: c.disabilities,
      firstLanguage: c.first_language ?? '',
      nhsNumber: c.nhs_number ?? '',
      upn: c.upn ?? '',
      formerUpn: c.former_upn ?? '',
      upnUnknownReason: c.upn_unknown_reason ?? '',
    }),
    schema: ({ person: c }) => detailsSchema(today(), { kind: c.kind, dateOfBirth: c.date_of_birth }),
    save: (user, id, data, _p, request) => updateChildDetails(db, user, id, data, audit(request), clock),
    done: () => 'Details saved',
  })

  form({
    path: '/addresses/new',
    form: 'address.add',
    template: 'modules/people/views/change/address.njk',
    title: () => 'Add a new address',
    initial: () => dateValues('fromDate', today()),
    fields: ['confidential_address'],
    schema: () => addressSchema(today(), { correction: false }),
    save: (user, id, data, _p, request) => addAddress(db, user, id, data, audit(request), clock),
    done: () => 'New address saved',
  })

  form({
    path: '/addresses/:addressId',
    form: 'address.correct',
    template: 'modules/people/views/change/address.njk',
    title: () => 'Correct an address',
    fields: ['confidential_address'],
    address: (p) => p.addressId,
    initial: (r, p) => {
      const a = shownAddress(r, p.addressId)
      return {
        addressLine1: a.line_1,
        addressLine2: a.line_2 ?? '',
        addressTown: a.town ?? '',
        postcode: a.postcode ?? '',
        confidential: a.confidential ? 'yes' : '',
        ...dateValues('fromDate', a.from_date),
        ...dateValues('toDate', a.to_date),
      }
    },
    schema: () => addressSchema(today(), { correction: true }),
    save: (user, id, data, p, request) =>
      correctAddress(db, user, id, p.addressId as number, data, audit(request), clock),
    done: () => 'Address corrected',
    extra: () => ({ correction: true }),
  })

  form({
    path: '/addresses/:addressId/delete',
    form: 'address.delete',
    template: 'modules/people/views/change/reason.njk',
    title: () => 'Delete an address',
    fields: ['confidential_address'],
    address: (p) => p.addressId,
    initial: (r, p) => (shownAddress(r, p.addressId), {}),
    schema: () => reasonSchema('the address is being deleted'),
    save: (user, id, data, p, request) =>
      deleteAddress(db, user, id, p.addressId as number, data.reason, audit(request), clock),
    done: () => 'Address deleted',
    extra: (r, p) => {
      const a = shownAddress(r, p.addressId)
      return {
        rows: [
          {
            key: { text: a.confidential ? 'Confidential address' : 'Address' },
            value: { text: [a.line_1, a.line_2, a.town, a.postcode].filter(Boolean).join(', ') },
          },
        ],
        reasonLabel: 'Why is this address being deleted?',
        explanation:
          'Delete an address recorded in error. If the child has moved, add the new address instead.',
        buttonText: 'Delete address',
        buttonClasses: 'govuk-button--warning',
      }
    },
  })

  // Adding a relationship: a GET search (?name=) lists people to pick from, beside a new adult.
  app.get(
    '/children/:id/relationships/new',
    { config: { access: 'child.edit', subject: childSubject } },
    async (request, reply) => {
      const p = params(request)
      const user = requireUser(request)
      const name = String((request.query as Record<string, unknown>).name ?? '')
        .trim()
        .slice(0, 100)
      try {
        const r = await openChildForChange(
          db,
          user,
          p.id as number,
          request.auditContext,
          clock,
          subjectChild(request),
        )
        const found = name
          ? await findPeopleToRelate(db, user, p.id as number, name, request.auditContext, clock)
          : []
        return reply.view('modules/people/views/change/relationship.njk', {
          pageTitle: 'Add a family or household member',
          child: r.person,
          searchName: name,
          values: {},
          fieldErrors: {},
          lists,
          personItems: personItems(found, ''),
        })
      } catch (err) {
        return refused(reply, err)
      }
    },
  )

  app.post(
    '/children/:id/relationships/new',
    { config: { access: 'child.edit', subject: childSubject } },
    async (request, reply) => {
      const p = params(request)
      const user = requireUser(request)
      const childId = p.id as number
      const answers = readAnswers(request)
      const values = keepAnswers(answers)
      const searchName = keptText(values, 'searchName')
      try {
        const r = await openChildForChange(
          db,
          user,
          childId,
          request.auditContext,
          clock,
          subjectChild(request),
        )
        const again = async (errors: FormErrors, status: number) => {
          // The person picked is offered again, so the answer is kept.
          const picked = Number(values.relatedPersonId)
          const found = searchName
            ? await findPeopleToRelate(db, user, childId, searchName, request.auditContext, clock)
            : []
          return reply.code(status).view('modules/people/views/change/relationship.njk', {
            pageTitle: 'Add a family or household member',
            child: r.person,
            searchName,
            values,
            ...errorView(errors),
            lists,
            personItems: personItems(
              found,
              Number.isSafeInteger(picked) ? String(picked) : String(values.relatedPersonId ?? ''),
            ),
          })
        }
        const checked = checkAnswers(relationshipSchema(today()), answers, DATE_FIELD_IDS)
        if (!checked.ok) return again(checked.errors, 400)
        try {
          await addRelationship(db, user, childId, checked.data, request.auditContext, clock)
        } catch (err) {
          if (err instanceof ChangeRefusedError)
            return again(fieldError(err.field, err.message, DATE_FIELD_IDS), 409)
          throw err
        }
        return reply.redirectWithMessage(`/children/${childId}`, 'Family or household member added')
      } catch (err) {
        return refused(reply, err)
      }
    },
  )

  form({
    path: '/relationships/:relationshipId/end',
    form: 'relationship.end',
    template: 'modules/people/views/change/end-date.njk',
    title: (r, p) => {
      const rel = findRow(r.relationships, p.relationshipId)
      return `End the relationship with ${rel.given_name} ${rel.family_name}`
    },
    initial: (r, p) => (findRow(r.relationships, p.relationshipId), dateValues('toDate', today())),
    schema: (r, p) => endDateSchema(today(), findRow(r.relationships, p.relationshipId).from_date),
    save: (user, id, data, p, request) =>
      endRelationship(db, user, id, p.relationshipId as number, data.toDate, audit(request), clock),
    done: (data) => `Relationship ended on ${longDate(data.toDate)}`,
  })

  form({
    path: '/relationships/:relationshipId/delete',
    form: 'relationship.delete',
    template: 'modules/people/views/change/reason.njk',
    title: () => 'Delete a family or household member',
    initial: (r, p) => (findRow(r.relationships, p.relationshipId), {}),
    schema: () => reasonSchema('the relationship is being deleted'),
    save: (user, id, data, p, request) =>
      deleteRelationship(db, user, id, p.relationshipId as number, data.reason, audit(request), clock),
    done: () => 'Family or household member deleted',
    extra: (r, p) => {
      const rel = findRow(r.relationships, p.relationshipId)
      return {
        rows: [
          { key: { text: 'Name' }, value: { text: `${rel.given_name} ${rel.family_name}` } },
          {
            key: { text: 'Relationship' },
            value: { text: labelFor(RELATIONSHIP_TYPES, rel.relationship_type) },
          },
        ],
        reasonLabel: 'Why is this being deleted?',
        explanation:
          'Delete a relationship recorded in error. If it has ended (someone left the household), end it instead so the history is kept.',
        buttonText: 'Delete',
        buttonClasses: 'govuk-button--warning',
      }
    },
  })

  form({
    path: '/names/new',
    form: 'name.add',
    template: 'modules/people/views/change/other-name.njk',
    title: () => 'Add another name',
    initial: () => ({}),
    schema: () => otherNameSchema,
    save: (user, id, data, _p, request) => addOtherName(db, user, id, data, audit(request), clock),
    done: () => 'Other name added',
  })

  form({
    path: '/names/:nameId/delete',
    form: 'name.delete',
    template: 'modules/people/views/change/reason.njk',
    title: () => 'Delete another name',
    initial: (r, p) => (findRow(r.names, p.nameId), {}),
    schema: () => reasonSchema('the name is being deleted'),
    save: (user, id, data, p, request) =>
      deleteOtherName(db, user, id, p.nameId as number, data.reason, audit(request), clock),
    done: () => 'Other name deleted',
    extra: (r, p) => {
      const n = findRow(r.names, p.nameId)
      return {
        rows: [
          {
            key: { text: labelFor(OTHER_NAME_KINDS, n.kind) },
            value: { text: `${n.given_name} ${n.family_name}` },
          },
        ],
        reasonLabel: 'Why is this name being deleted?',
        buttonText: 'Delete name',
        buttonClasses: 'govuk-button--warning',
      }
    },
  })

  form({
    path: '/birth',
    form: 'birth',
    template: 'modules/people/views/change/birth.njk',
    title: () => 'Record the birth',
    initial: (r) => {
      if (r.person.kind !== 'unborn') throw new NotFoundError('Already born')
      return { nhsNumber: r.person.nhs_number ?? '' }
    },
    schema: (r) => birthSchema(today(), r.person.expected_birth_date),
    save: (user, id, data, _p, request) => recordBirth(db, user, id, data, audit(request), clock),
    done: (data) => `Birth recorded: born on ${longDate(data.dateOfBirth)}`,
    extra: (r) => ({
      expectedText: r.person.expected_birth_date ? longDate(r.person.expected_birth_date) : null,
      buttonText: 'Record the birth',
    }),
  })

  form({
    path: '/alerts/new',
    form: 'alert.add',
    template: 'modules/people/views/change/alert.njk',
    title: () => 'Add an alert or warning',
    initial: () => ({}),
    schema: () => alertSchema(today()),
    save: (user, id, data, _p, request) => addAlert(db, user, id, data, audit(request), clock),
    done: () => 'Alert added',
  })

  form({
    path: '/alerts/:alertId/remove',
    form: 'alert.remove',
    template: 'modules/people/views/change/reason.njk',
    title: () => 'Remove an alert',
    initial: (r, p) => (findRow(r.alerts, p.alertId), {}),
    schema: () => reasonSchema('the alert is being removed'),
    save: (user, id, data, p, request) =>
      removeAlert(db, user, id, p.alertId as number, data.reason, audit(request), clock),
    done: () => 'Alert removed',
    extra: (r, p) => {
      const a = findRow(r.alerts, p.alertId)
      return {
        rows: [
          { key: { text: 'Kind' }, value: { text: labelFor(ALERT_KINDS, a.kind) } },
          { key: { text: 'Alert' }, value: { text: a.summary } },
        ],
        reasonLabel: 'Why is this alert being removed?',
        explanation:
          'It will no longer show on the record. It is kept, with your reason, for the audit trail.',
        buttonText: 'Remove alert',
        buttonClasses: 'govuk-button--warning',
      }
    },
  })
}

function personItems(found: Awaited<ReturnType<typeof findPeopleToRelate>>, checked: string) {
  const items: Record<string, unknown>[] = found.map((f) => ({
    value: String(f.id),
    text: f.name,
    hint: {
      text: [
        f.kind === 'adult' ? 'Adult' : f.kind === 'unborn' ? 'Unborn child' : 'Child',
        f.dateOfBirth ? `born ${longDate(f.dateOfBirth)}` : 'date of birth not recorded',
      ].join(', '),
    },
    checked: checked === String(f.id),
  }))
  if (items.length) items.push({ divider: 'or' })
  items.push({ value: 'new', text: 'A new adult, not yet recorded', checked: checked === 'new' })
  return items
}
