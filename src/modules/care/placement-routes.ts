/**
 * Placements' commissioning and approval: the care page's section, the forms that record the
 * current placement's route and weekly cost (`/children/:id/care/placement-cost`) and its
 * approval (`/children/:id/care/placement-approval`), and the managers' list `/care/placements`.
 * Thin: the platform has checked the child the URL names and audited; the schema checks the
 * answers; one service call saves, its refusal shown on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import type { Config } from '../../platform/config.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { codeText, dayValues, isAdoptivePlacement, PLACEMENT_TYPES, PROVIDERS } from './model.js'
import {
  APPROVAL_KINDS,
  approvalSchema,
  approvalsNeeded,
  COMMISSIONING_ROUTES,
  costSchema,
  penceText,
  whereText,
  type ApprovalKind,
  type CommissioningRoute,
  type LongTermStability,
} from './placement-model.js'
import type { HomePanel } from '../../platform/modules.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import {
  awaitingApprovalCount,
  placementList,
  placementSection,
  recordApproval,
  recordCost,
  type PlacementDeps,
  type PlacementSection,
} from './placement-service.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import {
  named,
  carePath,
  careStateRefusal as refusal,
  careFormView,
  type CareFormPage,
} from './route-parts.js'

export const PLACEMENTS_LIST_PATH = '/care/placements'
const FORM = 'modules/care/views/placement-form.njk'
const form = (name: string): RouteSubject => ({
  kind: 'child',
  auditAction: 'care.view',
  fields: ['adopter_identity'],
  auditDetail: { form: name },
})

/** The deps with the authority's ONS code, from the configuration when the platform gives it. */
export type CareRouteDeps = CareDeps & { config?: Config }
const withAuthority = (deps: CareRouteDeps): PlacementDeps => ({
  ...deps,
  authority: deps.config?.returns.authorityOnsCode ?? null,
})

/** The commissioning route's radios, the kept answer checked. */
export function routeItems(chosen: unknown) {
  return (Object.entries(COMMISSIONING_ROUTES) as [CommissioningRoute, string][]).map(([value, text]) => ({
    value,
    text,
    checked: chosen === value,
  }))
}

const costText = (route: CommissioningRoute | null, pence: number | null) =>
  route === null
    ? null
    : `${COMMISSIONING_ROUTES[route]}: ${pence === null ? 'the standard allowance' : `${penceText(pence)} a week`}`

const longTermText = (l: LongTermStability) => {
  if (!l.cohort)
    return {
      no_date_of_birth: 'Not measured: no date of birth recorded',
      aged_16: 'Not measured: aged 16 or over',
      under_2_5_years: 'Not measured yet: looked after for less than 2 and a half years',
      not_looked_after: 'Not measured: not looked after',
    }[l.why]
  return l.stable
    ? 'Stable: in the same placement (with the same carers) for 2 years or more'
    : 'Not stable: in this placement for less than 2 years'
}

/** The care page's section on the current placement's cost, approval, where and stability. */
export async function placementView(deps: CareRouteDeps, record: CareRecord, mayIdentifyAdopters: boolean) {
  if (!record.open) return null
  const s: PlacementSection = await placementSection(withAuthority(deps), record)
  const c = s.current
  return {
    current: c && {
      costText: costText(c.route, c.weekly_pence),
      costFrom: c.cost_from,
      costMissing: c.costMissing,
      needed: approvalsNeeded(c).map((k) => APPROVAL_KINDS[k]),
      awaited: c.awaited.map((k) => APPROVAL_KINDS[k]),
      panelText: c.panel_approved_on ? { on: c.panel_approved_on, by: c.panel_chair } : null,
      headText: c.head_of_service_approved_on
        ? { on: c.head_of_service_approved_on, by: c.head_of_service }
        : null,
      // How far the prospective adopters live from the birth home places them: withheld as their address is.
      whereText:
        isAdoptivePlacement(c.place) && !mayIdentifyAdopters
          ? 'Withheld: the prospective adopters'
          : whereText(c.inBorough, c.distance_miles),
      canApprove: c.awaited.length > 0,
      costs: c.costs.map((x) => ({ ...x, text: costText(x.route, x.weekly_pence) })),
    },
    stability: s.stability && {
      inYear: s.stability.inYear,
      threeOrMore: s.stability.threeOrMore,
      longTermText: longTermText(s.stability.longTerm),
    },
  }
}

/** The managers' home panel: placements awaiting approval among the children they may see. */
export const PLACEMENTS_HOME_PANEL: HomePanel = {
  order: 46,
  template: 'modules/care/views/placement-home-panel.njk',
  async load(deps, user) {
    if (!roleGrants(user.role, 'team.view')) return null
    const awaiting = await awaitingApprovalCount(deps, user)
    return awaiting === 0 ? null : { awaiting, href: PLACEMENTS_LIST_PATH }
  },
}

