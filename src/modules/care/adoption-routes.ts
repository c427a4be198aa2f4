/**
 * The form that records a period's adoption record (the decision, its reversal, the match with
 * the adopters) and the care page's "Adoption and permanence" section, with the adoption
 * scorecard's intervals. Thin: the platform has checked the child the URL names and audited; the
 * schema checks the answers; one service call saves, and its refusal comes back on its field with
 * nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { longDate } from '../../platform/calendar/dates.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import {
  ADOPTER_LEGAL_STATUSES,
  ADOPTER_SEXES,
  ADOPTION_ORDERS,
  adoptionIntervals,
  adoptionMilestones,
  adoptionSchema,
  REVERSAL_REASONS,
  SPECIAL_GUARDIANSHIP,
} from './adoption-model.js'
import { adoptionRecords, recordAdoption } from './adoption-service.js'
import { codeText, dayValues, PLACEMENT_TYPES, REASONS_CEASED, type Code } from './model.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal } from './route-parts.js'

const FORM = 'modules/care/views/adoption-form.njk'
const SUBJECT: RouteSubject = { kind: 'child', auditAction: 'care.view', auditDetail: { form: 'adoption' } }
const dayWords = (n: number) => (n === 1 ? '1 day' : `${n} days`)

type AdoptionRow = Awaited<ReturnType<typeof adoptionRecords>>[number]

/** The care page's section: each period with an adoption or special guardianship milestone. */
export async function adoptionView(deps: CareDeps, record: CareRecord) {
  const rows = await adoptionRecords(deps, record.child.id)
  const periods = record.periods.flatMap((p) => {
    const a = rows.find((r) => r.period_id === p.id)
    const milestones = adoptionMilestones(
      p.episodes.map((e) => ({
        start: e.start_date,
        rne: e.rne,
        legalStatus: e.legal_status,
        place: e.place,
      })),
    )
    const adopted = p.reason_ceased !== null && ADOPTION_ORDERS.has(p.reason_ceased)
    const sgo = p.reason_ceased !== null ? (SPECIAL_GUARDIANSHIP[p.reason_ceased] ?? null) : null
    if (!a && !adopted && !sgo && milestones.placementOrderOn === null && milestones.placedOn === null)
      return []
    const intervals = adoptionIntervals({
      periodStart: p.start_date,
      milestones,
      matchedOn: a?.matched_on ?? null,
    })
    return [
      {
        period: p,
        rows: milestoneRows(a, milestones, p, adopted, sgo),
        intervals: {
          enteredCareToMovedIn:
            intervals.enteredCareToMovedIn === null ? null : dayWords(intervals.enteredCareToMovedIn),
          placementOrderToMatch:
            intervals.placementOrderToMatch === null ? null : dayWords(intervals.placementOrderToMatch),
        },
      },
    ]
  })
  if (!record.open && periods.length === 0) return null
  return { periods, openRecorded: record.open !== null && rows.some((r) => r.period_id === record.open?.id) }
}

function milestoneRows(
  a: AdoptionRow | undefined,
  m: ReturnType<typeof adoptionMilestones>,
  p: CareRecord['periods'][number],
  adopted: boolean,
  sgo: string | null,
) {
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } })
  const out = [
    row(
      'Decision to place for adoption',
      a ? `${longDate(a.decided_on)}, by ${a.decision_maker}` : 'Not recorded',
    ),
    row(
      'Placement order',
      m.placementOrderOn
        ? `${longDate(m.placementOrderOn)} (legal status E1)`
        : 'Not recorded as a legal status',
    ),
    row(
      'Matched with adopters',
      a?.matched_on
        ? `${longDate(a.matched_on)}: ${codeText(ADOPTER_SEXES, a.adopter_sexes)}; ${codeText(ADOPTER_LEGAL_STATUSES, a.adopter_legal_status)}; ${a.by_foster_carers ? 'the child’s foster carers' : 'not the child’s foster carers'}`
        : 'Not recorded',
    ),
    row(
      'Placed for adoption',
      m.placedOn ? `${longDate(m.placedOn)} (${codeText(PLACEMENT_TYPES, m.placedPlace)})` : 'Not placed',
    ),
    row(
      'Adoption order',
      adopted && p.end_date
        ? `${longDate(p.end_date)} (${codeText(REASONS_CEASED, p.reason_ceased)})`
        : 'Not made',
    ),
  ]
  if (a?.reversed_on)
    out.push(
      row(
        'Decision reversed',
        `${longDate(a.reversed_on)}: ${codeText(REVERSAL_REASONS, a.reversal_reason)}`,
      ),
    )
  if (sgo && p.end_date)
    out.push(row('Special guardianship order', `${longDate(p.end_date)} (${p.reason_ceased}): ${sgo}`))
  return out
}

