/**
 * Casenotes' pages: a child's case notes and oversight, one note with its versions, and the forms
 * recording, amending and deleting a note and recording oversight. Thin: the platform has checked
 * the child the URL names (reading notes: the `casenotes_child` subject; changing: the people
 * module's `child`) and audited; the schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadClockSettings, loadWorkingCalendar } from '../../platform/calendar/store.js'
import { formatDateTime } from '../../platform/http/dates.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import {
  ACTION_ROWS,
  amendSchema,
  deleteSchema,
  labelOf,
  nextOversightDue,
  noteSchema,
  NOTE_FIELD_IDS,
  NOTE_TYPES,
  OVERSIGHT_CLOCK,
  OVERSIGHT_FIELD_IDS,
  OVERSIGHT_KINDS,
  oversightSchema,
  SEEN,
  SETTINGS,
  type NoteChild,
} from './model.js'
import {
  amendNote,
  amendRights,
  CasenotesStateError,
  childCasework,
  deleteNote,
  deleteRights,
  noteFormContext,
  oversightFormContext,
  recordNote,
  recordOversight,
  viewNote,
  writeRights,
  type CasenotesDeps,
} from './service.js'

/** Reading a child's notes: the platform applies the notes' own rule (subjects.ts) and audits. */
const READ: RouteSubject = { kind: 'casenotes_child', auditAction: 'case_note.view' }
const READ_NOTE: RouteSubject = { ...READ, extraParams: ['noteId'] }

/** The child's permission record on a reading route (its rule decided, so none was kept). */
async function readerChild(deps: CasenotesDeps, request: FastifyRequest): Promise<ChildRecord> {
  const record = await loadChildRecord(deps.db, subjectId(request))
  if (!record) throw new NotFoundError('No child')
  return record
}

const noteTypeItems = (values: KeptAnswers | Record<string, string>) =>
  NOTE_TYPES.map((t) => ({
    value: t.code,
    text: t.label,
    checked: values.noteType === t.code,
  }))

/** One "was the child seen" question per child the note may be on. */
const seenQuestions = (children: readonly NoteChild[], values: KeptAnswers | Record<string, string>) =>
  children.map((c) => ({
    id: c.id,
    name: c.name,
    items: SEEN.map((s) => ({ value: s.code, text: s.label, checked: values[`seen-${c.id}`] === s.code })),
  }))

/** The boxes of a date and time as the form shows them, in London. */
function dateBoxes(prefix: string, at: Date): Record<string, string> {
  const [y, m, d] = londonToday(at).split('-')
  const time = at.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
    [`${prefix}-time`]: time,
  }
}

