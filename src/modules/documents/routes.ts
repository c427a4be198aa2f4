/**
 * Documents' pages: a child's documents, adding one (and putting it on brothers' and sisters'
 * records), a document with its versions, adding a version, downloading any version, and deleting
 * with a reason. Thin: the platform has checked the child the URL names (reading: the
 * `documents_child` subject; changing: the people module's `child`) and audited.
 *
 * The two forms that send a file are read by the platform's upload mechanism (http/uploads.ts,
 * ADR 14) and checked with the one form helper's `checkAnswers` and `errorView`; deleting is a
 * `formRoute`. A refused post leaves nothing on disk: the platform removes the incoming folder, with
 * anything the service did not move into the store, before the answer is sent.
 */
import { recordAuditAlone } from '../../platform/audit/audit.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  incomingFolder,
  openStoredFile,
  refuseDocumentName,
  sizeLimit,
} from '../../platform/documents/storage.js'
import { ACCEPT, FILE_TYPES, sizeInWords, TYPES_IN_WORDS } from '../../platform/documents/types.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import {
  checkAnswers,
  errorView,
  formRoute,
  NO_ERRORS,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import {
  notFoundPage,
  routeName,
  subjectChild,
  subjectId,
  type RouteSubject,
} from '../../platform/http/subjects.js'
import { receiveUpload, type ReceivedUpload } from '../../platform/http/uploads.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import {
  contentDisposition,
  deleteSchema,
  DOCUMENT_FIELD_IDS,
  DOCUMENT_TYPES,
  documentSchema,
  typeLabel,
  versionSchema,
  type DocumentChild,
} from './model.js'
import {
  addVersion,
  auditRefusedFile,
  childDocuments,
  deleteDocument,
  deleteRights,
  documentRights,
  FileRefused,
  uploadDocument,
  uploadFormContext,
  versionToDownload,
  viewDocument,
  type DocumentsDeps,
} from './service.js'

/** Reading a child's documents: the platform applies the documents' own rule (subjects.ts) and audits. */
const READ: RouteSubject = { kind: 'documents_child', auditAction: 'document.view' }
const READ_DOCUMENT: RouteSubject = { ...READ, extraParams: ['documentId'] }
const DOWNLOAD: RouteSubject = {
  kind: 'documents_child',
  auditAction: 'document.download',
  extraParams: ['documentId', 'version'],
}
/** Changing: the child's record must be the actor's to change. */
const UPLOAD: RouteSubject = { kind: 'child', auditAction: 'document.view', auditDetail: { form: 'upload' } }
const NEW_VERSION: RouteSubject = {
  kind: 'child',
  auditAction: 'document.view',
  auditDetail: { form: 'new_version' },
  extraParams: ['documentId'],
}
const DELETE: RouteSubject = {
  kind: 'child',
  auditAction: 'document.view',
  auditDetail: { form: 'delete' },
  extraParams: ['documentId'],
}

/** The order the upload form's fields are on the page, for its error summary. */
const UPLOAD_FIELDS = ['type', 'title', 'date-day', 'siblings', 'file']
const VERSION_FIELDS = ['file', 'changeNote']

/** The form's errors in the order of its fields: the answers' and the file's together. */
function errorsInOrder(
  order: readonly string[],
  checked: FormErrors,
  more: Record<string, string>,
): FormErrors {
  const byField = { ...checked.byField }
  for (const [field, text] of Object.entries(more)) byField[field] ??= { text }
  const list = order
    .filter((f) => byField[f])
    .map((f) => ({ text: (byField[f] as { text: string }).text, href: `#${f}` }))
  return { list, byField }
}

/** Why the upload's own limits refused a file, for the audit row. */
function limitReason(message: string): string {
  if (/smaller than/.test(message)) return 'too_large'
  if (/is empty/.test(message)) return 'empty'
  if (/no more than/.test(message)) return 'too_many'
  return 'type'
}