const radio = (list: readonly Code[], chosen: unknown) =>
  list.map((c) => ({ value: c.code, text: `${c.code}: ${c.label}`, checked: chosen === c.code }))

export function adoptionRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest) => {
    const record = await careRecord(deps, subjectId(request))
    const rows = await adoptionRecords(deps, record.child.id)
    return { record, saved: rows.find((r) => r.period_id === record.open?.id) ?? null }
  }
  const notInCare = (reply: FastifyReply, record: CareRecord) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: `${named(record.child)} is not looked after`,
      paragraphs: [
        'The decision to place for adoption and the match are recorded while the child is looked after.',
      ],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/adoption',
      access: 'child.edit',
      subject: SUBJECT,
      load,
      schema: () => adoptionSchema(deps.clock.now()),
      render: (_request, reply, { context: { record, saved }, values, errors, status }) => {
        if (!record.open) return notInCare(reply, record)
        const v: KeptAnswers = values ?? {
          matched: saved ? (saved.matched_on ? 'yes' : 'no') : '',
          reversed: saved ? (saved.reversed_on ? 'yes' : 'no') : '',
          ...(saved
            ? {
                ...dayValues('decision', saved.decided_on),
                decisionMaker: saved.decision_maker,
                ...(saved.matched_on ? dayValues('match', saved.matched_on) : {}),
                adopters: saved.adopters === null ? '' : String(saved.adopters),
                sexes: saved.adopter_sexes ?? '',
                legalStatus: saved.adopter_legal_status ?? '',
                fosterCarers: saved.by_foster_carers === null ? '' : saved.by_foster_carers ? 'yes' : 'no',
                ...(saved.reversed_on ? dayValues('reversal', saved.reversed_on) : {}),
                reversalReason: saved.reversal_reason ?? '',
              }
            : {}),
        }
        const yesNo = (name: string) =>
          ['yes', 'no'].map((value) => ({
            value,
            text: value === 'yes' ? 'Yes' : 'No',
            checked: v[name] === value,
          }))
        const title = saved ? 'Correct the adoption record' : 'Record the decision to place for adoption'
        return reply.code(status).view(FORM, {
          pageTitle: `${title}: ${named(record.child)}`,
          heading: title,
          childName: named(record.child),
          action: `${carePath(record.child.id)}/adoption`,
          backPath: carePath(record.child.id),
          periodStart: record.open.start_date,
          values: v,
          ...errorView(errors),
          matchedItems: yesNo('matched'),
          reversedItems: yesNo('reversed'),
          fosterItems: yesNo('fosterCarers'),
          adoptersItems: ['1', '2'].map((value) => ({
            value,
            text: value === '1' ? 'One' : 'Two',
            checked: v.adopters === value,
          })),
          sexItems: radio(ADOPTER_SEXES, v.sexes),
          legalStatusItems: radio(ADOPTER_LEGAL_STATUSES, v.legalStatus),
          reasonItems: radio(REVERSAL_REASONS, v.reversalReason),
        })
      },
      save: (request, input) =>
        recordAdoption(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, { record }) => ({
        to: `${carePath(record.child.id)}#adoption`,
        text: 'Adoption record saved',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this child’s care record',
    })
  }
}
