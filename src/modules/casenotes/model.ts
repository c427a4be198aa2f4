/**
 * Case notes and management oversight: the rules, pure. What a note says (its kind, when the
 * contact was, who was seen, whether each child was seen and seen alone), who may amend or delete
 * it (who reads it is the platform's casework rule), and when the next oversight of the case is
 * due. No I/O.
 */
import { z } from 'zod'
import noteTypesFile from '../../../reference/casenotes/note-types.json' with { type: 'json' }
import settingsFile from '../../../reference/casenotes/oversight.json' with { type: 'json' }
import { dueAt, type ClockDefinition } from '../../platform/calendar/clocks.js'
import { dateFromParts, londonDate, londonInstant, londonToday } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { ChildSeen, OversightKind } from '../../platform/db/schema.js'
import { LONG_ANSWER_MAX, longAnswer, SHORT_ANSWER_MAX } from '../../platform/http/form.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export interface NoteType extends Code {
  /** The child could be seen: each child is recorded as seen alone, seen with others or not seen. */
  faceToFace: boolean
}

export interface CasenotesSettings {
  /** Hours after a note is first recorded during which its author may amend it without a reason. */
  amendWindowHours: number
  /** When the next oversight is due: the choices, each an `interval` of the clock. */
  intervals: readonly Code[]
  defaultInterval: string
}

/** Checks the reference files once, at start: a bad code list fails here, not on a page. */
export function readNoteTypes(raw: unknown): NoteType[] {
  const parsed = z
    .object({
      types: z
        .array(
          z.object({
            code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
            label: z.string().min(1),
            faceToFace: z.boolean(),
          }),
        )
        .min(1),
    })
    .parse(raw)
  if (new Set(parsed.types.map((t) => t.code)).size !== parsed.types.length)
    throw new Error('A case note type is listed twice')
  return parsed.types
}

export function readSettings(raw: unknown): CasenotesSettings {
  const parsed = z
    .object({
      amendWindowHours: z.number().int().nonnegative(),
      intervals: z.array(z.object({ code: z.string().min(1).max(10), label: z.string().min(1) })).min(1),
      defaultInterval: z.string(),
    })
    .parse(raw)
  if (!parsed.intervals.some((i) => i.code === parsed.defaultInterval))
    throw new Error(`The default oversight interval ${parsed.defaultInterval} is not one of the choices`)
  return parsed
}

export const NOTE_TYPES: readonly NoteType[] = readNoteTypes(noteTypesFile)
export const SETTINGS: CasenotesSettings = readSettings(settingsFile)

/** The clock every oversight record stops and starts again (reference/clock-definitions.json). */
export const OVERSIGHT_CLOCK = 'management-oversight'
/** The clock's subject: the child's case, its id the child's. */
export const OVERSIGHT_SUBJECT = 'child_oversight'

export const SEEN: readonly Code<ChildSeen>[] = [
  { code: 'seen_alone', label: 'Seen alone' },
  { code: 'seen_with_others', label: 'Seen, not alone' },
  { code: 'not_seen', label: 'Not seen' },
]

export const OVERSIGHT_KINDS: readonly (Code<OversightKind> & { hint: string })[] = [
  {
    code: 'management_oversight',
    label: 'Management oversight',
    hint: 'A manager’s review of the case and direction on the file.',
  },
  {
    code: 'supervision',
    label: 'Case supervision',
    hint: 'The case discussed in the worker’s supervision.',
  },
]

export function labelOf(list: readonly Code[], code: string | null | undefined): string | null {
  return list.find((c) => c.code === code)?.label ?? null
}

export function noteType(code: string, types: readonly NoteType[] = NOTE_TYPES): NoteType | undefined {
  return types.find((t) => t.code === code)
}

// ---------------------------------------------------------------------------------------------
// Who may amend and delete (who reads them is the platform's casework rule, permissions/casework.ts)

export interface NoteState {
  recordedBy: number
  recordedAt: Date
  deletedAt: Date | null
}

/** Whether the note is still inside its author's window for amending without a reason. */
export function withinAmendWindow(note: Pick<NoteState, 'recordedAt'>, now: Date, hours: number): boolean {
  return now.getTime() < note.recordedAt.getTime() + hours * 3_600_000
}

export type Permission = { allowed: true; reasonRequired: boolean } | { allowed: false; reason: string }