export function casenotesRoutes(deps: CasenotesDeps) {
  /** What the case notes and oversight pages both show: the child's casework, when oversight is next due, what the reader may add. */
  async function casework(request: FastifyRequest) {
    const [work, record, calendar] = await Promise.all([
      childCasework(deps, subjectId(request)),
      readerChild(deps, request),
      loadWorkingCalendar(deps.db),
    ])
    const now = deps.clock.now()
    return {
      work,
      nextDue: work.nextOversight ? describeDue(work.nextOversight.due_at, now, calendar) : null,
      rights: writeRights(requireUser(request), record, now),
    }
  }

  return async (app: FastifyInstance) => {
    app.get(
      '/children/:id/case-notes',
      { config: { access: 'child.view', subject: READ } },
      async (request, reply) => {
        try {
          const { work, nextDue, rights } = await casework(request)
          return reply.view('modules/casenotes/views/notes.njk', {
            pageTitle: `Case notes: ${work.child.name}`,
            child: work.child,
            notes: work.notes.map((n) => ({
              ...n,
              typeText: labelOf(NOTE_TYPES, n.note_type),
              seenText: NOTE_TYPES.find((t) => t.code === n.note_type)?.faceToFace
                ? labelOf(SEEN, n.seen)
                : null,
            })),
            nextDue,
            lastOversight: work.oversight[0] ?? null,
            ...rights,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see these case notes')
        }
      },
    )

    app.get(
      '/children/:id/case-notes/:noteId',
      { config: { access: 'child.view', subject: READ_NOTE } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const childId = subjectId(request)
          const { note, versions, children } = await viewNote(deps, childId, subjectId(request, 'noteId'))
          const record = await readerChild(deps, request)
          const amend = amendRights(deps, note, user)
          const remove = deleteRights(deps, note, user, record)
          const canEdit = writeRights(user, record, deps.clock.now()).canWrite
          return reply.view('modules/casenotes/views/note.njk', {
            pageTitle: `Case note: ${children[0]?.name ?? ''}`,
            childId,
            note,
            children,
            versions: versions.map((v) => ({
              ...v,
              typeText: labelOf(NOTE_TYPES, v.note_type),
              rows: versionRows(v),
            })),
            canAmend: canEdit && amend.allowed,
            canDelete: canEdit && remove.allowed,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this case note')
        }
      },
    )

    formRoute(app, {
      path: '/children/:id/case-notes/new',
      access: 'child.edit',
      subject: { kind: 'child', auditAction: 'case_note.view', auditDetail: { form: 'new' } },
      load: (request: FastifyRequest) => noteFormContext(deps, requireUser(request), subjectId(request)),
      schema: ({ child, siblings }) => noteSchema(deps.clock.now(), child, siblings),
      fieldIds: NOTE_FIELD_IDS,
      lists: ['siblings'],
      render: (_request, reply, { context: { child, siblings }, values, errors, status }) => {
        const shown = values ?? { ...dateBoxes('contact', deps.clock.now()), siblings: [] }
        return reply.code(status).view('modules/casenotes/views/note-form.njk', {
          pageTitle: `Add a case note: ${child.name}`,
          heading: 'Add a case note',
          action: `/children/${child.id}/case-notes/new`,
          child,
          values: shown,
          ...errorView(errors),
          noteTypeItems: noteTypeItems(shown),
          seenQuestions: seenQuestions([child, ...siblings], shown),
          siblingItems: siblings.map((s) => ({
            value: String(s.id),
            text: s.name,
            checked: Array.isArray(shown.siblings) && shown.siblings.includes(String(s.id)),
          })),
          button: 'Save the case note',
        })
      },
      save: (request, note) =>
        recordNote(deps, requireUser(request), subjectId(request), note, request.auditContext),
      done: (note, { child }) => ({
        to: `/children/${child.id}/case-notes`,
        text:
          note.siblingIds.length > 0
            ? `Case note recorded on ${note.siblingIds.length + 1} children`
            : 'Case note recorded',
      }),
      notAllowedTitle: 'You cannot record this case note',
      submission: {
        already: 'This case note was already saved',
        link: 'See the child’s case notes',
      },
    })

    formRoute(app, {
      path: '/children/:id/case-notes/:noteId/amend',
      access: 'child.edit',
      subject: {
        kind: 'child',
        auditAction: 'case_note.view',
        auditDetail: { form: 'amend' },
        extraParams: ['noteId'],
      },
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const shown = await viewNote(deps, childId, subjectId(request, 'noteId'))
        const rights = amendRights(deps, shown.note, requireUser(request))
        return { ...shown, childId, rights }
      },
      schema: ({ children, rights }) =>
        amendSchema(deps.clock.now(), children, rights.allowed && rights.reasonRequired),
      fieldIds: NOTE_FIELD_IDS,
      render: (
        _request,
        reply,
        { context: { note, versions, children, childId, rights }, values, errors, status },
      ) => {
        if (!rights.allowed)
          return cannot(reply, 'You cannot amend this case note', rights.reason, childId, note.id)
        const current = versions[0]
        const initial: Record<string, string> = current
          ? {
              noteType: current.note_type,
              ...dateBoxes('contact', current.contact_at),
              whoSeen: current.who_seen ?? '',
              body: current.body,
              version: String(note.current_version),
              ...Object.fromEntries(current.seen.map((s) => [`seen-${s.child_id}`, s.seen])),
            }
          : {}
        const shown = values ?? initial
        return reply.code(status).view('modules/casenotes/views/note-form.njk', {
          pageTitle: `Amend a case note: ${children[0]?.name ?? ''}`,
          heading: 'Amend a case note',
          action: `/children/${childId}/case-notes/${note.id}/amend`,
          child: children[0],
          amending: {
            reasonRequired: rights.reasonRequired,
            version: shown.version ?? String(note.current_version),
          },
          values: shown,
          ...errorView(errors),
          noteTypeItems: noteTypeItems(shown),
          seenQuestions: seenQuestions(children, shown),
          siblingItems: [],
          sharedWith: children.slice(1),
          button: 'Save the amended case note',
          cancel: `/children/${childId}/case-notes/${note.id}`,
        })
      },
      save: (request, amended, { childId, note }) => {
        const raw = (request.body as Record<string, unknown> | undefined)?.version
        const version = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : note.current_version
        return amendNote(deps, requireUser(request), childId, note.id, version, amended, request.auditContext)
      },
      done: (_a, { childId, note }) => ({
        to: `/children/${childId}/case-notes/${note.id}`,
        text: 'Case note amended. The earlier version is kept.',
      }),
      refusal: (err) =>
        err instanceof CasenotesStateError ? { field: err.field, message: err.message } : null,
      notAllowedTitle: 'You cannot amend this case note',
    })

    formRoute(app, {
      path: '/children/:id/case-notes/:noteId/delete',
      access: 'child.edit',
      subject: {
        kind: 'child',
        auditAction: 'case_note.view',
        auditDetail: { form: 'delete' },
        extraParams: ['noteId'],
      },
      load: async (request: FastifyRequest) => {
        const childId = subjectId(request)
        const shown = await viewNote(deps, childId, subjectId(request, 'noteId'))
        const child = subjectChild(request)
        if (!child) throw new NotFoundError('No child')
        return { ...shown, childId, rights: deleteRights(deps, shown.note, requireUser(request), child) }
      },
      schema: deleteSchema,
      render: (
        _request,
        reply,
        { context: { note, versions, children, childId, rights }, values, errors, status },
      ) => {
        if (!rights.allowed)
          return cannot(reply, 'You cannot delete this case note', rights.reason, childId, note.id)
        return reply.code(status).view('modules/casenotes/views/delete.njk', {
          pageTitle: `Delete a case note: ${children[0]?.name ?? ''}`,
          childId,
          note,
          current: versions[0],
          typeText: labelOf(NOTE_TYPES, versions[0]?.note_type),
          children,
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, { reason }, { childId, note }) =>
        deleteNote(deps, requireUser(request), childId, note.id, reason, request.auditContext),
      done: (_a, { childId }) => ({
        to: `/children/${childId}/case-notes`,
        text: 'Case note deleted. It is kept, with your reason, for the record.',
      }),
      notAllowedTitle: 'You cannot delete this case note',
    })

    app.get(
      '/children/:id/oversight',
      { config: { access: 'child.view', subject: READ } },
      async (request, reply) => {
        try {
          const { work, nextDue, rights } = await casework(request)
          return reply.view('modules/casenotes/views/oversight.njk', {
            pageTitle: `Management oversight: ${work.child.name}`,
            child: work.child,
            oversight: work.oversight.map((o) => ({
              ...o,
              kindText: labelOf(OVERSIGHT_KINDS, o.kind),
              intervalText: labelOf(SETTINGS.intervals, o.interval_code),
            })),
            nextDue,
            ...rights,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this child’s oversight records')
        }
      },
    )

    formRoute(app, {
      path: '/children/:id/oversight/new',
      access: 'child.allocate',
      subject: { kind: 'child', auditAction: 'oversight.view', auditDetail: { form: 'new' } },
      load: async (request: FastifyRequest) => {
        const context = await oversightFormContext(deps, subjectId(request))
        const settings = await loadClockSettings(deps.db)
        return { ...context, definition: settings.definitions.find((d) => d.code === OVERSIGHT_CLOCK) }
      },
      schema: () => oversightSchema(deps.clock.now()),
      fieldIds: OVERSIGHT_FIELD_IDS,
      render: (
        _request,
        reply,
        { context: { child, last, calendar, definition, now }, values, errors, status },
      ) => {
        const today = londonToday(now)
        const [y, m, d] = today.split('-')
        const shown = values ?? {
          'held-day': String(Number(d)),
          'held-month': String(Number(m)),
          'held-year': y ?? '',
          interval: SETTINGS.defaultInterval,
        }
        return reply.code(status).view('modules/casenotes/views/oversight-form.njk', {
          pageTitle: `Record management oversight: ${child.name}`,
          child,
          last,
          values: shown,
          ...errorView(errors),
          rows: Array.from({ length: ACTION_ROWS }, (_, i) => i),
          kindItems: OVERSIGHT_KINDS.map((k) => ({
            value: k.code,
            text: k.label,
            hint: { text: k.hint },
            checked: shown.kind === k.code,
          })),
          intervalItems: SETTINGS.intervals.map((i) => ({
            value: i.code,
            text: i.label,
            // The date it would fall on if the oversight was held today, so the choice is concrete.
            hint: definition
              ? {
                  text: `Due by ${longDate(nextOversightDue(definition, today, i.code, calendar))} if held today`,
                }
              : undefined,
            checked: shown.interval === i.code,
          })),
        })
      },
      save: (request, input) =>
        recordOversight(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, { child }, saved) => ({
        to: `/children/${child.id}/oversight`,
        text: `Oversight recorded. The next is due by ${longDate(saved.nextDueOn)}.`,
      }),
      notAllowedTitle: 'You cannot record oversight on this case',
      submission: {
        already: 'This oversight was already recorded',
        link: 'See the child’s oversight records',
      },
    })
  }
}

/** A version of a note as a summary list: what it says, how each child was seen, who wrote it and why. */
function versionRows(v: Awaited<ReturnType<typeof viewNote>>['versions'][number]) {
  const faceToFace = NOTE_TYPES.find((t) => t.code === v.note_type)?.faceToFace ?? false
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  return [
    row('Kind of contact', labelOf(NOTE_TYPES, v.note_type) ?? v.note_type),
    row('Date and time', formatDateTime(v.contact_at)),
    row('Who was seen or spoken to', v.who_seen ?? 'Not recorded'),
    ...v.seen.map((s) =>
      row(
        `${s.given_name} ${s.family_name}`,
        faceToFace ? (labelOf(SEEN, s.seen) ?? s.seen) : 'Not a face-to-face contact',
      ),
    ),
    row('Written by', `${v.writtenByName}, ${formatDateTime(v.written_at)}`),
    ...(v.amend_reason ? [row('Reason for the amendment', v.amend_reason)] : []),
  ]
}

/** The form is not this person's to use: say why, and link back to the note (not a refusal of the record). */
function cannot(reply: FastifyReply, title: string, reason: string, childId: number, noteId: number) {
  return reply.view('platform/views/message.njk', {
    pageTitle: title,
    paragraphs: [reason],
    links: [{ href: `/children/${childId}/case-notes/${noteId}`, text: 'Back to the case note' }],
  })
}
