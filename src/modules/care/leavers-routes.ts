/**
 * The care page's forms for the SSDA903's OC3 and OC2: a care leaver's contact around a birthday
 * (`/children/:id/care/leaver-contact`, once care has ended) and an outcome of a child looked
 * after (`/children/:id/care/outcomes/{offence,substance-misuse,sdq-reason}`, during care). Thin:
 * the platform has checked the child the URL names and audited; the schema checks the answers;
 * one service call saves, and its refusal comes back on its field with nothing saved.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { longDate } from '../../platform/calendar/dates.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectId } from '../../platform/http/subjects.js'
import { dayValues } from './model.js'
import {
  ACCOMMODATION,
  ACTIVITIES,
  contactWindow,
  IN_TOUCH,
  leaverContactSchema,
  leaverContactWords,
  ordinal,
} from './leavers-model.js'
import {
  leaversSection,
  notALeaverMessage,
  recordLeaverContact,
  recordOutcome,
  type LeaversSection,
} from './leavers-service.js'
import { OUTCOMES, outcomeSchema, outcomeWords, type OutcomeKind } from './outcomes-model.js'
import { careRecord, type CareDeps, type CareRecord } from './service.js'
import { named, carePath, careStateRefusal as refusal, careForm as form } from './route-parts.js'

const FORM = 'modules/care/views/leavers-form.njk'

/** The care page's sections: OC2's outcomes during care, a care leaver's contacts after it. */
export async function leaversView(deps: CareDeps, record: CareRecord) {
  const s = await leaversSection(deps.db, record.child.id, record.child.date_of_birth, deps.clock.now())
  const byAge = new Map(s.contacts.map((c) => [c.age, c]))
  const leaver = s.leaver.status.leaver
    ? {
        careEnded: s.leaver.careEnded,
        birthdays: s.leaver.birthdays.map((b) => {
          const c = byAge.get(b.age)
          return {
            ...b,
            label: `${ordinal(b.age)} birthday, ${longDate(b.birthday)}`,
            text: c
              ? `${leaverContactWords({ age: b.age, inTouch: c.in_touch, activity: c.activity, accommodation: c.accommodation }).replace(/^\d+\w\w birthday: (.)/, (_m, first: string) => first.toUpperCase())}. Contact ${longDate(c.contact_on)}`
              : !b.asked
                ? 'Not asked: still looked after on the birthday'
                : b.from > s.today
                  ? `Due from ${longDate(b.from)} to ${longDate(b.to)}`
                  : b.to >= s.today
                    ? `Due by ${longDate(b.to)}`
                    : `Not recorded (the window closed ${longDate(b.to)})`,
            recorded: c !== undefined,
          }
        }),
        canRecord: s.recordable.length > 0,
      }
    : null
  if (!record.open && !leaver && s.outcomes.length === 0) return null
  return {
    leaver,
    outcomes: s.outcomes.map((o) => ({ ...o, text: outcomeWords(o) })),
    outcomeLinks: Object.values(OUTCOMES).map((o) => ({ path: o.path, text: o.title })),
  }
}

type Load = { record: CareRecord; section: LeaversSection }

