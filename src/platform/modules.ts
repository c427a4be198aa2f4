/**
 * The module contract. Every area under `src/modules/<area>/` exports one `HavenModule` from its
 * `index.ts`; the composition root (`src/bootstrap.ts`) builds the application from the list, and
 * the navigation, the home page and the child's chronology read what the modules contribute. A
 * module is added by writing its folder and adding one line to that list.
 *
 * The platform imports no module: it defines the shape here and is handed the list.
 */
import type { FastifyInstance } from 'fastify'
import type { AuditContext } from './audit/audit.js'
import type { Clock } from './calendar/clock.js'
import type { Config } from './config.js'
import type { Db } from './db/database.js'
import type { AdminSection, NavigationEntry } from './http/navigation.js'
import type { CurrentUser } from './http/request-context.js'
import type { SubjectKinds } from './http/subjects.js'
import type { ChildRecord } from './permissions/allow.js'
import type { FieldClass } from './permissions/fields.js'
import type { KpiMeasure } from './measures.js'
import { parseSignOffSubjectId, SIGN_OFF_SUBJECT } from './signoff/service.js'

export type { AdminSection, NavigationEntry } from './http/navigation.js'

/** What the platform hands every module's routes and panels. */
export interface PlatformDeps {
  db: Db
  config: Config
  clock: Clock
}

/** A module's routes get the platform's dependencies and what the other modules contribute. */
export interface ModuleDeps extends PlatformDeps {
  modules: ModuleContributions
}

/** Registers routes on the application, after the platform's own plugins. */
export type RouteRegistrar = (app: FastifyInstance) => void | Promise<void>

/**
 * Something a module adds to the home page of the people it concerns (counts, queues), computed
 * by the module's own service for the signed-in user.
 */
export interface HomePanel {
  /** Where it sits among every module's panels, lower first. */
  order: number
  /** The Nunjucks partial that shows it; it reads `panel.data`. */
  template: string
  /**
   * What the panel shows this user now, or null for nothing. A panel that names children must
   * audit that itself; figures alone need no audit.
   */
  load(deps: PlatformDeps, user: CurrentUser): Promise<Record<string, unknown> | null>
}

/**
 * Something a module adds to a child's record page (its case notes, its plans), computed by the
 * module's own service for the reader. The record page has checked and audited the reader's view
 * of the child; the panel applies any narrower rule of its own (case notes are not for partner
 * agencies) and returns null to show nothing.
 */
export interface RecordPanel {
  /** Where it sits among every module's panels on the record, lower first. */
  order: number
  /** The Nunjucks partial that shows it; it reads `panel.data` (and the page's `child`). */
  template: string
  /**
   * `audit` is the page's request, for a panel that reads beyond the child the page has already
   * audited (a relative's history): it writes its own audit rows for those reads. `deps` carries
   * what the modules contribute (the chronology's panel reads every module's meeting types).
   */
  load(
    deps: ModuleDeps,
    user: CurrentUser,
    child: ChildRecord,
    audit: AuditContext,
  ): Promise<Record<string, unknown> | null>
}

/** A panel as the home page renders it. */
export interface ShownPanel {
  template: string
  data: Record<string, unknown>
}

/** One event on a child's chronology, as the page has it. */
export interface ChronologyEvent {
  type: string
  /** The line recorded with the event when it happened. */
  summary: string
}

/** The agency an event belongs to on the multi-agency chronology when its presenter does not say. */
export const CHILDRENS_SOCIAL_CARE = 'Children’s social care'

/** How a module's `case_event` types read on the child's chronology. */
export interface ChronologyPresenter {
  /** The types it presents: one type ('contact.received') or all under a prefix ('contact.*'). */
  types: readonly string[]
  /** The line the chronology shows for one of them. */
  summary(event: ChronologyEvent): string
  /**
   * The agency whose event it is on the multi-agency chronology, which partners read and filter by
   * agency; children's social care when left out (the council's own casework). It is given the
   * event's type alone: the chronology filters by agency in SQL, from the types on the record.
   */
  agency?(event: Pick<ChronologyEvent, 'type'>): string
  /**
   * The exact types among `types` that are a multi-agency meeting held (a strategy discussion, a
   * conference, a core group, a plan review, a team around the family meeting): the chronology
   * warns when a child worked with has had none for the weeks in `reference/chronology/meetings.json`.
   */
  meetingTypes?: readonly string[]
  /**
   * The exact types among `types` recorded for a day rather than a moment (a plan started or ended
   * on a date): their instant only orders them within the day (its start or its end), so the
   * chronologies show their date alone, not a time nobody recorded.
   */
  datedTypes?: readonly string[]
  /**
   * A protected class of information its lines may carry (a confidential address): a reader of the
   * multi-agency chronology who may not see that class reads `summary` here instead. The record
   * page words such lines itself, from what it knows of the record now.
   */
  withheld?: { field: FieldClass; summary(event: ChronologyEvent): string }
}

