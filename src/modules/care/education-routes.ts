/**
 * The education of a looked-after child: the forms that record the school, time missing
 * education, a PEP, attendance and an exclusion, the care page's education section, and the
 * virtual school's caseload. Thin: the platform has checked the child the URL names and audited;
 * the schema checks the answers; one service call saves, and its refusal comes back on its field
 * with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import { answerRefusal } from '../../platform/http/errors.js'
import {
  errorView,
  formRoute,
  queryAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import {
  attendanceSchema,
  EXCLUSION_KINDS,
  exclusionSchema,
  missingEndSchema,
  missingStartSchema,
  OFSTED_GRADES,
  PEP_QUALITIES,
  pepSchema,
  PROVISIONS,
  schoolSchema,
  termText,
  yearGroupText,
  type OfstedGrade,
  type Term,
} from './education-model.js'
import {
  educationSection,
  recordAttendance,
  recordExclusion,
  recordMissing,
  recordPep,
  recordSchool,
  virtualSchool,
} from './education-service.js'
import { openMissing } from './education-store.js'
import { dayValues } from './model.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal } from './route-parts.js'

const FORM = 'modules/care/views/education-form.njk'
const form = (name: string): RouteSubject => ({
  kind: 'child',
  auditAction: 'care.view',
  auditDetail: { form: `education_${name}` },
})
const gradeText = (g: OfstedGrade | null) => (g === null ? 'Not recorded' : OFSTED_GRADES[g])
const yesNo = (b: boolean) => (b ? 'Yes' : 'No')

/** Radios' items from a list of words, the kept answer checked. */
const radios = (list: Readonly<Record<string, string>>, chosen: unknown) =>
  Object.entries(list).map(([value, text]) => ({ value, text, checked: chosen === value }))

/** A date's three boxes filled with today, for a form shown the first time. */
const boxes = dayValues

/** The care page's education section, in words; null for a child never looked after. */
export async function educationView(deps: CareDeps, record: CareRecord, calendar: WorkingCalendar) {
  const s = await educationSection(deps, record.child, record.tasks)
  const any = s.schools.length + s.peps.length + s.attendance.length + s.exclusions.length + s.missing.length
  if (!record.open && any === 0) return null
  const latest = s.attendance[0]
  return {
    ...s,
    yearGroupText: yearGroupText(s.yearGroup),
    schoolText: s.current
      ? `${s.current.school_name}${s.current.urn ? ` (URN ${s.current.urn})` : ''}, ${s.current.school_la}, ${s.current.in_borough ? 'in borough' : 'out of borough'}`
      : null,
    gradeText: s.current ? gradeText(s.current.ofsted_grade) : null,
    nextPep: s.nextPep && {
      title: s.nextPep.title,
      due: describeDue(s.nextPep.due_at, deps.clock.now(), calendar),
    },
    latestAttendance: latest
      ? `${latest.percent}%, ${termText(latest.term, latest.academic_year).toLowerCase()} (as at ${longDate(latest.as_at)})`
      : null,
    latestAttendanceAsAt: latest?.as_at ?? null,
    schools: s.schools.map((x) => ({
      ...x,
      gradeText: gradeText(x.ofsted_grade),
      boroughText: x.in_borough ? 'In borough' : 'Out of borough',
    })),
    missing: s.missing.map((m) => ({ ...m, provisionText: PROVISIONS[m.provision] })),
    peps: s.peps.map((p) => ({
      ...p,
      qualityText: PEP_QUALITIES[p.quality],
      checksText: `Measurable targets: ${yesNo(p.measurable_targets)}. Child’s voice: ${yesNo(p.child_voice)}. Carers’ views: ${yesNo(p.carer_views)}`,
    })),
    attendance: s.attendance.map((a) => ({
      ...a,
      termText: termText(a.term, a.academic_year),
      sessionsText:
        a.sessions_possible === null ? '' : `${a.sessions_attended ?? 0} of ${a.sessions_possible} sessions`,
    })),
    exclusions: s.exclusions.map((x) => ({
      ...x,
      kindText: EXCLUSION_KINDS[x.kind],
      daysText: x.days === null ? '' : String(x.days),
    })),
  }
}

