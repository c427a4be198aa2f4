/**
 * The chronology's pages: a child's multi-agency chronology (filtered by agency and type with a GET
 * form, and printable), the form adding a contribution, and the one deleting it. Thin: the
 * platform has checked the child the URL names and audited; the schema checks the answers; one
 * service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday } from '../../platform/calendar/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, queryAnswers, type KeptAnswers } from '../../platform/http/form.js'
import { pageFromQuery, paginationFor } from '../../platform/http/paged-list.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { CHILDRENS_SOCIAL_CARE } from '../../platform/modules.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import {
  BASES,
  CONTRIBUTION_FIELD_IDS,
  contributionSchema,
  deleteSchema,
  ENTRY_TYPES,
  filterChoices,
  HARM_KINDS,
  labelOf,
  MOBILITY,
  OWN_SERVICE,
  PAGE_SIZE,
  PRINT_MAX,
  SIGNIFICANCES,
  type ChronologyItem,
} from './model.js'
import {
  chronologyRights,
  contributionForm,
  deleteContribution,
  familyChronology,
  multiAgencyChronology,
  recordContribution,
  viewEntry,
  type ChronologyDeps,
  type ChronologyModules,
} from './service.js'

/** Reading the chronology: the record's own rule; a confidential address is withheld from those who may not see it. */
const READ: RouteSubject = {
  kind: 'child',
  action: 'child.view',
  auditAction: 'chronology.view',
  fields: ['confidential_address'],
}
/** The forms show the child's name and a contribution, nothing protected. */
const FORM: RouteSubject = { kind: 'child', action: 'child.view', auditAction: 'chronology.view' }

function allowedChild(request: FastifyRequest): ChildRecord {
  const child = subjectChild(request)
  if (!child) throw new NotFoundError('No child')
  return child
}

const listOf = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value]

const items = <T extends { code: string; label: string }>(list: readonly T[], chosen: unknown) =>
  list.map((c) => ({
    value: c.code,
    text: c.label,
    checked: chosen === c.code,
    ...('hint' in c ? { hint: { text: c.hint as string } } : {}),
  }))

/** A line of the chronology as the page shows it. */
function shownItem(i: ChronologyItem, childId: number, userId: number, managesCase: boolean) {
  const e = i.entry
  return {
    ...i,
    basisText: e ? labelOf(BASES, e.basis) : null,
    significanceText: e ? labelOf(SIGNIFICANCES, e.significance) : null,
    harmText: e?.harmKind ? labelOf(HARM_KINDS, e.harmKind) : null,
    mobileText: e?.childMobile ? labelOf(MOBILITY, e.childMobile) : null,
    deleteHref:
      e && !e.deleted && (e.recordedById === userId || managesCase)
        ? `/children/${childId}/chronology/${e.id}/delete`
        : null,
  }
}

/** The filter, the page and whether the printable version is asked for, from the URL. */
function readQuery(request: FastifyRequest) {
  const query = queryAnswers(request)
  const filter = { agencies: listOf(query.agency), types: listOf(query.type) }
  const print = query.print === '1'
  const page = pageFromQuery(query, PAGE_SIZE)
  const params = [
    ...filter.agencies.map((a): [string, string] => ['agency', a]),
    ...filter.types.map((t): [string, string] => ['type', t]),
  ]
  return {
    filter,
    print,
    page,
    params,
    filtered: filter.agencies.length + filter.types.length > 0,
    query: { filter, page: print ? null : page },
  }
}

/** The GOV.UK pagination component's parameters from the platform's paging of a list. */
function govukPaging(p: ReturnType<typeof paginationFor>) {
  return {
    items: p.items.map((i) =>
      i.type === 'dots' ? { ellipsis: true } : { number: i.text, href: i.href, current: i.selected },
    ),
    ...(p.previous ? { previous: { href: p.previous.href } } : {}),
    ...(p.next ? { next: { href: p.next.href } } : {}),
    results: p.results,
  }
}

/** What the chronology's template needs of a page of lines, for a child's or a family's. */
function chronologyPage(
  deps: ChronologyDeps,
  asked: ReturnType<typeof readQuery>,
  found: {
    items: ChronologyItem[]
    total: number
    matching: number
    choices: ReturnType<typeof filterChoices>
  },
  path: string,
  shown: (i: ChronologyItem) => ReturnType<typeof shownItem>,
) {
  const { filter, print, page, params } = asked
  return {
    print,
    path,
    printHref: `${path}?${new URLSearchParams([...params, ['print', '1']]).toString()}`,
    printedOn: londonToday(deps.clock.now()),
    printCapped: print && found.matching > PRINT_MAX,
    printMax: PRINT_MAX,
    items: found.items.map(shown),
    total: found.total,
    matching: found.matching,
    pagination:
      !print && found.matching > page.size
        ? govukPaging(paginationFor(page, found.matching, params, 'lines'))
        : null,
    filtered: asked.filtered,
    filterAgencies: filter.agencies,
    filterTypes: filter.types.map((t) => labelOf(found.choices.types, t) ?? t),
    agencyItems: found.choices.agencies.map((a) => ({
      value: a,
      text: a,
      checked: filter.agencies.includes(a),
    })),
    typeItems: found.choices.types.map((t) => ({
      value: t.code,
      text: t.label,
      checked: filter.types.includes(t.code),
    })),
  }
}