/** An event as a chronology shows it: worded by its module, and whether it was recorded for a day only. */
export type WordedEvent<E extends ChronologyEvent> = E & { dated: boolean }

/** An event as the multi-agency chronology shows it: worded for the reader, with its agency. */
export type PresentedEvent<E extends ChronologyEvent> = WordedEvent<E> & { agency: string }

export interface HavenModule {
  /** The folder's name under `src/modules/`. */
  name: string
  /** Its pages. Each route declares its access rule and, where its URL names a record, its subject. */
  routes?: (deps: ModuleDeps) => readonly RouteRegistrar[]
  /** The kinds of record its routes name (ADR 6); a module describes only its own tables' records. */
  subjects?: SubjectKinds
  /** Its entries in the service navigation, by role and action. */
  navigation?: readonly NavigationEntry[]
  /** Its sections of the administration pages' own navigation (under /admin). */
  adminSections?: readonly AdminSection[]
  /** What it adds to the home page. */
  homePanels?: readonly HomePanel[]
  /** What it adds to a child's record page. */
  recordPanels?: readonly RecordPanel[]
  /** How its `case_event` types read on the child's chronology. */
  chronology?: readonly ChronologyPresenter[]
  /** The codes of the statutory clocks it starts and stops (`reference/clock-definitions.json`). */
  clocks?: readonly string[]
  /** The SQL views other modules, the digest and the returns may read: its read contract. */
  publishedViews?: readonly string[]
  /**
   * The KPIs whose data it holds: its `reference/kpis/<module>.json`, parsed (platform/measures.ts).
   * The composition root loads every module's into `kpi_measure`, which the digest reads.
   */
  measures?: readonly KpiMeasure[]
  /**
   * Where each task of its clocks is done, by the task's subject type: a worklist links the task
   * there rather than to the child's record (a task that leads nowhere is a dead end).
   */
  taskPages?: Readonly<Record<string, (subjectId: string) => string>>
}

/** What every module's pages may use from the others, built from the list of modules. */
export interface ModuleContributions {
  /** The home page's panels for this user, in order, leaving out those with nothing to show. */
  homePanels(user: CurrentUser): Promise<ShownPanel[]>
  /** A child's record page's panels for this reader, in order, leaving out those with nothing to show. */
  recordPanels(user: CurrentUser, child: ChildRecord, audit: AuditContext): Promise<ShownPanel[]>
  /** The chronology's lines as the module owning each event type words them. */
  presentChronology<E extends ChronologyEvent>(events: readonly E[]): WordedEvent<E>[]
  /**
   * The multi-agency chronology's lines for a reader who sees `visible` of the protected classes:
   * worded by each event's module (a withheld class's line in its place), each with its agency.
   */
  presentForReader<E extends ChronologyEvent>(
    events: readonly E[],
    visible: readonly FieldClass[],
  ): PresentedEvent<E>[]
  /** The page where a task about this subject is done, if its module names one. */
  taskPage(subjectType: string, subjectId: string): string | null
  /** The case event types every module marks as a multi-agency meeting held, sorted. */
  meetingTypes(): readonly string[]
  /** The agency an event of this type belongs to on the multi-agency chronology. */
  agencyOf(type: string): string
}

function presenterFor(modules: readonly HavenModule[]): (type: string) => ChronologyPresenter | undefined {
  const exact = new Map<string, ChronologyPresenter>()
  const prefixes = new Map<string, ChronologyPresenter>()
  for (const m of modules)
    for (const p of m.chronology ?? [])
      for (const t of p.types) {
        const into = t.endsWith('.*') ? prefixes : exact
        const key = t.endsWith('.*') ? t.slice(0, -1) : t
        if (into.has(key)) throw new Error(`Two modules present the case event type "${t}"`)
        into.set(key, p)
      }
  return (type) => {
    const dot = type.indexOf('.')
    return exact.get(type) ?? (dot > 0 ? prefixes.get(type.slice(0, dot + 1)) : undefined)
  }
}

