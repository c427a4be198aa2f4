/**
 * The performance officers' pages for checking a return: the uploads, the upload form, each
 * upload's progress and report, its downloads, and deleting it early.
 *
 * The upload form sends files, so it is read by the platform's upload parts (http/uploads.ts)
 * with the one form helper's checks and error views; every other form here is a `formRoute`.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  checkAnswers,
  errorView,
  longAnswer,
  NO_ERRORS,
  formRoute,
  queryAnswers,
  type FormErrors,
  keptText,
  type KeptAnswers,
} from '../../../platform/http/form.js'
import { NotFoundError } from '../../../platform/http/errors.js'
import { pageFromQuery, paginationFor } from '../../../platform/http/paged-list.js'
import { requireUser } from '../../../platform/http/request-context.js'
import { subjectId } from '../../../platform/http/subjects.js'
import { receiveUpload } from '../../../platform/http/uploads.js'
import type { UploadedReturnFile } from '../../../platform/db/schema.js'
import type { Logger } from '../../../platform/logging.js'
import { UploadChecker } from './checker.js'
import {
  filterFromQuery,
  filterQuery,
  MAX_FILES_PER_UPLOAD,
  refuseFileName,
  reportViewFromQuery,
  RETURN_KINDS,
  sizeInWords,
  uploadProblems,
  uploadSchema,
  type ReturnKind,
} from './model.js'
import {
  CHILDREN_PAGE_SIZE,
  deleteUpload,
  downloadName,
  FINDINGS_PAGE_SIZE,
  incomingFolder,
  kindName,
  loadUpload,
  reportCsv,
  reportView,
  NoAuthorityNumberError,
  sendCinCensusFromRecords,
  sendSsda903FromRecords,
  sendUpload,
  type ReturnsDeps,
} from './service.js'
import { recentUploads } from './store.js'
import { reportXlsx } from './xlsx.js'

const ACCESS = 'returns.validate'
const UPLOAD = { kind: 'return_upload' }
const UPLOADS_PAGE_SIZE = 25
const FIELD_ORDER = ['kind', 'year', 'files', 'previous']

function yearItems(selected: string | undefined) {
  const years = [...new Set(Object.values(RETURN_KINDS).flatMap((k) => k.years))].sort().reverse()
  return years.map((y) => ({ value: y, text: y, checked: y === selected }))
}

function kindItems(selected: string | undefined) {
  return (Object.keys(RETURN_KINDS) as ReturnKind[]).map((k) => ({
    value: k,
    text: RETURN_KINDS[k].name,
    checked: k === selected,
    hint: {
      text:
        k === 'cin'
          ? 'One XML file'
          : `Its CSV or XML files, up to ${RETURN_KINDS[k].maxFiles} (header, episodes, reviews, care leavers and the rest)`,
    },
  }))
}

/** The form's errors in the order its fields are on the page. */
function formErrorsFrom(checked: FormErrors, more: Record<string, string>): FormErrors {
  const byField = { ...checked.byField }
  for (const [field, text] of Object.entries(more)) byField[field] ??= { text }
  const ids: Record<string, string> = { kind: 'kind', year: 'year', files: 'files', previous: 'previous' }
  const list = FIELD_ORDER.filter((f) => byField[f]).map((f) => ({
    text: (byField[f] as { text: string }).text,
    href: `#${ids[f] as string}`,
  }))
  return { list, byField }
}

/** The files sent, this year's then last year's, each with its size in words. */
function fileGroups(files: readonly UploadedReturnFile[]) {
  return (['current', 'previous'] as const)
    .map((year) => {
      const these = files.filter((f) => f.year === year)
      return {
        label: year === 'current' ? 'This year’s return' : 'Last year’s return',
        size: sizeInWords(these.reduce((n, f) => n + f.bytes, 0)),
        files: these.map((f) => ({ name: f.name, size: sizeInWords(f.bytes) })),
      }
    })
    .filter((g) => g.files.length > 0)
}

