/**
 * People administration: merging duplicate records (and reversing a merge), partner agencies,
 * teams, and each member of staff's team, agency and job title. The URLs are under /admin with
 * the platform's user accounts; the records are the people module's. Thin: each route parses with
 * the module's schema and calls its service, which checks the action and audits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import {
  formErrors,
  type FormErrors,
  formRoute,
  keepAnswers,
  type KeptAnswers,
  keptText,
  queryAnswers,
  readAnswers,
  type ShownForm,
  singleError,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { ROLE_NAMES, type Role } from '../../platform/permissions/roles.js'
import { AGENCY_KINDS, labelFor, REFERRAL_SOURCES, TEAM_KINDS } from './codes.js'
import { reasonSchema } from './form-fields.js'
import {
  agencySchema,
  mergePairSchema,
  mergeSchema,
  staffSchema,
  teamManagerSchema,
  teamSchema,
} from './organisation-model.js'
import { SEARCH_FIELD_IDS, searchSchema } from './record-model.js'
import {
  compareForMerge,
  listMerges,
  loadMerge,
  mergePeople,
  MergeRefusedError,
  reverseMerge,
  searchForMerge,
} from './merge-service.js'
import {
  createAgency,
  createTeam,
  disableAgency,
  listAgencies,
  listTeams,
  loadAgency,
  loadStaff,
  loadTeam,
  managerCandidates,
  OrganisationError,
  setTeamManager,
  updateStaff,
} from './organisation-service.js'
import { NotFoundError } from '../../platform/http/errors.js'
import { agencyChoices, teamChoices } from './admin-store.js'

const user = (request: FastifyRequest) => requireUser(request)
const idParam = (request: FastifyRequest): number | null => {
  const n = Number((request.params as { id: string }).id)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}
// A URL that cannot name a record is not found, as one naming a record that does not exist.
const found = <K>(key: K | null): K => {
  if (key === null) throw new NotFoundError()
  return key
}
const organisationRefusal = (err: unknown) =>
  err instanceof OrganisationError ? { field: err.field, message: err.message } : null
const items = (list: readonly { code: string; label: string }[], selected?: string) =>
  list.map((c) => ({ value: c.code, text: c.label, selected: c.code === selected }))

type AdminDeps = { db: Db; clock: Clock }

export function peopleAdminRoutes(deps: AdminDeps) {
  return async (app: FastifyInstance) => {
    searchAndMergeRoutes(app, deps)
    mergeHistoryRoutes(app, deps)
    agencyRoutes(app, deps)
    teamRoutes(app, deps)
    staffRoutes(app, deps)
  }
}

/** The merge search, the two records side by side, and the merge itself. */
function searchAndMergeRoutes(app: FastifyInstance, { db, clock }: AdminDeps) {
  app.get('/admin/people/merge', { config: { access: 'people.merge' } }, async (request, reply) => {
    const query = queryAnswers(request)
    const values = keepAnswers(query)
    const asked = [
      'name',
      'identifier',
      'postcode',
      'dateOfBirth-day',
      'dateOfBirth-month',
      'dateOfBirth-year',
    ].some((k) => typeof query[k] === 'string' && (query[k] as string).trim() !== '')
    const page = (extra: Record<string, unknown>, status = 200) =>
      reply.code(status).view('modules/people/views/admin/merge.njk', {
        pageTitle: 'Merge duplicate records',
        section: 'merge',
        values,
        fieldErrors: {},
        results: null,
        ...extra,
      })
    if (!asked) return page({})
    const parsed = searchSchema.safeParse(query)
    if (!parsed.success) {
      const errors = formErrors(parsed.error, SEARCH_FIELD_IDS)
      return page({ errors: errors.list, fieldErrors: errors.byField }, 400)
    }
    const results = await searchForMerge(db, user(request), parsed.data, request.auditContext, clock)
    return page({ results })
  })

  const renderCompare = async (
    request: FastifyRequest,
    reply: FastifyReply,
    keep: number,
    duplicate: number,
    values: KeptAnswers,
    errors: FormErrors = { list: [], byField: {} },
    status = 200,
  ) => {
    const compared = await compareForMerge(db, user(request), keep, duplicate, request.auditContext, clock)
    return reply.code(status).view('modules/people/views/admin/merge-compare.njk', {
      pageTitle: 'Check the records before merging',
      section: 'merge',
      ...compared,
      keepId: keep,
      duplicateId: duplicate,
      values,
      errors: errors.list,
      fieldErrors: errors.byField,
      conflict: compared.problems.some((p) => p.confirmable),
    })
  }

  app.get('/admin/people/merge/compare', { config: { access: 'people.merge' } }, async (request, reply) => {
    const query = queryAnswers(request)
    const parsed = mergePairSchema.safeParse(query)
    if (!parsed.success) {
      const errors = formErrors(parsed.error)
      return reply.code(400).view('modules/people/views/admin/merge.njk', {
        pageTitle: 'Merge duplicate records',
        section: 'merge',
        values: keepAnswers(query),
        results: null,
        errors: errors.list,
        fieldErrors: errors.byField,
      })
    }
    try {
      return await renderCompare(request, reply, parsed.data.keep, parsed.data.duplicate, {})
    } catch (err) {
      if (err instanceof MergeRefusedError) {
        const errors = singleError(err.field, err.message)
        return reply.code(400).view('modules/people/views/admin/merge.njk', {
          pageTitle: 'Merge duplicate records',
          section: 'merge',
          values: keepAnswers(query),
          results: null,
          errors: errors.list,
          fieldErrors: errors.byField,
        })
      }
      throw err
    }
  })

  app.post('/admin/people/merge', { config: { access: 'people.merge' } }, async (request, reply) => {
    const answers = readAnswers(request)
    const values = keepAnswers(answers)
    const parsed = mergeSchema.safeParse(answers)
    const pair = mergePairSchema.safeParse(answers)
    if (!pair.success) return reply.code(400).redirect('/admin/people/merge', 303)
    const { keep, duplicate } = pair.data
    try {
      if (!parsed.success)
        return await renderCompare(request, reply, keep, duplicate, values, formErrors(parsed.error), 400)
      const mergeId = await mergePeople(
        db,
        user(request),
        {
          keptId: keep,
          duplicateId: duplicate,
          reason: parsed.data.reason,
          confirmConflict: parsed.data.confirmConflict,
        },
        request.auditContext,
        clock,
      )
      return reply.redirectWithMessage(
        '/admin/people/merges',
        `Record ${duplicate} merged into record ${keep} (merge ${mergeId})`,
      )
    } catch (err) {
      if (!(err instanceof MergeRefusedError)) throw err
      try {
        return await renderCompare(
          request,
          reply,
          keep,
          duplicate,
          values,
          singleError(err.field, err.message),
          409,
        )
      } catch (again) {
        // One of the records does not exist: back to choosing them.
        if (!(again instanceof MergeRefusedError)) throw again
        const errors = singleError(again.field, again.message)
        return reply.code(409).view('modules/people/views/admin/merge.njk', {
          pageTitle: 'Merge duplicate records',
          section: 'merge',
          values,
          results: null,
          errors: errors.list,
          fieldErrors: errors.byField,
        })
      }
    }
  })
}