export function leaversRoutes(deps: CareDeps) {
  const load = async (request: FastifyRequest): Promise<Load> => {
    const record = await careRecord(deps, subjectId(request))
    return {
      record,
      section: await leaversSection(deps.db, record.child.id, record.child.date_of_birth, deps.clock.now()),
    }
  }
  const notNow = (reply: FastifyReply, record: CareRecord, title: string, paragraph: string) =>
    reply.code(409).view('platform/views/message.njk', {
      pageTitle: title,
      paragraphs: [paragraph],
      links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
    })
  const shown = (
    reply: FastifyReply,
    status: number,
    record: CareRecord,
    page: { kind: string; title: string; action: string; button: string; values: KeptAnswers },
    errors: Parameters<typeof errorView>[0],
    extra: Record<string, unknown>,
  ) =>
    reply.code(status).view(FORM, {
      pageTitle: `${page.title}: ${named(record.child)}`,
      heading: page.title,
      kind: page.kind,
      childName: named(record.child),
      action: `${carePath(record.child.id)}/${page.action}`,
      backPath: carePath(record.child.id),
      button: page.button,
      values: page.values,
      ...errorView(errors),
      ...extra,
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/care/leaver-contact',
      access: 'child.edit',
      subject: form('leaver_contact'),
      load,
      schema: () => leaverContactSchema(deps.clock.now()),
      render: (request, reply, { context: { record, section }, values, errors, status }) => {
        const { leaver } = section
        if (!leaver.status.leaver)
          return notNow(
            reply,
            record,
            `${named(record.child)} is not a care leaver`,
            notALeaverMessage(leaver.status),
          )
        if (section.recordable.length === 0)
          return notNow(
            reply,
            record,
            'No birthday to record yet',
            `The SSDA903 asks about contact from 3 months before each birthday from the 17th to the 21st; the next opens ${longDate(leaver.birthdays.find((b) => b.asked && b.from > section.today)?.from ?? section.today)}.`,
          )
        const asked = Number((request.query as Record<string, unknown>).age)
        const chosen = section.recordable.find((b) => b.age === asked) ?? section.recordable.at(-1)
        const existing = section.contacts.find((c) => c.age === chosen?.age)
        const v: KeptAnswers = values ?? {
          age: String(chosen?.age ?? ''),
          ...(existing
            ? {
                ...dayValues('contact', existing.contact_on),
                inTouch: existing.in_touch,
                activity: existing.activity === '0' ? '' : existing.activity,
                accommodation: existing.accommodation === '0' ? '' : existing.accommodation.charAt(0),
                suitable:
                  existing.accommodation === '0' ? '' : existing.accommodation.endsWith('1') ? 'yes' : 'no',
              }
            : {}),
        }
        const radio = (list: readonly { code: string; label: string }[], chosenCode: unknown) =>
          list.map((c) => ({ value: c.code, text: `${c.code}: ${c.label}`, checked: chosenCode === c.code }))
        return shown(
          reply,
          status,
          record,
          {
            kind: 'leaver-contact',
            title: 'Record contact with a care leaver',
            action: 'leaver-contact',
            button: 'Save the contact',
            values: v,
          },
          errors,
          {
            careEnded: leaver.careEnded,
            ageItems: section.recordable.map((b) => {
              const w = contactWindow(b.birthday)
              return {
                value: String(b.age),
                text: `${ordinal(b.age)} birthday, ${longDate(b.birthday)}`,
                hint: {
                  text: `Contact from ${longDate(w.from)} to ${longDate(w.to)}${section.contacts.some((c) => c.age === b.age) ? '. Recorded: saving corrects it' : ''}`,
                },
                checked: v.age === String(b.age),
              }
            }),
            inTouchItems: radio(IN_TOUCH, v.inTouch),
            activityItems: [
              { value: '', text: 'Select what they are doing' },
              ...ACTIVITIES.map((c) => ({
                value: c.code,
                text: `${c.code}: ${c.label}`,
                selected: v.activity === c.code,
              })),
            ],
            accommodationItems: [
              { value: '', text: 'Select where they live' },
              ...ACCOMMODATION.map((c) => ({
                value: c.code,
                text: `${c.code}: ${c.label}`,
                selected: v.accommodation === c.code,
              })),
            ],
            suitableItems: [
              { value: 'yes', text: 'Suitable', checked: v.suitable === 'yes' },
              { value: 'no', text: 'Not suitable', checked: v.suitable === 'no' },
            ],
          },
        )
      },
      save: (request, input) =>
        recordLeaverContact(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { record }) => ({
        to: `${carePath(record.child.id)}#care-leaver`,
        text: `Contact around the ${ordinal(input.age)} birthday recorded`,
      }),
      refusal,
      notAllowedTitle: 'You cannot change this young person’s record',
    })

    for (const [kind, o] of Object.entries(OUTCOMES) as [OutcomeKind, (typeof OUTCOMES)[OutcomeKind]][]) {
      formRoute(app, {
        path: `/children/:id/care/outcomes/${o.path}`,
        access: 'child.edit',
        subject: form(kind),
        load,
        schema: () => outcomeSchema(kind, deps.clock.now()),
        render: (_request, reply, { context: { record }, values, errors, status }) => {
          if (!record.open)
            return notNow(
              reply,
              record,
              `${named(record.child)} is not looked after`,
              'These outcomes are recorded while the child is looked after.',
            )
          const v: KeptAnswers = values ?? {}
          return shown(
            reply,
            status,
            record,
            { kind: 'outcome', title: o.title, action: `outcomes/${o.path}`, button: 'Save', values: v },
            errors,
            {
              periodStart: record.open.start_date,
              question: o.question,
              dateLegend: o.date,
              codeItems: o.codes.map((c) => ({ value: c.code, text: c.label, checked: v.code === c.code })),
              outcomeKind: kind,
            },
          )
        },
        save: (request, input) =>
          recordOutcome(deps, requireUser(request), subjectId(request), input, request.auditContext),
        done: (input, { record }) => ({
          to: `${carePath(record.child.id)}#outcomes`,
          text: `${outcomeWords(input)}: recorded`,
        }),
        refusal,
        notAllowedTitle: 'You cannot change this child’s care record',
        submission: { already: 'This outcome was already recorded', link: 'See the child’s care record' },
      })
    }
  }
}