export function uploadRoutes(deps: ReturnsDeps) {
  return async (app: FastifyInstance) => {
    const checker = new UploadChecker(deps, app.log as unknown as Logger)
    app.addHook('onReady', async () => checker.start())
    app.addHook('onClose', async () => checker.stop())
    const maxFileBytes = deps.config.returns.maxFileMegabytes * 1024 * 1024
    const sizeText = `${deps.config.returns.maxFileMegabytes} MB`

    app.get('/returns', { config: { access: ACCESS } }, async (request, reply) => {
      const page = pageFromQuery(queryAnswers(request), UPLOADS_PAGE_SIZE)
      const { rows, total } = await recentUploads(deps.db, page.size, page.offset)
      return reply.view('modules/returns/upload/views/uploads.njk', {
        pageTitle: 'Check a return',
        uploads: rows.map((u) => ({ ...u, kindName: kindName(u), size: sizeInWords(u.total_bytes) })),
        keepDays: deps.config.returns.keepDays,
        pagination: paginationFor(page, total, {}, 'uploads'),
      })
    })

    const showForm = (reply: FastifyReply, values: KeptAnswers, errors: FormErrors, status: 200 | 400) =>
      reply.code(status).view('modules/returns/upload/views/upload.njk', {
        pageTitle: 'Upload a return',
        kindItems: kindItems(typeof values.kind === 'string' ? values.kind : undefined),
        yearItems: yearItems(typeof values.year === 'string' ? values.year : undefined),
        sizeText,
        maxFiles: MAX_FILES_PER_UPLOAD,
        keepDays: deps.config.returns.keepDays,
        ...errorView(errors),
      })

    app.get('/returns/upload', { config: { access: ACCESS } }, async (_request, reply) =>
      showForm(reply, {}, NO_ERRORS, 200),
    )

    app.post(
      '/returns/upload',
      { config: { access: ACCESS, upload: { maxFileBytes, maxFiles: MAX_FILES_PER_UPLOAD } } },
      async (request, reply) => {
        const user = requireUser(request)
        // A refused post's files are removed with the incoming folder before the answer is sent
        // (the platform's upload mechanism); a return that is taken is moved out of it first.
        const folder = incomingFolder(deps.config, request.id)
        const received = await receiveUpload(request, { dir: folder, refuseName: refuseFileName, sizeText })
        const checked = checkAnswers(uploadSchema, received.answers)
        const sent = received.files.map((f) => ({ field: f.field, name: f.name, bytes: f.bytes }))
        const problems = {
          ...(checked.ok
            ? uploadProblems(checked.data, sent)
            : sent.some((f) => f.field === 'files')
              ? {}
              : { files: 'Select the return’s files' }),
          ...received.refused,
        }
        if (!checked.ok || Object.keys(problems).length > 0) {
          const values: KeptAnswers = {
            kind: keptText(received.answers, 'kind'),
            year: keptText(received.answers, 'year'),
          }
          return await showForm(
            reply,
            values,
            formErrorsFrom(checked.ok ? NO_ERRORS : checked.errors, problems),
            400,
          )
        }
        const id = await sendUpload(deps, user, request.auditContext, checked.data, {
          folder,
          files: received.files,
        })
        checker.wake()
        return await reply.redirectWithMessage(
          `/returns/uploads/${id}`,
          'Your return has been uploaded. Haven is checking it against the DfE’s rules.',
        )
      },
    )

    app.get(
      '/returns/uploads/:id',
      { config: { access: ACCESS, subject: UPLOAD } },
      async (request, reply) => {
        const upload = await loadUpload(deps, subjectId(request))
        const query = queryAnswers(request)
        const view = reportViewFromQuery(query)
        const filter = filterFromQuery(query)
        const size = view === 'children' ? CHILDREN_PAGE_SIZE : FINDINGS_PAGE_SIZE
        const page = pageFromQuery(query, size)
        const report = await reportView(deps, upload, view, filter, page)
        const listed = 'findings' in report ? report.findings : 'children' in report ? report.children : null
        const kept = { view, ...filterQuery(filter) }
        return reply.view('modules/returns/upload/views/report.njk', {
          pageTitle: `${kindName(upload)} ${upload.collection_year}: upload ${upload.id}`,
          upload,
          fileGroups: fileGroups(upload.files),
          kindName: kindName(upload),
          size: sizeInWords(upload.total_bytes),
          ...report,
          filter,
          downloadQuery: new URLSearchParams(filterQuery(filter)).toString(),
          pagination: listed
            ? paginationFor(page, listed.total, kept, view === 'children' ? 'children' : 'findings')
            : null,
        })
      },
    )

    // Asked every few seconds by the page's script while a check runs (each ask is audited).
    app.get(
      '/returns/uploads/:id/progress',
      { config: { access: ACCESS, subject: { ...UPLOAD, auditAction: 'return_upload.progress' } } },
      async (request, reply) => {
        const upload = await loadUpload(deps, subjectId(request))
        return reply.send({
          status: upload.status,
          childrenChecked: upload.children_checked,
          done: !['waiting', 'checking'].includes(upload.status),
        })
      },
    )

    const download = (format: 'csv' | 'xlsx') => async (request: FastifyRequest, reply: FastifyReply) => {
      const upload = await loadUpload(deps, subjectId(request))
      if (upload.status !== 'checked' || upload.deleted_at) return reply.callNotFound()
      const filter = filterFromQuery(queryAnswers(request))
      reply.header('Content-Disposition', `attachment; filename="${downloadName(upload, format)}"`)
      if (format === 'csv') {
        reply.type('text/csv; charset=utf-8')
        return reply.send(Readable.from(reportCsv(deps, upload, filter)))
      }
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      return reply.send(reportXlsx(deps, upload, filter))
    }
    for (const format of ['csv', 'xlsx'] as const)
      app.get(
        `/returns/uploads/:id/report.${format}`,
        {
          config: {
            access: ACCESS,
            subject: { ...UPLOAD, auditAction: 'return_upload.download', auditDetail: { format } },
          },
        },
        download(format),
      )

    // The CIN census and the SSDA903 built from Haven's own records, then checked like an upload.
    const fromRecords = (
      kind: ReturnKind,
      path: string,
      send: (request: FastifyRequest, year: string) => Promise<number>,
    ) => {
      const years = RETURN_KINDS[kind].years
      const title = kind === 'cin' ? 'the CIN census' : 'the SSDA903'
      formRoute(app, {
        path,
        access: ACCESS,
        load: () => null,
        schema: z.object({
          year: z.enum(years as [string, ...string[]], { error: 'Select the collection year' }),
        }),
        render: (_request, reply, form) =>
          reply.code(form.status).view('modules/returns/upload/views/from-records.njk', {
            pageTitle: `Build ${title} from Haven’s records`,
            kind,
            yearItems: [...years]
              .sort()
              .reverse()
              .map((y) => ({ value: y, text: y, checked: y === form.values?.year })),
            ...errorView(form.errors),
          }),
        save: async (request, answers) => {
          const id = await send(request, answers.year)
          checker.wake()
          return id
        },
        refusal: (err) =>
          err instanceof NoAuthorityNumberError ? { field: 'year', message: err.message, status: 400 } : null,
        done: (answers, _context, id) => ({
          to: `/returns/uploads/${id}`,
          text: `Haven has built ${title} ${answers.year} from its records and is checking it against the DfE’s rules.`,
        }),
      })
    }
    fromRecords('cin', '/returns/cin-census', (request, year) =>
      sendCinCensusFromRecords(deps, requireUser(request), request.auditContext, year),
    )
    fromRecords('ssda903', '/returns/ssda903', (request, year) =>
      sendSsda903FromRecords(deps, requireUser(request), request.auditContext, year),
    )

    formRoute(app, {
      path: '/returns/uploads/:id/delete',
      access: ACCESS,
      subject: UPLOAD,
      load: async (request) => {
        const upload = await loadUpload(deps, subjectId(request))
        if (upload.deleted_at) throw new NotFoundError('This upload has already been deleted')
        return upload
      },
      schema: z.object({
        reason: longAnswer('Why you are deleting it', 'Enter why you are deleting this upload'),
      }),
      render: (_request, reply, form) =>
        reply.code(form.status).view('modules/returns/upload/views/delete.njk', {
          pageTitle: 'Delete this upload',
          upload: form.context,
          kindName: kindName(form.context),
          values: form.values ?? {},
          ...errorView(form.errors),
        }),
      save: (request, answers, upload) =>
        deleteUpload(deps, requireUser(request), request.auditContext, upload.id, answers.reason),
      done: (_answers, upload) => ({
        to: '/returns',
        text: `Upload ${upload.id} has been deleted: its files and findings are gone.`,
      }),
    })
  }
}
