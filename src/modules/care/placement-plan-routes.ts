/**
 * The placement plan and delegated authority: the page `/children/:id/care/placement-plan`, which a
 * child's carers open as well as the staff who may view the record (`child.placement_plan.view`),
 * the form that records a new version (`…/edit`) and the one that links a carer's account to the
 * placement (`…/carers`), both for whoever may change the record; and a carer's home panel, the
 * children placed with them now. Thin: the platform has checked the child the URL names and
 * audited; the schema checks the answers; one service call saves, and its refusal comes back on
 * its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { recordAuditAlone } from '../../platform/audit/audit.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import type { HomePanel } from '../../platform/modules.js'
import { allow } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { codeText, dayValues, PLACEMENT_TYPES } from './model.js'
import {
  carerLinkSchema,
  carerUnlinkSchema,
  DELEGATED_DECISIONS,
  DELEGATES,
  decisionText,
  delegateName,
  delegateNoteName,
  delegateText,
  PLAN_SECTIONS,
  planSchema,
} from './placement-plan-model.js'
import { carerAccounts } from './placement-plan-store.js'
import {
  carerCaseload,
  linkCarer,
  PLACEMENT_PLAN_AUDIT,
  placementPlanPage,
  recordPlan,
  unlinkCarer,
  type PlacementPlanPage,
} from './placement-plan-service.js'
import {
  careForm as form,
  carePath,
  careStateRefusal as refusal,
  careFormView,
  named,
} from './route-parts.js'
import type { CareDeps } from './service.js'

const FORM = 'modules/care/views/placement-plan-form.njk'
export const placementPlanPath = (childId: number) => `${carePath(childId)}/placement-plan`

/** The plan's page: its read is audited as the plan's, not as the child's record. */
const VIEW: RouteSubject = { kind: 'child', auditAction: PLACEMENT_PLAN_AUDIT.view }

/** A version as the page shows it: each section, and who decides each everyday decision. */
function versionView(v: PlacementPlanPage['versions'][number]) {
  return {
    id: v.id,
    version: v.version,
    agreedOn: v.agreed_on,
    recordedBy: v.recorded_by_name,
    recordedAt: v.recorded_at,
    sections: PLAN_SECTIONS.map((s) => ({ key: s.key, label: s.label, text: v[s.key] })),
    delegated: DELEGATED_DECISIONS.map((d) => {
      const row = v.delegated.find((r) => r.decision === d.code)
      return {
        code: d.code,
        label: d.label,
        decidedBy: row ? delegateText(row.decided_by) : 'Not recorded',
        note: row?.note ?? null,
      }
    }),
  }
}

/**
 * A carer's home page: the children placed with them now, each with a link to their plan. It names
 * children, so it audits its read as a list (as a worklist does), naming each child shown.
 */
export const CARER_HOME_PANEL: HomePanel = {
  order: 5,
  template: 'modules/care/views/placement-plan-home-panel.njk',
  async load(deps, user) {
    if (roleGrants(user.role, 'child.view') || !roleGrants(user.role, 'child.placement_plan.view'))
      return null
    const children = await carerCaseload(deps, user)
    await recordAuditAlone(
      deps.db,
      { userId: user.id, username: user.username, requestId: null },
      {
        action: 'care.placement_plan_list',
        outcome: 'allowed',
        detail: { childIds: children.map((c) => c.id) },
      },
    )
    return {
      children: children.map((c) => ({
        name: named(c),
        href: placementPlanPath(c.id),
        since: c.start_date,
        agreedOn: c.agreed_on,
      })),
    }
  },
}