export function educationRoutes(deps: CareDeps) {
  const today = () => londonToday(deps.clock.now())
  const load = (request: FastifyRequest) => careRecord(deps, subjectId(request))
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: ['A looked-after child’s education is recorded while the child is looked after.'],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: {
      kind: string
      title: string
      path: string
      button: string
      values: KeptAnswers
      errors: FormErrors
    },
    extra: Record<string, unknown> = {},
  ) =>
    reply.code(status).view(FORM, {
      pageTitle: `${page.title}: ${named(record.child)}`,
      heading: page.title,
      kind: page.kind,
      childName: named(record.child),
      action: `${carePath(record.child.id)}/education/${page.path}`,
      backPath: carePath(record.child.id),
      button: page.button,
      values: page.values,
      ...errorView(page.errors),
      ...extra,
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/education/school',
      access: 'child.edit',
      subject: form('school'),
      load,
      schema: () => schoolSchema(today()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('start', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          record,
          {
            kind: 'school',
            title: 'Record the child’s school',
            path: 'school',
            button: 'Save the school',
            values: v,
            errors,
          },
          {
            boroughItems: radios(
              { yes: 'Yes, in this authority’s area', no: 'No, out of borough' },
              v.inBorough,
            ),
            gradeItems: radios(OFSTED_GRADES, v.ofstedGrade),
          },
        )
      },
      save: (request, input) =>
        recordSchool(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: `${carePath(record.child.id)}#education`, text: 'School recorded' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This school was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/education/missing',
      access: 'child.edit',
      subject: form('missing'),
      load,
      schema: () => missingStartSchema(today()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('from', today()), ...(values ?? {}) }
        return shown(
          reply,
          status,
          record,
          {
            kind: 'missing',
            title: 'Record the child as missing education',
            path: 'missing',
            button: 'Save',
            values: v,
            errors,
          },
          { provisionItems: radios(PROVISIONS, v.provision) },
        )
      },
      save: (request, input) =>
        recordMissing(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#education`,
        text: 'Missing education recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/education/missing/end',
      access: 'child.edit',
      subject: form('missing_end'),
      load: async (request) => {
        const record = await load(request)
        return { record, open: await openMissing(deps.db, record.child.id) }
      },
      schema: () => missingEndSchema(today()),
      render: (_request, reply, { context: { record, open }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        return shown(
          reply,
          status,
          record,
          {
            kind: 'missing-end',
            title: 'Record that missing education ended',
            path: 'missing/end',
            button: 'Save',
            values: { ...boxes('to', today()), ...(values ?? {}) },
            errors,
          },
          { missingFrom: open?.from_date ?? null },
        )
      },
      save: (request, input) =>
        recordMissing(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({
        to: `${carePath(record.child.id)}#education`,
        text: 'Missing education ended',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })

    formRoute(app, {
      path: '/children/:id/care/education/pep',
      access: 'child.edit',
      subject: form('pep'),
      load,
      schema: () => pepSchema(today()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('held', today()), ...(values ?? {}) }
        const checked = (name: string) => v[name] === 'yes'
        return shown(
          reply,
          status,
          record,
          {
            kind: 'pep',
            title: 'Record a personal education plan (PEP)',
            path: 'pep',
            button: 'Save the PEP',
            values: v,
            errors,
          },
          {
            qualityItems: radios(PEP_QUALITIES, v.quality),
            checkItems: [
              {
                name: 'measurableTargets',
                value: 'yes',
                text: 'Targets with measurable success criteria',
                checked: checked('measurableTargets'),
              },
              {
                name: 'childVoice',
                value: 'yes',
                text: 'The child’s voice captured',
                checked: checked('childVoice'),
              },
              {
                name: 'carerViews',
                value: 'yes',
                text: 'The carers’ views captured',
                checked: checked('carerViews'),
              },
            ],
          },
        )
      },
      save: (request, input) =>
        recordPep(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({
        to: `${carePath(record.child.id)}#education`,
        text: 'Personal education plan recorded',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This PEP was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/education/attendance',
      access: 'child.edit',
      subject: form('attendance'),
      load,
      schema: () => attendanceSchema(today()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('asat', today()), ...(values ?? {}) }
        return shown(reply, status, record, {
          kind: 'attendance',
          title: 'Record school attendance',
          path: 'attendance',
          button: 'Save the attendance',
          values: v,
          errors,
        })
      },
      save: (request, input) =>
        recordAttendance(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: `${carePath(record.child.id)}#education`, text: 'Attendance recorded' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This attendance was already recorded', link: 'See the child’s care record' },
    })

    formRoute(app, {
      path: '/children/:id/care/education/exclusion',
      access: 'child.edit',
      subject: form('exclusion'),
      load,
      schema: () => exclusionSchema(today()),
      render: (_request, reply, { context: record, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = { ...boxes('start', today()), ...(values ?? {}) }
        return shown(reply, status, record, {
          kind: 'exclusion',
          title: 'Record an exclusion',
          path: 'exclusion',
          button: 'Save the exclusion',
          values: v,
          errors,
        })
      },
      save: (request, input) =>
        recordExclusion(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, record) => ({ to: `${carePath(record.child.id)}#education`, text: 'Exclusion recorded' }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
      submission: { already: 'This exclusion was already recorded', link: 'See the child’s care record' },
    })

    // The virtual school's caseload: a list that names no record, so nothing for the platform to
    // resolve; the managers and the performance officer see it, the rows filtered to the children
    // the reader may see and audited as read.
    app.get('/virtual-school', { config: { access: 'performance.view' } }, async (request, reply) => {
      try {
        const asked = queryAnswers(request).borough
        const borough = asked === 'in' || asked === 'out' ? asked : null
        const view = await virtualSchool(deps, requireUser(request), request.auditContext, { borough })
        const now = deps.clock.now()
        return reply.view('modules/care/views/education-caseload.njk', {
          pageTitle: 'Virtual school: children looked after of school age',
          figures: view.figures,
          borough,
          filters: [
            { href: '/virtual-school', text: 'All', current: borough === null },
            { href: '/virtual-school?borough=in', text: 'In borough', current: borough === 'in' },
            { href: '/virtual-school?borough=out', text: 'Out of borough', current: borough === 'out' },
          ],
          rows: view.rows.map((r) => ({
            ...r,
            name: named(r),
            yearGroupText: yearGroupText(r.yearGroup),
            boroughText: r.in_borough === null ? '' : r.in_borough ? 'In borough' : 'Out of borough',
            gradeText: gradeText(r.ofsted_grade),
            pepDue: r.pep_due_at && londonToday(r.pep_due_at),
            attendanceText:
              r.attendance_percent === null || r.attendance_term === null || r.attendance_year === null
                ? 'Not recorded'
                : `${r.attendance_percent}% (${termText(r.attendance_term as Term, r.attendance_year).toLowerCase()})`,
          })),
          now,
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see the virtual school’s caseload')
      }
    })
  }
}
