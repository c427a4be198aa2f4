/**
 * The digest's download: `GET /performance/digest/download?period=2025/26&area=…&format=…`, the
 * figures as CSV or XLSX or the committee report as DOCX or PDF, for roles with
 * `performance.view`. No URL names a record, so there is no subject: the service audits each
 * download. A period, area or format that is not one gets a page saying what to write instead.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { answerRefusal } from '../../platform/http/errors.js'
import { queryAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import type { ModuleDeps } from '../../platform/modules.js'
import { CollectionYearError } from '../returns/collection-year.js'
import { DIGEST_FORMATS, downloadDigest, isDigestFormat } from './exports.js'
import { AreaError, parseArea, PeriodError, type Area } from './model.js'

const ACCESS = 'performance.view'

function cannotDownload(reply: FastifyReply, problem: string): FastifyReply {
  return reply.code(400).view('platform/views/message.njk', {
    pageTitle: 'The digest could not be downloaded',
    paragraphs: [
      problem,
      'The address needs a period such as 2025/26, an area (authority, team:<team name> or worker:<username>) and a format (csv, xlsx, docx or pdf).',
    ],
  })
}

export function digestExportRoutes(deps: ModuleDeps) {
  const digestDeps = { db: deps.db, clock: deps.clock, onsCode: deps.config.returns.authorityOnsCode }
  return async (app: FastifyInstance) => {
    app.get('/performance/digest/download', { config: { access: ACCESS } }, async (request, reply) => {
      const query = queryAnswers(request)
      const text = (name: string) => (typeof query[name] === 'string' ? query[name].trim() : '')
      const period = text('period')
      const format = text('format')
      if (period === '')
        return cannotDownload(reply, 'Say which collection year, for example period=2025/26.')
      if (!isDigestFormat(format))
        return cannotDownload(
          reply,
          format === ''
            ? `Say which format: ${DIGEST_FORMATS.join(', ')}.`
            : `"${format}" is not a format the digest is published in: choose ${DIGEST_FORMATS.join(', ')}.`,
        )
      let area: Area
      try {
        area = parseArea(text('area') || undefined)
      } catch (err) {
        if (err instanceof AreaError) return cannotDownload(reply, err.message)
        throw err
      }
      let file
      try {
        file = await downloadDigest(digestDeps, requireUser(request), request.auditContext, {
          period,
          area,
          format,
        })
      } catch (err) {
        if (err instanceof AreaError || err instanceof PeriodError || err instanceof CollectionYearError)
          return cannotDownload(reply, err.message)
        return answerRefusal(reply, err, 'You cannot download the performance digest')
      }
      reply.header('Cache-Control', 'no-store')
      reply.header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      reply.type(file.mediaType)
      return reply.send(file.bytes)
    })
  }
}