export function placementPlanRoutes(deps: CareDeps) {
  const load = (request: FastifyRequest) => placementPlanPage(deps, subjectId(request))
  type Loaded = Awaited<ReturnType<typeof load>>
  const notPlaced = (reply: FastifyReply, page: Loaded) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${page.child ? named(page.child) : 'This child'} is not placed`,
      paragraphs: [
        'A placement plan is recorded for the child’s current placement, while they are looked after.',
      ],
      links: page.child ? [{ href: carePath(page.child.id), text: 'See the child’s care record' }] : [],
    })
  const common = { load, refusal, notAllowedTitle: 'You cannot change this child’s placement plan' }

  return async (app: FastifyInstance) => {
    app.get(
      '/children/:id/care/placement-plan',
      { config: { access: 'child.placement_plan.view', subject: VIEW } },
      async (request, reply) => {
        const page = await load(request)
        const user = requireUser(request)
        const child = subjectChild(request)
        const now = deps.clock.now()
        // Staff who may open the record go back to it; a carer has only this page and their home.
        const mayViewRecord = child !== undefined && allow(user, 'child.view', child, now).allowed
        const canEdit = child !== undefined && allow(user, 'child.edit', child, now).allowed
        const childName = page.child ? named(page.child) : ''
        const [current, ...earlier] = page.versions.map(versionView)
        return reply.view('modules/care/views/placement-plan.njk', {
          pageTitle: `Placement plan: ${childName}`,
          childName,
          childId: subjectId(request),
          backPath: mayViewRecord ? `${carePath(subjectId(request))}#placement-plan` : '/',
          backText: mayViewRecord ? 'Back to the care record' : 'Back to your home page',
          placement: page.placement && {
            since: page.placement.start_date,
            carer: page.placement.carer_name,
            placeText: codeText(PLACEMENT_TYPES, page.placement.place),
          },
          current,
          earlier,
          carers: mayViewRecord ? page.carers : [],
          canEdit: canEdit && page.placement !== null,
        })
      },
    )

    formRoute(app, {
      ...common,
      path: '/children/:id/care/placement-plan/edit',
      access: 'child.edit',
      subject: form('placement_plan'),
      schema: () => planSchema(deps.clock.now()),
      render: (_request, reply, { context: page, values, errors, status }) => {
        if (!page.child || !page.placement) return notPlaced(reply, page)
        const latest = page.versions[0]
        const first: KeptAnswers = {
          ...dayValues('agreed', londonToday(deps.clock.now())),
          ...(latest
            ? Object.fromEntries([
                ...PLAN_SECTIONS.map((s) => [s.key, latest[s.key]]),
                ...latest.delegated.flatMap((d) => [
                  [delegateName(d.decision), d.decided_by],
                  [delegateNoteName(d.decision), d.note ?? ''],
                ]),
              ])
            : {}),
        }
        const v = values ?? first
        return reply.code(status).view(FORM, {
          ...careFormView(
            page.child,
            {
              kind: 'plan',
              title: latest ? 'Change the placement plan' : 'Record the placement plan',
              action: 'placement-plan/edit',
              button: 'Save the plan',
              values: v,
              errors,
            },
            '',
          ),
          backPath: placementPlanPath(page.child.id),
          sections: PLAN_SECTIONS,
          decisions: DELEGATED_DECISIONS.map((d) => ({
            code: d.code,
            label: d.label,
            name: delegateName(d.code),
            noteName: delegateNoteName(d.code),
            items: DELEGATES.map((who) => ({
              value: who.code,
              text: who.label,
              checked: v[delegateName(d.code)] === who.code,
            })),
          })),
          version: latest ? latest.version + 1 : 1,
        })
      },
      save: (request, input) =>
        recordPlan(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, page, saved) => ({
        to: placementPlanPath(page.child?.id ?? 0),
        text:
          saved.version === 1
            ? 'Placement plan recorded'
            : `Placement plan version ${saved.version} recorded`,
      }),
      submission: { already: 'This plan was already recorded', link: 'See the placement plan' },
    })

    formRoute(app, {
      ...common,
      path: '/children/:id/care/placement-plan/carers',
      access: 'child.edit',
      subject: form('placement_carer'),
      load: async (request) => ({ page: await load(request), accounts: await carerAccounts(deps.db) }),
      schema: () => carerLinkSchema,
      render: (_request, reply, { context: { page, accounts }, values, errors, status }) => {
        if (!page.child || !page.placement) return notPlaced(reply, page)
        const linked = new Set(page.carers.map((c) => c.user_id))
        const items = accounts
          .filter((a) => !linked.has(a.id))
          .map((a) => ({
            value: String(a.id),
            text: a.display_name,
            hint: a.job_title ? { text: a.job_title } : undefined,
            checked: values?.userId === String(a.id),
          }))
        return reply.code(status).view(FORM, {
          ...careFormView(
            page.child,
            {
              kind: 'carer',
              title: 'Let a carer see the placement plan',
              action: 'placement-plan/carers',
              button: 'Give access',
              values: values ?? {},
              errors,
            },
            '',
          ),
          backPath: placementPlanPath(page.child.id),
          carerName: page.placement.carer_name,
          accountItems: items,
        })
      },
      save: (request, input) =>
        linkCarer(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, { page }) => ({
        to: placementPlanPath(page.child?.id ?? 0),
        text: 'The carer can now see the placement plan',
      }),
    })

    formRoute(app, {
      ...common,
      path: '/children/:id/care/placement-plan/carers/end',
      access: 'child.edit',
      subject: form('placement_carer'),
      schema: () => carerUnlinkSchema,
      render: (_request, reply, { context: page, values, errors, status }) => {
        if (!page.child || !page.placement) return notPlaced(reply, page)
        return reply.code(status).view(FORM, {
          ...careFormView(
            page.child,
            {
              kind: 'unlink',
              title: 'Stop a carer seeing the placement plan',
              action: 'placement-plan/carers/end',
              button: 'End their access',
              values: values ?? {},
              errors,
            },
            '',
          ),
          backPath: placementPlanPath(page.child.id),
          linkedItems: page.carers.map((c) => ({
            value: String(c.id),
            text: c.display_name,
            hint: c.job_title ? { text: c.job_title } : undefined,
            checked: values?.linkId === String(c.id),
          })),
        })
      },
      save: (request, input) =>
        unlinkCarer(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, page) => ({
        to: placementPlanPath(page.child?.id ?? 0),
        text: 'The carer can no longer see the placement plan',
      }),
    })
  }
}

/** The care page's section: when the plan was agreed, and the link to it. */
export function placementPlanSection(page: PlacementPlanPage) {
  const latest = page.versions[0]
  return {
    href: page.child ? placementPlanPath(page.child.id) : null,
    agreedOn: latest?.agreed_on ?? null,
    version: latest?.version ?? null,
    carers: page.carers.map((c) => c.display_name),
    decisions: latest
      ? latest.delegated.map(
          (d) => `${decisionText(d.decision)}: ${delegateText(d.decided_by).toLowerCase()}`,
        )
      : [],
  }
}
