/**
 * The performance officers' page for Ofsted's Annex A: choose a period, download the workbook.
 * The form is a GET (nothing is changed); the download streams the workbook as it is written. No
 * URL names a record, so there is no subject: the service audits each export itself.
 */
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { dateFromParts, londonDate } from '../../../platform/calendar/dates.js'
import { answerRefusal } from '../../../platform/http/errors.js'
import { NO_ERRORS, queryAnswers, type FormErrors } from '../../../platform/http/form.js'
import { requireUser } from '../../../platform/http/request-context.js'
import type { ReturnsDeps } from '../upload/service.js'
import { ANNEX_A_LISTS, choosePeriod, PeriodError, type Period } from './model.js'
import { exportAnnexA } from './service.js'

const ACCESS = 'returns.validate'

export function annexARoutes(deps: ReturnsDeps) {
  return async (app: FastifyInstance) => {
    const today = () => londonDate(deps.clock.now().getTime())

    type Boxes = Record<string, string>
    const boxesOf = (iso: string, name: string): Boxes => {
      const [y = '', m = '', d = ''] = iso.split('-')
      return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
    }

    const showForm = (reply: FastifyReply, values: Boxes, errors: FormErrors, status: 200 | 400) =>
      reply.code(status).view('modules/returns/annex-a/views/annex-a.njk', {
        pageTitle: 'Ofsted Annex A lists',
        values,
        lists: ANNEX_A_LISTS,
        errors: errors.list,
        fieldErrors: errors.byField,
      })

    app.get('/returns/annex-a', { config: { access: ACCESS } }, async (_request, reply) => {
      const period = choosePeriod(undefined, undefined, today())
      return showForm(reply, { ...boxesOf(period.from, 'from'), ...boxesOf(period.to, 'to') }, NO_ERRORS, 200)
    })

    app.get('/returns/annex-a/workbook', { config: { access: ACCESS } }, async (request, reply) => {
      const answers = queryAnswers(request)
      const text = (name: string) => (typeof answers[name] === 'string' ? answers[name].trim() : '')
      const values: Boxes = {}
      for (const name of ['from', 'to'])
        for (const part of ['day', 'month', 'year']) values[`${name}-${part}`] = text(`${name}-${part}`)
      // A date left empty takes its default (the end: today; the start: 12 months before the end).
      const dateOf = (name: 'from' | 'to', words: string) => {
        const parts = ['day', 'month', 'year'].map((p) => values[`${name}-${p}`] ?? '')
        if (parts.every((p) => p === '')) return undefined
        const iso = dateFromParts(parts[0] as string, parts[1] as string, parts[2] as string)
        if (iso === null) throw new PeriodError(`${words} must be a real date, for example 1 4 2025`, name)
        return iso
      }
      let period: Period
      try {
        period = choosePeriod(
          dateOf('from', 'The first day of the period'),
          dateOf('to', 'The last day of the period'),
          today(),
        )
      } catch (err) {
        if (!(err instanceof PeriodError)) throw err
        const message = err.message.charAt(0).toUpperCase() + err.message.slice(1)
        return showForm(
          reply,
          values,
          {
            list: [{ text: message, href: `#${err.field}-day` }],
            byField: { [err.field]: { text: message } },
          },
          400,
        )
      }
      let write
      try {
        write = await exportAnnexA(deps.db, { role: requireUser(request).role }, request.auditContext, period)
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot export Ofsted’s Annex A lists')
      }
      const out = new PassThrough()
      write(out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))))
      reply.header('Cache-Control', 'no-store')
      reply.header(
        'Content-Disposition',
        `attachment; filename="annex-a-${period.from}-to-${period.to}.xlsx"`,
      )
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      return reply.send(out)
    })
  }
}