/**
 * Checks the list once at start-up (a name, subject kind or clock claimed twice is a mistake) and
 * builds what the modules contribute to each other's pages.
 */
export function moduleContributions(
  modules: readonly HavenModule[],
  deps: PlatformDeps,
): ModuleContributions {
  const names = new Set<string>()
  const clocks = new Map<string, string>()
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Two modules are called "${m.name}"`)
    names.add(m.name)
    for (const code of m.clocks ?? []) {
      const other = clocks.get(code)
      if (other) throw new Error(`The clock "${code}" is claimed by ${other} and ${m.name}`)
      clocks.set(code, m.name)
    }
  }
  const panels = modules.flatMap((m) => m.homePanels ?? []).sort((a, b) => a.order - b.order)
  const onRecord = modules.flatMap((m) => m.recordPanels ?? []).sort((a, b) => a.order - b.order)
  const presenter = presenterFor(modules)
  const taskPages = new Map(modules.flatMap((m) => Object.entries(m.taskPages ?? {})))
  const meetings = [
    ...new Set(modules.flatMap((m) => (m.chronology ?? []).flatMap((p) => p.meetingTypes ?? []))),
  ].sort()
  for (const type of meetings)
    if (!presenter(type)?.meetingTypes?.includes(type))
      throw new Error(`The meeting type "${type}" is not presented by the module that marks it`)
  for (const m of modules)
    for (const p of m.chronology ?? [])
      for (const type of p.datedTypes ?? [])
        if (presenter(type) !== p)
          throw new Error(`The dated type "${type}" is not presented by the module that marks it`)
  const dated = (type: string) => presenter(type)?.datedTypes?.includes(type) ?? false
  const agencyOf = (type: string) => presenter(type)?.agency?.({ type }) ?? CHILDRENS_SOCIAL_CARE
  const contributions: ModuleContributions = {
    meetingTypes: () => meetings,
    agencyOf,
    taskPage(subjectType, subjectId) {
      // A sign-off's task is done on the page of the record waiting for it (platform/signoff).
      if (subjectType === SIGN_OFF_SUBJECT) {
        const record = parseSignOffSubjectId(subjectId)
        return record ? (taskPages.get(record.subjectType)?.(record.subjectId) ?? null) : null
      }
      return taskPages.get(subjectType)?.(subjectId) ?? null
    },
    async homePanels(user) {
      const shown: ShownPanel[] = []
      for (const panel of panels) {
        const data = await panel.load(deps, user)
        if (data) shown.push({ template: panel.template, data })
      }
      return shown
    },
    async recordPanels(user, child, audit) {
      const shown: ShownPanel[] = []
      for (const panel of onRecord) {
        const data = await panel.load({ ...deps, modules: contributions }, user, child, audit)
        if (data) shown.push({ template: panel.template, data })
      }
      return shown
    },
    presentChronology(events) {
      // An event no module presents (its module since removed) reads as it was recorded.
      return events.map((e) => {
        const p = presenter(e.type)
        return { ...e, summary: p ? p.summary(e) : e.summary, dated: dated(e.type) }
      })
    },
    presentForReader(events, visible) {
      return events.map((e) => {
        const p = presenter(e.type)
        const summary = !p
          ? e.summary
          : p.withheld && !visible.includes(p.withheld.field)
            ? p.withheld.summary(e)
            : p.summary(e)
        return { ...e, summary, agency: agencyOf(e.type), dated: dated(e.type) }
      })
    },
  }
  return contributions
}

/** Every module's subject kinds in one table; a kind described twice fails at start-up. */
export function moduleSubjects(modules: readonly HavenModule[], platform: SubjectKinds): SubjectKinds {
  const all: SubjectKinds = { ...platform }
  for (const m of modules)
    for (const [kind, description] of Object.entries(m.subjects ?? {})) {
      if (kind in all) throw new Error(`The subject kind "${kind}" is described twice (${m.name})`)
      all[kind] = description
    }
  return all
}
