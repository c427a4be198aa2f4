/**
 * Returns uploaded to be checked: the rules of the upload form and of the report, with no I/O.
 *
 * A performance officer sends a return (the CIN census as one XML file; SSDA903 as its CSV or XML
 * files, with last year's if they have them), Haven checks it in the background against the
 * collection year's rules, and the findings are kept for `keepDays` and then deleted.
 */
import { z } from 'zod'
import { cinRuleSets } from '../cin/rule-sets.js'
import { ssda903RuleSets } from '../ssda903/rule-sets.js'

export type ReturnKind = 'cin' | 'ssda903'

export interface ReturnKindInfo {
  name: string
  /** The file types taken, as extensions. */
  extensions: readonly string[]
  /** The most files of this year's return (the CIN census is one file). */
  maxFiles: number
  /** Whether last year's return can be sent too (the rules comparing the two years). */
  takesPrevious: boolean
  years: readonly string[]
}

export const RETURN_KINDS: Readonly<Record<ReturnKind, ReturnKindInfo>> = {
  cin: {
    name: 'CIN census',
    extensions: ['.xml'],
    maxFiles: 1,
    takesPrevious: false,
    years: cinRuleSets.years().sort().reverse(),
  },
  ssda903: {
    name: 'SSDA903',
    extensions: ['.csv', '.xml'],
    maxFiles: 30,
    takesPrevious: true,
    years: ssda903RuleSets.years().sort().reverse(),
  },
}

/** Every file of one upload, this year's and last year's together. */
export const MAX_FILES_PER_UPLOAD = 60

/** The file types any return is sent in, before the form says which return it is. */
const ANY_EXTENSION = ['.csv', '.xml']

/** A file's extension in lower case ('.csv'), or '' when it has none. */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name)
  return match ? `.${(match[1] as string).toLowerCase()}` : ''
}

/** Why a file of this name is not taken at all, in GOV.UK's words, or null. */
export function refuseFileName(name: string): string | null {
  return ANY_EXTENSION.includes(extensionOf(name)) ? null : `${name} must be a CSV or XML file`
}

export const uploadSchema = z.object({
  kind: z.enum(['cin', 'ssda903'], { error: 'Select which return you are uploading' }),
  year: z.string({ error: 'Select the collection year' }).min(1, 'Select the collection year'),
})

export type UploadAnswers = z.infer<typeof uploadSchema>

export interface SentFile {
  /** The form field: `files` (this year's) or `previous` (last year's). */
  field: string
  name: string
  bytes: number
}

/**
 * What is wrong with an upload whose files were all taken, by field: the year must be one the
 * return has rules for, this year's files must be there in the return's types and number, and
 * last year's only where the return compares the years.
 */
export function uploadProblems(answers: UploadAnswers, files: readonly SentFile[]): Record<string, string> {
  const kind = RETURN_KINDS[answers.kind]
  const problems: Record<string, string> = {}
  if (!kind.years.includes(answers.year))
    problems.year = `Select a collection year Haven has the ${kind.name} rules for (${kind.years.join(', ')})`
  const current = files.filter((f) => f.field === 'files')
  const previous = files.filter((f) => f.field === 'previous')
  const types = kind.extensions.map((e) => e.slice(1).toUpperCase()).join(' or ')
  const wrongType = (list: readonly SentFile[]) =>
    list.find((f) => !kind.extensions.includes(extensionOf(f.name)))
  const wrong = wrongType(current)
  if (current.length === 0)
    problems.files = `Select the ${kind.name} ${kind.maxFiles === 1 ? 'file' : 'files'}`
  else if (wrong) problems.files = `${wrong.name} must be a ${types} file for the ${kind.name}`
  else if (current.length > kind.maxFiles)
    problems.files =
      kind.maxFiles === 1
        ? `Select one file: the ${kind.name} is a single XML file`
        : `Select no more than ${kind.maxFiles} files`
  if (previous.length > 0 && !kind.takesPrevious)
    problems.previous = `Last year’s return is not used for the ${kind.name}: remove it`
  else {
    const wrongPrevious = wrongType(previous)
    if (wrongPrevious)
      problems.previous = `${wrongPrevious.name} must be a ${types} file for the ${kind.name}`
  }
  return problems
}

/** When an upload's files and findings are deleted: `keepDays` whole days after it was sent. */
export function deleteAfter(uploadedAt: Date, keepDays: number): Date {
  return new Date(uploadedAt.getTime() + keepDays * 24 * 60 * 60 * 1000)
}

/** A size in words for people: "850 KB", "12.4 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`
}

/** The ways the report is shown: a count per rule, per table, per child, or the findings. */
export const REPORT_VIEWS = ['rules', 'tables', 'children', 'findings'] as const
export type ReportView = (typeof REPORT_VIEWS)[number]

/** Which findings the list and the downloads hold. */
export interface FindingFilter {
  code?: string
  table?: string
  child?: string
  type?: 'error' | 'query'
}

const FILTER_TEXT = /^[A-Za-z0-9_ ./-]{1,60}$/

/**
 * The filter a page's query asks for: values that could be a rule code, table or child reference,
 * anything else ignored (a filter that names nothing shows nothing, it never fails).
 */
export function filterFromQuery(query: Readonly<Record<string, unknown>>): FindingFilter {
  const text = (name: string) => {
    const value = query[name]
    return typeof value === 'string' && FILTER_TEXT.test(value.trim()) ? value.trim() : undefined
  }
  const type = query.type === 'error' || query.type === 'query' ? query.type : undefined
  const filter: FindingFilter = {}
  const code = text('code')
  const table = text('table')
  const child = text('child')
  if (code) filter.code = code
  if (table) filter.table = table
  if (child) filter.child = child
  if (type) filter.type = type
  return filter
}

/** The filter as query parameters, for links that keep it (pages, downloads). */
export function filterQuery(filter: FindingFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >
}

export function reportViewFromQuery(query: Readonly<Record<string, unknown>>): ReportView {
  const view = query.view
  return typeof view === 'string' && (REPORT_VIEWS as readonly string[]).includes(view)
    ? (view as ReportView)
    : 'rules'
}
