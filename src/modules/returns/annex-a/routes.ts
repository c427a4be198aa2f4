/**
 * The performance officers' page for Ofsted's Annex A: choose a period, download the workbook.
 * The form is a GET (nothing is changed); the download streams the workbook as it is written. No
 * URL names a record, so there is no subject: the service audits each export itself.
 */
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { londonDate } from '../../../platform/calendar/dates.js'
import { answerRefusal } from '../../../platform/http/errors.js'
import { NO_ERRORS, queryAnswers, type FormErrors } from '../../../platform/http/form.js'
import { requireUser } from '../../../platform/http/request-context.js'
import type { ReturnsDeps } from '../upload/service.js'
import { ANNEX_A_LISTS, choosePeriod, notHeldMessage, PeriodError, type Period } from './model.js'
import { exportAnnexA } from './service.js'

const ACCESS = 'returns.validate'

export function annexARoutes(deps: ReturnsDeps) {
  return async (app: FastifyInstance) => {
    const today = () => londonDate(deps.clock.now().getTime())

    const showForm = (
      reply: FastifyReply,
      values: { from: string; to: string },
      errors: FormErrors,
      status: 200 | 400,
    ) =>
      reply.code(status).view('modules/returns/annex-a/views/annex-a.njk', {
        pageTitle: 'Ofsted Annex A lists',
        values,
        held: ANNEX_A_LISTS.filter((l) => l.held),
        notHeld: ANNEX_A_LISTS.filter((l) => !l.held).map((l) => notHeldMessage(l)),
        errors: errors.list,
        fieldErrors: errors.byField,
      })

    app.get('/returns/annex-a', { config: { access: ACCESS } }, async (_request, reply) =>
      showForm(reply, choosePeriod(undefined, undefined, today()), NO_ERRORS, 200),
    )

    app.get('/returns/annex-a/workbook', { config: { access: ACCESS } }, async (request, reply) => {
      const answers = queryAnswers(request)
      const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
      const values = { from: text(answers.from), to: text(answers.to) }
      let period: Period
      try {
        period = choosePeriod(values.from || undefined, values.to || undefined, today())
      } catch (err) {
        if (!(err instanceof PeriodError)) throw err
        const message = err.message.charAt(0).toUpperCase() + err.message.slice(1)
        return showForm(
          reply,
          values,
          { list: [{ text: message, href: `#${err.field}` }], byField: { [err.field]: { text: message } } },
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