/** The child's permission record on a reading route (its rule decided, so none was kept). */
async function readerChild(deps: DocumentsDeps, request: FastifyRequest): Promise<ChildRecord> {
  const record = await loadChildRecord(deps.db, subjectId(request))
  if (!record) throw new NotFoundError('No child')
  return record
}

/**
 * A refusal on a form that sent a file. A document not found is answered here rather than by
 * `callNotFound` (which would audit it against the route's subject, the child's record): audited
 * as a document not found, as the platform audits a row not found in a record.
 */
async function refuseUpload(
  deps: DocumentsDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  err: unknown,
  title: string,
) {
  if (!(err instanceof NotFoundError)) return answerRefusal(reply, err, title)
  await recordAuditAlone(deps.db, request.auditContext, {
    action: 'document.view',
    outcome: 'denied',
    childId: subjectId(request),
    recordType: 'document',
    recordId: null,
    detail: { reason: 'no such record', route: routeName(request) },
  })
  return notFoundPage(reply)
}

const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat())

export function documentsRoutes(deps: DocumentsDeps) {
  return async (app: FastifyInstance) => {
    const settings = deps.config.documents
    const { maxFileBytes, sizeText } = sizeLimit(settings)
    const upload = { maxFileBytes, maxFiles: 1 }
    const scanning = settings.scanCommand !== null
    const fileHint = `${TYPES_IN_WORDS.replace(/^a /, 'A ')}, smaller than ${sizeText}.`

    app.get(
      '/children/:id/documents',
      { config: { access: 'child.view', subject: READ } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const childId = subjectId(request)
          const [{ child, documents }, record] = await Promise.all([
            childDocuments(deps, childId),
            readerChild(deps, request),
          ])
          return reply.view('modules/documents/views/documents.njk', {
            pageTitle: `Documents: ${child.name}`,
            child,
            documents: documents.map((d) => ({
              ...d,
              typeText: typeLabel(d.document_type),
              size: sizeInWords(d.bytes),
              fileTypeText: FILE_TYPES[d.file_type].label,
            })),
            scanning,
            ...documentRights(user, record, deps.clock.now()),
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see these documents')
        }
      },
    )

    // Adding a document ------------------------------------------------------------------------

    const showUploadForm = (
      reply: FastifyReply,
      context: { child: DocumentChild; siblings: DocumentChild[] },
      values: KeptAnswers,
      errors: FormErrors,
      status: 200 | 400 | 403,
    ) => {
      const chosen = listOf(values.siblings)
      return reply.code(status).view('modules/documents/views/upload.njk', {
        pageTitle: `Add a document: ${context.child.name}`,
        child: context.child,
        values,
        ...errorView(errors),
        typeItems: DOCUMENT_TYPES.map((t) => ({
          value: t.code,
          text: t.label,
          checked: values.type === t.code,
        })),
        siblingItems: context.siblings.map((s) => ({
          value: String(s.id),
          text: s.name,
          checked: chosen.includes(String(s.id)),
        })),
        fileHint,
        accept: ACCEPT,
        scanning,
        fileAgain: errors.list.length > 0,
      })
    }

    app.get(
      '/children/:id/documents/new',
      { config: { access: 'child.edit', subject: UPLOAD } },
      async (request, reply) => {
        const context = await uploadFormContext(deps, requireUser(request), subjectId(request))
        return showUploadForm(reply, context, {}, NO_ERRORS, 200)
      },
    )

    /** Reads an upload's answers and file into the incoming folder, auditing files its limits refused. */
    async function receive(
      request: FastifyRequest,
      folder: string,
      action: 'document.upload' | 'document.add_version',
      documentId: number | null,
    ): Promise<ReceivedUpload> {
      const received = await receiveUpload(request, { dir: folder, refuseName: refuseDocumentName, sizeText })
      for (const [field, message] of Object.entries(received.refused))
        await auditRefusedFile(
          deps,
          request.auditContext,
          action,
          subjectId(request),
          documentId,
          limitReason(message),
          {
            field,
          },
        )
      return received
    }

    app.post(
      '/children/:id/documents/new',
      { config: { access: 'child.edit', subject: UPLOAD, upload } },
      async (request, reply) => {
        const user = requireUser(request)
        const childId = subjectId(request)
        const folder = incomingFolder(settings, request.id)
        const context = await uploadFormContext(deps, user, childId)
        const received = await receive(request, folder, 'document.upload', null)
        const checked = checkAnswers(
          documentSchema(deps.clock.now(), context.siblings),
          received.answers,
          DOCUMENT_FIELD_IDS,
        )
        const file = received.files.find((f) => f.field === 'file')
        const problems: Record<string, string> = { ...received.refused }
        if (!file && !problems.file) problems.file = 'Select a file'
        if (!checked.ok || Object.keys(problems).length > 0 || !file)
          return await showUploadForm(
            reply,
            context,
            received.answers,
            errorsInOrder(UPLOAD_FIELDS, checked.ok ? NO_ERRORS : checked.errors, problems),
            400,
          )
        try {
          const saved = await uploadDocument(deps, user, childId, checked.data, file, request.auditContext)
          const on = checked.data.siblingIds.length
          return await reply.redirectWithMessage(
            `/children/${childId}/documents/${saved.documentId}`,
            `Document added${on ? ` to ${on + 1} children’s records` : ''}${saved.scanned ? '' : '. It has not been scanned for viruses'}`,
          )
        } catch (err) {
          if (err instanceof FileRefused)
            return await showUploadForm(
              reply,
              context,
              received.answers,
              errorsInOrder(UPLOAD_FIELDS, NO_ERRORS, { [err.field]: err.message }),
              400,
            )
          return await refuseUpload(deps, request, reply, err, 'You cannot add this document')
        }
      },
    )

    // A document and its versions ------------------------------------------------------------

    app.get(
      '/children/:id/documents/:documentId',
      { config: { access: 'child.view', subject: READ_DOCUMENT } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const childId = subjectId(request)
          const { document, versions, children } = await viewDocument(
            deps,
            childId,
            subjectId(request, 'documentId'),
          )
          const record = await readerChild(deps, request)
          const rights = documentRights(user, record, deps.clock.now())
          return reply.view('modules/documents/views/document.njk', {
            pageTitle: `${document.title}: ${children[0]?.name ?? ''}`,
            childId,
            document,
            typeText: typeLabel(document.document_type),
            children,
            versions: versions.map((v) => ({
              ...v,
              size: sizeInWords(v.bytes),
              fileTypeText: FILE_TYPES[v.file_type].label,
            })),
            canAddVersion: rights.canWrite && document.deleted_at === null,
            canDelete: rights.canWrite && deleteRights(deps, document, user, record).allowed,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this document')
        }
      },
    )

    app.get(
      '/children/:id/documents/:documentId/versions/:version/download',
      { config: { access: 'child.view', subject: DOWNLOAD } },
      async (request, reply) => {
        try {
          const found = await versionToDownload(
            deps,
            subjectId(request),
            subjectId(request, 'documentId'),
            subjectId(request, 'version'),
          )
          const stream = await openStoredFile(settings, found.stored_name, found.bytes)
          return await reply
            .header('Content-Disposition', contentDisposition(found.file_name))
            .header('Cache-Control', 'no-store')
            .header('X-Content-Type-Options', 'nosniff')
            .header('Content-Length', String(found.bytes))
            .type(found.media_type)
            .send(stream)
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot download this document')
        }
      },
    )

    // A new version --------------------------------------------------------------------------

    const showVersionForm = (
      reply: FastifyReply,
      shown: Awaited<ReturnType<typeof viewDocument>>,
      childId: number,
      values: KeptAnswers,
      errors: FormErrors,
      status: 200 | 400,
    ) =>
      reply.code(status).view('modules/documents/views/version-form.njk', {
        pageTitle: `Add a new version: ${shown.document.title}`,
        childId,
        document: shown.document,
        current: shown.versions[0],
        sharedWith: shown.children.slice(1),
        values,
        ...errorView(errors),
        fileHint,
        accept: ACCEPT,
        scanning,
        fileAgain: errors.list.length > 0,
      })

    /** The document whose version is added, not deleted (a deleted one takes no new version). */
    async function versionContext(request: FastifyRequest) {
      const childId = subjectId(request)
      const shown = await viewDocument(deps, childId, subjectId(request, 'documentId'))
      if (shown.document.deleted_at) throw new NotFoundError('This document has been deleted')
      return { childId, shown }
    }

    app.get(
      '/children/:id/documents/:documentId/new-version',
      { config: { access: 'child.edit', subject: NEW_VERSION } },
      async (request, reply) => {
        try {
          const { childId, shown } = await versionContext(request)
          return await showVersionForm(reply, shown, childId, {}, NO_ERRORS, 200)
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot add a version of this document')
        }
      },
    )

    app.post(
      '/children/:id/documents/:documentId/new-version',
      { config: { access: 'child.edit', subject: NEW_VERSION, upload } },
      async (request, reply) => {
        const folder = incomingFolder(settings, request.id)
        try {
          const { childId, shown } = await versionContext(request)
          const received = await receive(request, folder, 'document.add_version', shown.document.id)
          const checked = checkAnswers(versionSchema, received.answers)
          const file = received.files.find((f) => f.field === 'file')
          const problems: Record<string, string> = { ...received.refused }
          if (!file && !problems.file) problems.file = 'Select a file'
          if (!checked.ok || Object.keys(problems).length > 0 || !file)
            return await showVersionForm(
              reply,
              shown,
              childId,
              received.answers,
              errorsInOrder(VERSION_FIELDS, checked.ok ? NO_ERRORS : checked.errors, problems),
              400,
            )
          try {
            const { version } = await addVersion(
              deps,
              requireUser(request),
              childId,
              shown.document.id,
              checked.data.changeNote || null,
              file,
              request.auditContext,
            )
            return await reply.redirectWithMessage(
              `/children/${childId}/documents/${shown.document.id}`,
              `Version ${version} added. The earlier versions are kept`,
            )
          } catch (err) {
            if (err instanceof FileRefused)
              return await showVersionForm(
                reply,
                shown,
                childId,
                received.answers,
                errorsInOrder(VERSION_FIELDS, NO_ERRORS, { [err.field]: err.message }),
                400,
              )
            throw err
          }
        } catch (err) {
          return await refuseUpload(deps, request, reply, err, 'You cannot add a version of this document')
        }
      },
    )

    // Deleting -------------------------------------------------------------------------------

    formRoute(app, {
      path: '/children/:id/documents/:documentId/delete',
      access: 'child.edit',
      subject: DELETE,
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const shown = await viewDocument(deps, childId, subjectId(request, 'documentId'))
        const child = subjectChild(request)
        if (!child) throw new NotFoundError('No child')
        return { ...shown, childId, rights: deleteRights(deps, shown.document, requireUser(request), child) }
      },
      schema: deleteSchema,
      render: (
        _request,
        reply,
        { context: { document, children, childId, rights }, values, errors, status },
      ) => {
        if (!rights.allowed)
          return reply.view('platform/views/message.njk', {
            pageTitle: 'You cannot delete this document',
            paragraphs: [rights.reason],
            links: [{ href: `/children/${childId}/documents/${document.id}`, text: 'Back to the document' }],
          })
        return reply.code(status).view('modules/documents/views/delete.njk', {
          pageTitle: `Delete a document: ${document.title}`,
          childId,
          document,
          typeText: typeLabel(document.document_type),
          children,
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, { reason }, { childId, document }) =>
        deleteDocument(deps, requireUser(request), childId, document.id, reason, request.auditContext),
      done: (_a, { childId }) => ({
        to: `/children/${childId}/documents`,
        text: 'Document deleted. It is kept, with your reason, for the record.',
      }),
      notAllowedTitle: 'You cannot delete this document',
    })
  }
}