/**
 * Amending: only the note's author, never a deleted note. Within the window no reason is asked;
 * after it one is. Either way the earlier version is kept.
 */
export function mayAmend(note: NoteState, actorId: number, now: Date, hours: number): Permission {
  if (note.deletedAt !== null) return { allowed: false, reason: 'This case note has been deleted.' }
  if (note.recordedBy !== actorId)
    return {
      allowed: false,
      reason: 'Only the person who wrote a case note can amend it. Record a new case note instead.',
    }
  return { allowed: true, reasonRequired: !withinAmendWindow(note, now, hours) }
}

/**
 * Deleting (softly, with a reason, the note kept): its author within the window (a note on the
 * wrong child, recorded by mistake), or after it a manager of the child's case.
 */
export function mayDelete(
  note: NoteState,
  actorId: number,
  managesCase: boolean,
  now: Date,
  hours: number,
): Permission {
  if (note.deletedAt !== null) return { allowed: false, reason: 'This case note has already been deleted.' }
  if (managesCase) return { allowed: true, reasonRequired: true }
  if (note.recordedBy === actorId && withinAmendWindow(note, now, hours))
    return { allowed: true, reasonRequired: true }
  return {
    allowed: false,
    reason:
      note.recordedBy === actorId
        ? `A case note can be deleted by its author within ${hours} hours of recording it. Ask the team manager.`
        : 'Only the author of a case note, or a manager of the case, can delete it.',
  }
}

// ---------------------------------------------------------------------------------------------
// The forms

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

export interface NoteChild {
  id: number
  name: string
}

export interface NoteInput {
  noteType: string
  contactAt: Date
  whoSeen: string | null
  body: string
  /** How each child the note is recorded on was seen, this child first. */
  seen: { childId: number; seen: ChildSeen }[]
  /** Other children of the household it is recorded on too. */
  siblingIds: number[]
}

export interface AmendInput extends Omit<NoteInput, 'siblingIds'> {
  reason: string | null
}

/** Where an error on a field links when its first box has another id. */
export const NOTE_FIELD_IDS = { contactAt: 'contact-day', noteType: 'noteType' } as const

/**
 * A case note's answers: its kind, the contact's date and time (London; not in the future), who
 * was seen, the note, and for a face-to-face contact whether each child was seen and seen alone.
 * `children` are those the note is on (this child first); `siblings` those it may be shared with.
 * Every answer is checked in one pass, so the error summary lists every problem at once, in the
 * order of the page.
 */
export function noteSchema(
  now: Date,
  child: NoteChild,
  siblings: readonly NoteChild[],
  types: readonly NoteType[] = NOTE_TYPES,
) {
  return baseSchema([child, ...siblings]).transform((v, ctx) => {
    const chosen = listOf(v.siblings)
    const offered = new Set(siblings.map((s) => String(s.id)))
    const on = [child, ...siblings.filter((s) => chosen.includes(String(s.id)))]
    const read = readNote(v, on, now, types, ctx, () => {
      if (chosen.some((id) => !offered.has(id)))
        ctx.addIssue({
          code: 'custom',
          path: ['siblings'],
          message: 'Select only children shown on this page',
        })
    })
    return read === null ? z.NEVER : { ...read, siblingIds: on.slice(1).map((c) => c.id) }
  })
}

/** An amendment: the same answers for the children the note is already on, and after the window a reason. */
export function amendSchema(
  now: Date,
  children: readonly NoteChild[],
  reasonRequired: boolean,
  types: readonly NoteType[] = NOTE_TYPES,
) {
  return baseSchema(children).transform((v, ctx) => {
    const read = readNote(v, children, now, types, ctx)
    const reason = v.reason === '' ? null : v.reason
    if (reasonRequired && reason === null)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter why you are amending this case note' })
    else if (reason !== null && reason.length > LONG_ANSWER_MAX)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `The reason must be ${LONG_MAX_TEXT} characters or fewer`,
      })
    return read === null ? z.NEVER : { ...read, reason }
  })
}

export const deleteSchema = z.object({
  reason: longAnswer('The reason', 'Enter why this case note is being deleted'),
})

const LONG_MAX_TEXT = LONG_ANSWER_MAX.toLocaleString('en-GB')
const text = z.string().trim().optional().default('')

