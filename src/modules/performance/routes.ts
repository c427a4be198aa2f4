/**
 * The digest's pages (issue 18): the digest for a period and an area, one measure with its trend
 * and comparators, and the children behind a figure. Thin: read the URL, call the engine, render.
 * Every page needs `performance.view`; the children page lists only children the reader may see,
 * and the engine audits each one listed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, queryAnswers } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import type { ModuleDeps } from '../../platform/modules.js'
import { CollectionYearError } from '../returns/collection-year.js'
import { digestFor, drillDown, qualityList, teamFigures, type DigestDeps } from './digest.js'
import { areaChoices } from './digest-store.js'
import { AreaError, areaLabel, monthLabel, PeriodError } from './model.js'
import {
  areaParam,
  digestHref,
  digestView,
  figureView,
  parseDigestQuery,
  periodChoices,
  periodMeaning,
  sourceText,
  teamRows,
  type DigestQuery,
} from './pages.js'

const ACCESS = { access: 'performance.view' } as const
const VIEWS = 'modules/performance/views'

/** The formats the download route (export-routes.ts) writes, in the order the page lists them. */
const DOWNLOADS = [
  { format: 'csv', text: 'CSV (spreadsheet, plain text)' },
  { format: 'xlsx', text: 'Excel workbook (XLSX)' },
  { format: 'docx', text: 'Word document (DOCX)' },
  { format: 'pdf', text: 'PDF' },
]

/** A period or area the engine refuses: the error summary names the field. */
function badQuery(err: unknown): { field: 'period' | 'area'; text: string } | null {
  if (err instanceof CollectionYearError || err instanceof PeriodError)
    return { field: 'period', text: err.message }
  if (err instanceof AreaError) return { field: 'area', text: err.message }
  return null
}