/** Merges made, and reversing one. */
function mergeHistoryRoutes(app: FastifyInstance, { db, clock }: AdminDeps) {
  app.get('/admin/people/merges', { config: { access: 'people.merge' } }, async (request, reply) => {
    const merges = await listMerges(db, user(request), clock)
    return reply.view('modules/people/views/admin/merges.njk', {
      pageTitle: 'Merged records',
      section: 'merges',
      merges,
    })
  })

  const renderReverse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { context: id, values, errors, status }: ShownForm<number>,
  ) => {
    const merge = await loadMerge(db, user(request), id, clock)
    return reply.code(status).view('platform/admin/views/reason.njk', {
      pageTitle: 'Reverse a merge',
      section: 'merges',
      back: '/admin/people/merges',
      action: `/admin/people/merges/${id}/reverse`,
      rows: [
        {
          key: { text: 'Record kept' },
          value: { text: `${merge.kept_given} ${merge.kept_family} (record ${merge.kept_person_id})` },
        },
        {
          key: { text: 'Duplicate merged' },
          value: { text: `${merge.dup_given} ${merge.dup_family} (record ${merge.merged_person_id})` },
        },
        { key: { text: 'Reason for the merge' }, value: { text: merge.reason } },
      ],
      explanation:
        'Everything moved by the merge goes back to the duplicate record, which becomes a record of its own again.',
      reasonLabel: 'Why is the merge being reversed?',
      buttonText: 'Reverse the merge',
      done: merge.reversed_at !== null,
      values: values ?? {},
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/people/merges/:id/reverse',
    access: 'people.merge',
    subject: { kind: 'person_merge' },
    load: (request) => found(idParam(request)),
    render: renderReverse,
    schema: reasonSchema('the merge is being reversed'),
    save: (request, { reason }, id) =>
      reverseMerge(db, user(request), id, reason, request.auditContext, clock),
    done: (_answers, id) => ({ to: '/admin/people/merges', text: `Merge ${id} reversed` }),
    refusal: (err) => (err instanceof MergeRefusedError ? { field: 'reason', message: err.message } : null),
  })
}