export function placementRoutes(deps: CareRouteDeps) {
  const load = (request: FastifyRequest) => careRecord(deps, subjectId(request))
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['A placement’s cost and approval are recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: CareFormPage,
    extra: Record<string, unknown>,
  ) => {
    const current = record.current
    return reply.code(status).view(FORM, {
      ...careFormView(record.child, page, '#placement'),
      placementText: current
        ? `${codeText(PLACEMENT_TYPES, current.place)}; provider ${codeText(PROVIDERS, current.provider) || 'none'}; since ${longDate(current.placementStart)}`
        : '',
      placementStart: current?.placementStart ?? null,
      ...extra,
    })
  }

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/placement-cost',
      access: 'child.edit',
      subject: form('placement_cost'),
      load,
      schema: () => costSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.current) return notInCare(reply, record)
        const v: KeptAnswers = values ?? dayValues('from', londonToday(deps.clock.now()))
        return shown(
          reply,
          status,
          record,
          {
            kind: 'cost',
            title: 'Record the placement’s cost',
            action: 'placement-cost',
            button: 'Save the cost',
            values: v,
            errors,
          },
          { routeItems: routeItems(v.route) },
        )
      },
      save: (request, input) =>
        recordCost(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#placement`,
        text: 'Placement’s cost recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This cost was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/placement-approval',
      access: 'child.edit',
      subject: form('placement_approval'),
      load,
      schema: () => approvalSchema(deps.clock.now()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        const current = record.current
        if (!current) return notInCare(reply, record)
        const v: KeptAnswers = values ?? {}
        const needed = approvalsNeeded(current)
        const kinds: ApprovalKind[] = needed.length > 0 ? needed : ['placement_panel', 'head_of_service']
        return shown(
          reply,
          status,
          record,
          {
            kind: 'approval',
            title: 'Record the placement’s approval',
            action: 'placement-approval',
            button: 'Save the approval',
            values: v,
            errors,
          },
          {
            needsNone: needed.length === 0,
            kindItems: kinds.map((k) => ({
              value: k,
              text: APPROVAL_KINDS[k],
              hint: {
                text:
                  k === 'placement_panel'
                    ? 'External placements: give the panel’s date and its chair'
                    : 'Residential placements: give the date and the head of service’s name',
              },
              checked: v.kind === k,
            })),
          },
        )
      },
      save: (request, input) =>
        recordApproval(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#placement`,
        text: 'Placement’s approval recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This approval was already recorded', link: 'See the child’s care record' },
    })

    // The managers' list of placements: names no record, so nothing for the platform to resolve;
    // the figures count every child looked after, the rows only those the reader may see (as the
    // virtual school's caseload), audited as read.
    app.get(PLACEMENTS_LIST_PATH, { config: { access: 'performance.view' } }, async (request, reply) => {
      try {
        const list = await placementList(withAuthority(deps), requireUser(request), request.auditContext)
        const f = list.figures
        const money = (p: number | null) => (p === null ? 'None recorded' : penceText(p))
        return reply.view('modules/care/views/placement-list.njk', {
          pageTitle: 'Children’s placements: cost, approval, distance and stability',
          figures: f,
          moneyRows: [
            {
              key: { text: 'Average weekly cost, all placements with a cost' },
              value: { text: money(f.averageWeekly.all) },
            },
            {
              key: { text: 'Average weekly cost, in-house' },
              value: { text: money(f.averageWeekly.in_house) },
            },
            {
              key: { text: 'Average weekly cost, framework or contract' },
              value: { text: money(f.averageWeekly.framework) },
            },
            {
              key: { text: 'Average weekly cost, spot purchase' },
              value: { text: money(f.averageWeekly.spot) },
            },
          ],
          rows: list.rows.map((r) => ({
            childId: r.child_id,
            name: named(r),
            placeText: codeText(PLACEMENT_TYPES, r.place),
            providerText: codeText(PROVIDERS, r.provider) || 'None',
            start: r.start_date,
            costText: costText(r.route, r.weekly_pence) ?? (r.costMissing ? 'Not recorded' : 'None recorded'),
            costMissing: r.costMissing,
            distanceText: r.distance_miles === null ? 'Not known' : `${r.distance_miles} miles`,
            boroughText: r.inBorough === null ? 'Not known' : r.inBorough ? 'In borough' : 'Out of borough',
            awaited: r.awaited.map((k) => APPROVAL_KINDS[k]),
            inYear: r.stability.inYear,
            threeOrMore: r.stability.threeOrMore,
          })),
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see the list of placements')
      }
    })
  }
}