export function performanceRoutes(deps: ModuleDeps) {
  const { db, clock, config } = deps
  const engine: DigestDeps = { db, clock, onsCode: config.returns.authorityOnsCode }
  const today = () => londonToday(clock.now())

  /** The form's choices, with what the reader asked for selected (kept even when it is wrong). */
  async function formChoices(kept: { period: string; area: string }) {
    const { teams, workers } = await areaChoices(db)
    const periods = periodChoices(today())
    if (!periods.includes(kept.period)) periods.push(kept.period)
    const areas = [
      { value: 'authority', text: 'Whole authority' },
      ...teams.map((t) => ({ value: `team:${t}`, text: `Team: ${t}` })),
      ...workers.map((w) => ({ value: `worker:${w.username}`, text: `Worker: ${w.name} (${w.team})` })),
    ]
    if (!areas.some((a) => a.value === kept.area)) areas.push({ value: kept.area, text: kept.area })
    return {
      periods: periods.map((p) => ({ value: p, text: p, selected: p === kept.period })),
      areas: areas.map((a) => ({ ...a, selected: a.value === kept.area })),
    }
  }

  /** The page again with an error summary, and a 400: nothing is counted for a wrong question. */
  async function refuseQuery(
    reply: FastifyReply,
    kept: { period: string; area: string },
    errors: { list: { text: string; href: string }[]; byField: Record<string, { text: string }> },
  ) {
    return reply.code(400).view(`${VIEWS}/digest.njk`, {
      pageTitle: 'Performance digest',
      form: await formChoices(kept),
      ...errorView(errors),
    })
  }

  function readQuery(request: FastifyRequest) {
    return parseDigestQuery(queryAnswers(request), today())
  }

  return async (app: FastifyInstance) => {
    app.get('/performance/digest', { config: ACCESS }, async (request, reply) => {
      const user = requireUser(request)
      const asked = readQuery(request)
      if (!asked.ok) return refuseQuery(reply, asked.kept, asked.errors)
      const q = asked.data
      const kept = { period: q.period, area: areaParam(q.area) }
      try {
        const digest = await digestFor(engine, user, q)
        return reply.view(`${VIEWS}/digest.njk`, {
          pageTitle: `Performance digest: ${areaLabel(q.area)}, ${q.period}`,
          form: await formChoices(kept),
          view: digestView(digest, q),
          downloads: DOWNLOADS.map((d) => ({
            ...d,
            href: digestHref('/performance/digest/download', q, { format: d.format }),
          })),
        })
      } catch (err) {
        const bad = badQuery(err)
        if (bad)
          return refuseQuery(reply, kept, {
            list: [{ text: bad.text, href: `#${bad.field}` }],
            byField: { [bad.field]: { text: bad.text } },
          })
        return answerRefusal(reply, err, 'You cannot see performance figures')
      }
    })

    app.get('/performance/digest/measure', { config: ACCESS }, (request, reply) =>
      measurePage(request, reply, today(), async (user, q) => {
        const measureId = measureOf(request)
        const digest = await digestFor(engine, user, { ...q, measureId })
        const f = digest.figures[0]
        if (!f) throw new NotFoundError('There is no such measure with figures')
        // The authority's figure team by team; a team's or a worker's page is one area already.
        const teams =
          q.area.kind === 'authority'
            ? teamRows(f, await teamFigures(engine, user, { measureId, period: q.period }), q)
            : null
        return reply.view(`${VIEWS}/measure.njk`, {
          teams,
          pageTitle: f.title,
          periodLabel: digest.period.label,
          areaText: areaLabel(q.area),
          backHref: digestHref('/performance/digest', q),
          periodMeaning: periodMeaning(f.period),
          source: sourceText(f),
          f: figureView(f, q, 'large'),
        })
      }),
    )

    app.get('/performance/digest/children', { config: ACCESS }, (request, reply) =>
      measurePage(request, reply, today(), async (user, q) => {
        const query = queryAnswers(request)
        const part =
          query.part === 'numerator'
            ? 'numerator'
            : query.part === 'denominator' || query.part === undefined
              ? 'denominator'
              : null
        const month = typeof query.month === 'string' && query.month !== '' ? query.month : undefined
        if (part === null)
          return refuseMessage(reply, ['Choose the numerator or the denominator of the figure.'])
        if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
          return refuseMessage(reply, [`"${month.slice(0, 20)}" is not a month: write it as 2025-04.`])
        const found = await drillDown(engine, user, request.auditContext, {
          measureId: measureOf(request),
          period: q.period,
          area: q.area,
          part,
          ...(month ? { month } : {}),
        })
        const m = found.measure
        const words =
          m.figure === 'percentage' && found.part === 'numerator'
            ? `${m.numerator ?? 'in the numerator'}, of ${m.base}`
            : m.base
        return reply.view(`${VIEWS}/children.njk`, {
          pageTitle: `Children behind: ${m.title}`,
          measure: m,
          what: words.charAt(0).toUpperCase() + words.slice(1),
          when: month ? monthLabel(month) : q.period,
          areaText: areaLabel(q.area),
          measureHref: digestHref('/performance/digest/measure', q, { measure: m.id }),
          rows: found.rows,
          counted: found.counted,
          notShown: found.counted - found.rows.length,
        })
      }),
    )

    // The records whose missing or inconsistent data affects a figure, check by check, each with
    // a link to where it is put right: listed and audited as the children behind a figure are.
    app.get('/performance/digest/quality', { config: ACCESS }, (request, reply) =>
      measurePage(request, reply, today(), async (user, q) => {
        const list = await qualityList(engine, user, request.auditContext, {
          measureId: measureOf(request),
          period: q.period,
          area: q.area,
        })
        const { from, to } = list.span
        return reply.view(`${VIEWS}/quality.njk`, {
          pageTitle: `Records affecting: ${list.measure.title}`,
          list,
          when: from === to ? `at ${longDate(to)}` : `${longDate(from)} to ${longDate(to)}`,
          areaText: areaLabel(q.area),
          measureHref: digestHref('/performance/digest/measure', q, { measure: list.measure.id }),
          notShown: list.counted - list.listed,
        })
      }),
    )
  }
}

/**
 * A measure's page or its children: the period and area read from the URL, and a wrong one (or
 * one the engine refuses) answered with a 400 page; not allowed and not found as everywhere.
 */
async function measurePage(
  request: FastifyRequest,
  reply: FastifyReply,
  today: IsoDate,
  render: (user: CurrentUser, q: DigestQuery) => Promise<FastifyReply>,
) {
  const asked = parseDigestQuery(queryAnswers(request), today)
  if (!asked.ok)
    return refuseMessage(
      reply,
      asked.errors.list.map((e) => e.text),
    )
  try {
    return await render(requireUser(request), asked.data)
  } catch (err) {
    const bad = badQuery(err)
    if (bad) return refuseMessage(reply, [bad.text])
    return answerRefusal(reply, err, 'You cannot see performance figures')
  }
}

/**
 * The measure a page is about, from the query string: the platform asks a route whose path names
 * a record to declare it as a subject with a child's permission rules, and a measure is not one.
 */
function measureOf(request: FastifyRequest): string {
  const m = queryAnswers(request).measure
  return typeof m === 'string' ? m.slice(0, 100) : ''
}

/** A wrong period, area, part or month on a measure's pages: a 400 page saying what is wrong. */
function refuseMessage(reply: FastifyReply, paragraphs: string[]) {
  return reply.code(400).view('platform/views/message.njk', {
    pageTitle: 'There is a problem with that link',
    paragraphs,
    links: [{ href: '/performance/digest', text: 'Go to the performance digest' }],
  })
}