/** Every field as text: the checks are made in `readNote`, all in one pass. */
function baseSchema(children: readonly NoteChild[]) {
  return z.object({
    noteType: text,
    'contact-day': text,
    'contact-month': text,
    'contact-year': text,
    'contact-time': text,
    whoSeen: text,
    body: text,
    reason: text,
    siblings: z.union([z.string(), z.array(z.string())]).optional(),
    ...Object.fromEntries(children.map((c) => [`seen-${c.id}`, z.string().optional()])),
  })
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function readNote(
  v: Record<string, unknown> & { noteType: string; whoSeen: string; body: string },
  on: readonly NoteChild[],
  now: Date,
  types: readonly NoteType[],
  ctx: z.RefinementCtx,
  checkSiblings: () => void = () => {},
): Omit<NoteInput, 'siblingIds'> | null {
  const type = noteType(v.noteType, types)
  if (type === undefined)
    ctx.addIssue({ code: 'custom', path: ['noteType'], message: 'Select the kind of contact' })
  const contactAt = readContactAt(v as Record<string, string | undefined>, ctx, now)
  let ok = type !== undefined && contactAt !== null
  if (v.whoSeen.length > LONG_ANSWER_MAX) {
    ctx.addIssue({
      code: 'custom',
      path: ['whoSeen'],
      message: `Who was seen or spoken to must be ${LONG_MAX_TEXT} characters or fewer`,
    })
    ok = false
  }
  checkSiblings()
  // Asked for a face-to-face contact, and while the kind is not yet chosen (so a missing answer
  // is said at once, not after the kind is put right).
  const asksSeen = type?.faceToFace ?? true
  const seen: NoteInput['seen'] = []
  for (const c of on) {
    const answer = v[`seen-${c.id}`]
    if (!asksSeen) seen.push({ childId: c.id, seen: 'not_seen' })
    else if (typeof answer === 'string' && SEEN.some((s) => s.code === answer))
      seen.push({ childId: c.id, seen: answer as ChildSeen })
    else
      ctx.addIssue({ code: 'custom', path: [`seen-${c.id}`], message: `Select whether ${c.name} was seen` })
  }
  if (v.body === '') ctx.addIssue({ code: 'custom', path: ['body'], message: 'Enter the case note' })
  else if (v.body.length > LONG_ANSWER_MAX)
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `The case note must be ${LONG_MAX_TEXT} characters or fewer`,
    })
  if (
    !ok ||
    contactAt === null ||
    seen.length !== on.length ||
    v.body === '' ||
    v.body.length > LONG_ANSWER_MAX
  )
    return null
  return { noteType: v.noteType, contactAt, whoSeen: v.whoSeen === '' ? null : v.whoSeen, body: v.body, seen }
}

function readContactAt(v: Record<string, string | undefined>, ctx: z.RefinementCtx, now: Date): Date | null {
  const [d, m, y, t] = [
    v['contact-day'] ?? '',
    v['contact-month'] ?? '',
    v['contact-year'] ?? '',
    v['contact-time'] ?? '',
  ]
  if (d === '' && m === '' && y === '') {
    ctx.addIssue({ code: 'custom', path: ['contact-day'], message: 'Enter the date of the contact' })
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['contact-day'],
      message: 'Date of the contact must be a real date',
    })
    return null
  }
  const time = TIME.exec(t)
  if (time === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['contact-time'],
      message: 'Enter the time of the contact, like 14:30',
    })
    return null
  }
  const at = londonInstant(iso, `${time[1]?.padStart(2, '0')}:${time[2]}`)
  if (at.getTime() > now.getTime() + 60_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['contact-day'],
      message: 'Date of the contact must be today or in the past',
    })
    return null
  }
  return at
}

// ---------------------------------------------------------------------------------------------
// Management oversight

/** How many actions the oversight form has room for. */
export const ACTION_ROWS = 5

export interface OversightInput {
  kind: OversightKind
  heldOn: string
  summary: string
  actions: { action: string; dueOn: string }[]
  interval: string
}

export const OVERSIGHT_FIELD_IDS = { heldOn: 'held-day', kind: 'kind', interval: 'interval' } as const

/**
 * An oversight record: management oversight or case supervision, the date it happened (not in
 * the future), what was considered and decided, actions each with a due date (not before the
 * oversight), and when the next is due (one of the authority's intervals).
 */