/** Partner agencies: the list, adding one, disabling one. */
function agencyRoutes(app: FastifyInstance, { db, clock }: AdminDeps) {
  app.get('/admin/agencies', { config: { access: 'agencies.manage' } }, async (request, reply) => {
    const agencies = (await listAgencies(db, user(request), clock)).map((a) => ({
      ...a,
      kindText: labelFor(AGENCY_KINDS, a.kind),
      sourceText: a.referral_source
        ? `${a.referral_source}: ${labelFor(REFERRAL_SOURCES, a.referral_source)}`
        : null,
      staff: Number(a.staff),
    }))
    return reply.view('modules/people/views/admin/agencies.njk', {
      pageTitle: 'Partner agencies',
      section: 'agencies',
      agencies,
    })
  })

  const renderAgencyForm = async (
    _request: FastifyRequest,
    reply: FastifyReply,
    { values: given, errors, status }: ShownForm<'new'>,
  ) => {
    const values = given ?? {}
    return reply.code(status).view('modules/people/views/admin/agency-new.njk', {
      pageTitle: 'Add a partner agency',
      section: 'agencies',
      values,
      kindItems: AGENCY_KINDS.map((k) => ({
        value: k.code,
        text: k.label,
        checked: values.kind === k.code,
      })),
      sourceItems: [
        { value: '', text: 'Select' },
        ...items(
          REFERRAL_SOURCES.map((c) => ({ code: c.code, label: `${c.code}: ${c.label}` })),
          keptText(values, 'referralSource'),
        ),
      ],
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/agencies/new',
    access: 'agencies.manage',
    load: () => 'new' as const,
    render: renderAgencyForm,
    schema: agencySchema,
    save: (request, agency, _key) => createAgency(db, user(request), agency, request.auditContext, clock),
    done: (agency, _key) => ({ to: '/admin/agencies', text: `${agency.name} added` }),
    refusal: organisationRefusal,
  })

  const renderAgencyDisable = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { context: id, values, errors, status }: ShownForm<number>,
  ) => {
    const agency = await loadAgency(db, user(request), id, clock)
    return reply.code(status).view('platform/admin/views/reason.njk', {
      pageTitle: `Disable ${agency.name}`,
      section: 'agencies',
      back: '/admin/agencies',
      action: `/admin/agencies/${id}/disable`,
      explanation:
        'A disabled agency is no longer offered on new contacts or accounts. Its past contacts keep its name.',
      reasonLabel: 'Why is the agency being disabled?',
      buttonText: 'Disable agency',
      done: agency.disabled_at !== null,
      values: values ?? {},
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/agencies/:id/disable',
    access: 'agencies.manage',
    subject: { kind: 'agency' },
    load: (request) => found(idParam(request)),
    render: renderAgencyDisable,
    schema: reasonSchema('the agency is being disabled'),
    save: (request, { reason }, id) =>
      disableAgency(db, user(request), id, reason, request.auditContext, clock),
    done: () => ({ to: '/admin/agencies', text: 'Agency disabled' }),
    refusal: organisationRefusal,
  })
}

/** Teams: the list, adding one, setting its manager. */
function teamRoutes(app: FastifyInstance, { db, clock }: AdminDeps) {
  app.get('/admin/teams', { config: { access: 'agencies.manage' } }, async (request, reply) => {
    const teams = (await listTeams(db, user(request), clock)).map((t) => ({
      ...t,
      kindText: labelFor(TEAM_KINDS, t.kind),
      members: Number(t.members),
    }))
    return reply.view('modules/people/views/admin/teams.njk', {
      pageTitle: 'Teams',
      section: 'teams',
      teams,
    })
  })

  const renderTeamForm = async (
    _request: FastifyRequest,
    reply: FastifyReply,
    { values: given, errors, status }: ShownForm<'new'>,
  ) => {
    const values = given ?? {}
    return reply.code(status).view('modules/people/views/admin/team-new.njk', {
      pageTitle: 'Add a team',
      section: 'teams',
      values,
      kindItems: TEAM_KINDS.map((k) => ({ value: k.code, text: k.label, checked: values.kind === k.code })),
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/teams/new',
    access: 'agencies.manage',
    load: () => 'new' as const,
    render: renderTeamForm,
    schema: teamSchema,
    save: (request, team, _key) => createTeam(db, user(request), team, request.auditContext, clock),
    done: (team, _key) => ({ to: '/admin/teams', text: `${team.name} added` }),
    refusal: organisationRefusal,
  })

  const renderManager = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { context: id, values, errors, status }: ShownForm<number>,
  ) => {
    const team = await loadTeam(db, user(request), id, clock)
    const selected = values?.managerId ?? String(team.manager_id ?? '')
    return reply.code(status).view('modules/people/views/admin/team-manager.njk', {
      pageTitle: `Set the manager of ${team.name}`,
      section: 'teams',
      team,
      managerItems: [
        { value: '', text: 'No manager', selected: selected === '' },
        ...(await managerCandidates(db)).map((m) => ({
          value: String(m.id),
          text: m.display_name,
          selected: selected === String(m.id),
        })),
      ],
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/teams/:id/manager',
    access: 'agencies.manage',
    subject: { kind: 'team' },
    load: (request) => found(idParam(request)),
    render: renderManager,
    schema: teamManagerSchema,
    save: (request, { managerId }, id) =>
      setTeamManager(db, user(request), id, managerId, request.auditContext, clock),
    done: () => ({ to: '/admin/teams', text: 'Team manager saved' }),
    refusal: organisationRefusal,
  })
}

/** Each member of staff's team, agency and job title. */
function staffRoutes(app: FastifyInstance, { db, clock }: AdminDeps) {
  const renderStaff = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { context: username, values, errors, status }: ShownForm<string>,
  ) => {
    const staff = await loadStaff(db, user(request), username, clock)
    const v = values ?? {
      teamId: String(staff.team_id ?? ''),
      agencyId: String(staff.agency_id ?? ''),
      jobTitle: staff.job_title ?? '',
      swRegistration: staff.sw_registration ?? '',
    }
    const teams = await teamChoices(db)
    const agencies = await agencyChoices(db)
    return reply.code(status).view('modules/people/views/admin/user-edit.njk', {
      pageTitle: `Change ${staff.display_name}’s team and job`,
      section: 'users',
      staff,
      roleName: ROLE_NAMES[staff.role as Role] ?? staff.role,
      values: v,
      teamItems: [
        { value: '', text: 'No team', selected: v.teamId === '' },
        ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: v.teamId === String(t.id) })),
      ],
      agencyItems: [
        { value: '', text: 'No agency', selected: v.agencyId === '' },
        ...agencies
          .filter((a) => a.disabled_at === null || String(a.id) === v.agencyId)
          .map((a) => ({ value: String(a.id), text: a.name, selected: v.agencyId === String(a.id) })),
      ],
      errors: errors.list,
      fieldErrors: errors.byField,
    })
  }

  formRoute(app, {
    path: '/admin/users/:username/edit',
    access: 'users.manage',
    subject: { kind: 'staff_account' },
    load: (request) => (request.params as { username: string }).username,
    render: renderStaff,
    schema: staffSchema,
    save: (request, staff, username) =>
      updateStaff(db, user(request), username, staff, request.auditContext, clock),
    done: (_answers, username) => ({ to: '/admin/users', text: `${username}’s details saved` }),
    refusal: organisationRefusal,
  })
}