export function chronologyRoutes(deps: ChronologyDeps & { modules: ChronologyModules }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/children/:id/chronology',
      { config: { access: 'child.view', subject: READ } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const record = allowedChild(request)
          const asked = readQuery(request)
          const found = await multiAgencyChronology(deps, deps.modules, user, record, asked.query)
          const rights = chronologyRights(user, record, deps.clock.now())
          return reply.view('modules/chronology/views/chronology.njk', {
            ...chronologyPage(deps, asked, found, `/children/${found.child.id}/chronology`, (i) =>
              shownItem(i, found.child.id, user.id, rights.managesCase),
            ),
            pageTitle: `Multi-agency chronology: ${found.child.name}`,
            child: found.child,
            warnings: found.warnings,
            familyHref: found.hasFamily ? `/children/${found.child.id}/chronology/family` : null,
            ...rights,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this chronology')
        }
      },
    )

    app.get(
      '/children/:id/chronology/family',
      { config: { access: 'child.view', subject: { ...READ, auditDetail: { family: true } } } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const record = allowedChild(request)
          const asked = readQuery(request)
          const chosen = listOf(queryAnswers(request).child).map(Number)
          const found = await familyChronology(
            deps,
            deps.modules,
            user,
            record,
            { ...asked.query, children: chosen },
            request.auditContext,
          )
          const childParams = found.chosen.map((c): [string, string] => ['child', String(c)])
          return reply.view('modules/chronology/views/chronology.njk', {
            ...chronologyPage(
              deps,
              { ...asked, params: [...childParams, ...asked.params] },
              found,
              `/children/${found.child.id}/chronology/family`,
              (i) => shownItem(i, i.child?.id ?? found.child.id, user.id, false),
            ),
            pageTitle: `Family chronology: ${found.child.name}`,
            family: true,
            child: found.child,
            children: found.children,
            childItems: found.children.map((c) => ({
              value: String(c.id),
              text: c.name,
              checked: found.chosen.includes(c.id),
            })),
            filtered: asked.filtered || found.chosen.length > 0,
            filterChildren: found.children.filter((c) => found.chosen.includes(c.id)).map((c) => c.name),
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this chronology')
        }
      },
    )

    formRoute(app, {
      path: '/children/:id/chronology/new',
      access: 'child.view',
      subject: { ...FORM, auditDetail: { form: 'new' } },
      load: (request: FastifyRequest) =>
        contributionForm(deps, requireUser(request), allowedChild(request), request.auditContext),
      schema: ({ choices }) => contributionSchema(deps.clock.now(), choices),
      fieldIds: CONTRIBUTION_FIELD_IDS,
      render: (_request, reply, { context: { child, own, choices }, values, errors, status }) => {
        const shown: KeptAnswers = values ?? {}
        return reply.code(status).view('modules/chronology/views/contribution-form.njk', {
          pageTitle: `Add to the chronology: ${child.name}`,
          child,
          own,
          agencyItems: choices && [
            {
              value: OWN_SERVICE,
              text: CHILDRENS_SOCIAL_CARE,
              selected: !shown.agency || shown.agency === OWN_SERVICE,
            },
            ...choices.map((a) => ({
              value: String(a.id),
              text: a.name,
              selected: shown.agency === String(a.id),
            })),
          ],
          values: shown,
          ...errorView(errors),
          basisItems: items(BASES, shown.basis),
          significanceItems: items(SIGNIFICANCES, shown.significance),
          typeItems: items(ENTRY_TYPES, shown.entryType),
          harmItems: [
            ...items(HARM_KINDS, shown.harmKind),
            { divider: 'or' },
            { value: 'none', text: 'None of these', checked: shown.harmKind === 'none' },
          ],
          mobileItems: items(MOBILITY, shown.childMobile),
        })
      },
      save: (request, input) =>
        recordContribution(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, { child }) => ({
        to: `/children/${child.id}/chronology`,
        text: 'Added to the chronology',
      }),
      notAllowedTitle: 'You cannot add to this chronology',
      submission: { already: 'This entry was already added', link: 'See the chronology' },
    })

    formRoute(app, {
      path: '/children/:id/chronology/:entryId/delete',
      access: 'child.view',
      subject: { ...FORM, auditDetail: { form: 'delete' }, extraParams: ['entryId'] },
      load: (request: FastifyRequest) =>
        viewEntry(deps, requireUser(request), allowedChild(request), subjectId(request, 'entryId')),
      schema: deleteSchema,
      render: (_request, reply, { context: { child, entry, rule }, values, errors, status }) => {
        if (!rule.allowed) return cannot(reply, rule.reason, child.id)
        return reply.code(status).view('modules/chronology/views/delete.njk', {
          pageTitle: `Delete a chronology entry: ${child.name}`,
          child,
          entry,
          typeText: labelOf(ENTRY_TYPES, entry.entry_type) ?? entry.entry_type,
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, { reason }, { child, entry }) =>
        deleteContribution(deps, requireUser(request), child.id, entry.id, reason, request.auditContext),
      done: (_a, { child }) => ({
        to: `/children/${child.id}/chronology`,
        text: 'Entry deleted. It stays on the chronology, marked deleted with your reason.',
      }),
      notAllowedTitle: 'You cannot delete this entry',
    })
  }
}

/** The form is not this person's to use: say why, and link back to the chronology. */
function cannot(reply: FastifyReply, reason: string, childId: number) {
  return reply.view('platform/views/message.njk', {
    pageTitle: 'You cannot delete this entry',
    paragraphs: [reason],
    links: [{ href: `/children/${childId}/chronology`, text: 'Back to the chronology' }],
  })
}