export function oversightSchema(now: Date, settings: CasenotesSettings = SETTINGS) {
  const rows = Array.from({ length: ACTION_ROWS }, (_, i) => i)
  const actionFields = Object.fromEntries(
    rows.flatMap((i) => [
      [`action-${i}-text`, z.string().trim().optional()],
      [`action-${i}-day`, z.string().trim().optional()],
      [`action-${i}-month`, z.string().trim().optional()],
      [`action-${i}-year`, z.string().trim().optional()],
    ]),
  ) as Record<string, z.ZodOptional<z.ZodString>>
  return z
    .object({
      kind: z.enum(OVERSIGHT_KINDS.map((k) => k.code) as [OversightKind, ...OversightKind[]], {
        error: 'Select management oversight or case supervision',
      }),
      'held-day': z.string().trim().default(''),
      'held-month': z.string().trim().default(''),
      'held-year': z.string().trim().default(''),
      summary: longAnswer('The summary', 'Enter what was considered and decided'),
      ...actionFields,
      interval: z.enum(settings.intervals.map((i) => i.code) as [string, ...string[]], {
        error: 'Select when the next oversight is due',
      }),
    })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string | undefined>
      const today = londonToday(now)
      let heldOn: string | null = null
      const [d, m, y] = [boxes['held-day'] ?? '', boxes['held-month'] ?? '', boxes['held-year'] ?? '']
      if (d === '' && m === '' && y === '')
        ctx.addIssue({ code: 'custom', path: ['held-day'], message: 'Enter the date of the oversight' })
      else {
        heldOn = dateFromParts(d, m, y)
        if (heldOn === null)
          ctx.addIssue({
            code: 'custom',
            path: ['held-day'],
            message: 'Date of the oversight must be a real date',
          })
        else if (heldOn > today) {
          ctx.addIssue({
            code: 'custom',
            path: ['held-day'],
            message: 'Date of the oversight must be today or in the past',
          })
          heldOn = null
        }
      }
      const actions: OversightInput['actions'] = []
      for (const i of rows) {
        const text = boxes[`action-${i}-text`] ?? ''
        const parts = [
          boxes[`action-${i}-day`] ?? '',
          boxes[`action-${i}-month`] ?? '',
          boxes[`action-${i}-year`] ?? '',
        ]
        if (text === '' && parts.every((p) => p === '')) continue
        if (text === '') {
          ctx.addIssue({ code: 'custom', path: [`action-${i}-text`], message: `Enter action ${i + 1}` })
          continue
        }
        if (text.length > SHORT_ANSWER_MAX) {
          ctx.addIssue({
            code: 'custom',
            path: [`action-${i}-text`],
            message: `Action ${i + 1} must be ${SHORT_ANSWER_MAX} characters or fewer`,
          })
          continue
        }
        const due = parts.every((p) => p === '')
          ? undefined
          : dateFromParts(parts[0] ?? '', parts[1] ?? '', parts[2] ?? '')
        if (due === undefined || due === null) {
          ctx.addIssue({
            code: 'custom',
            path: [`action-${i}-day`],
            message:
              due === undefined
                ? `Enter when action ${i + 1} is due`
                : `Due date of action ${i + 1} must be a real date`,
          })
          continue
        }
        if (heldOn !== null && due < heldOn) {
          ctx.addIssue({
            code: 'custom',
            path: [`action-${i}-day`],
            message: `Due date of action ${i + 1} must be on or after the date of the oversight`,
          })
          continue
        }
        actions.push({ action: text, dueOn: due })
      }
      if (heldOn === null) return z.NEVER
      return { kind: v.kind, heldOn, summary: v.summary, actions, interval: v.interval }
    })
}

/**
 * When the next oversight is due after one held on `heldOn`: the clock's own arithmetic (working
 * days in the authority's calendar, so bank holidays push it on), as a London date.
 */
export function nextOversightDue(
  definition: ClockDefinition,
  heldOn: string,
  interval: string,
  calendar: WorkingCalendar,
): string {
  return londonDate(dueAt(definition, oversightInstant(heldOn).toISOString(), calendar, { interval }))
}

/**
 * The instant an oversight held on a date stands at on the chronology and the clock: the time it
 * is recorded when that is the same day, else midday (the record gives a date, not a time).
 */
export function oversightInstant(heldOn: string, recordedAt?: Date): Date {
  if (recordedAt && londonToday(recordedAt) === heldOn) return recordedAt
  return londonInstant(heldOn, '12:00')
}
