/**
 * Children looked after: a period of care made of episodes, with the SSDA903's semantics (DfE,
 * standards §b.1, §b.5). A period starts with an episode whose reason for new episode (RNE) is S;
 * each change of legal status or placement ends the current episode (REC X1, its DEC the new
 * episode's DECOM) and starts the next, its RNE derived from what changed, never typed; the period
 * ends with the last episode's reason ceased (any REC but X1). Pure: the code lists, the rules
 * and their refusals, the forms' schemas and the DfE's distance formula.
 */
import { z } from 'zod'
import codesFile from '../../../reference/care/ssda903-codes.json' with { type: 'json' }
import { dateFromParts, londonToday, longDate } from '../../platform/calendar/dates.js'
import { readCommissioning, type CommissioningRoute } from './placement-money.js'

export interface Code {
  code: string
  label: string
}

export interface CareCodes {
  collectionYear: string
  legalStatuses: readonly Code[]
  reasonsForNewEpisode: readonly Code[]
  categoriesOfNeed: readonly Code[]
  placementTypes: readonly Code[]
  withoutProvider: readonly string[]
  temporary: readonly string[]
  providers: readonly Code[]
  reasonsCeased: readonly Code[]
  reasonsForPlacementChange: readonly Code[]
}

/** Checks the code lists once, at start: a list the tables' checks would refuse fails here. */
export function readCareCodes(raw: unknown): CareCodes {
  const codes = z
    .array(z.object({ code: z.string().regex(/^[A-Z0-9]{1,6}$/), label: z.string().min(1) }))
    .min(1)
  const parsed = z
    .object({
      $comment: z.string().min(1),
      collectionYear: z.string().regex(/^\d{4}\/\d{2}$/),
      legalStatuses: codes,
      reasonsForNewEpisode: codes,
      categoriesOfNeed: codes,
      placementTypes: codes,
      withoutProvider: z.array(z.string()),
      temporary: z.array(z.string()),
      providers: codes,
      reasonsCeased: codes,
      reasonsForPlacementChange: codes,
    })
    .parse(raw)
  const places = new Set(parsed.placementTypes.map((p) => p.code))
  for (const code of [...parsed.withoutProvider, ...parsed.temporary])
    if (!places.has(code)) throw new Error(`Placement type ${code} is listed but not a placement type`)
  if (!parsed.reasonsCeased.some((r) => r.code === EPISODE_CONTINUES))
    throw new Error('The reasons ceased must include X1, which a change of episode records')
  return parsed
}

/** The REC of an episode a change ends: a new episode starts the same day. */
export const EPISODE_CONTINUES = 'X1'

export const CARE_CODES: CareCodes = readCareCodes(codesFile)
export const LEGAL_STATUSES = CARE_CODES.legalStatuses
export const CATEGORIES_OF_NEED = CARE_CODES.categoriesOfNeed
export const PLACEMENT_TYPES = CARE_CODES.placementTypes
export const PROVIDERS = CARE_CODES.providers
export const REASONS_FOR_PLACEMENT_CHANGE = CARE_CODES.reasonsForPlacementChange
export const REASONS_FOR_NEW_EPISODE = CARE_CODES.reasonsForNewEpisode
/** Every REC, X1 included: an episode's record shows any of them. */
export const REASONS_CEASED = CARE_CODES.reasonsCeased
/** The reasons a period of care ends with: every REC but X1, which only a change records. */
export const REASONS_CARE_ENDS = REASONS_CEASED.filter((r) => r.code !== EPISODE_CONTINUES)

/** "V2: Single period of accommodation …", or the code alone when the list has no such code. */
export function codeText(list: readonly Code[], code: string | null): string {
  if (code === null) return ''
  const found = list.find((c) => c.code === code)
  return found ? `${code}: ${found.label}` : code
}

/** The clock subject and the case events the module writes (reference/clock-definitions.json). */
export const CARE_SUBJECT = 'period_of_care'
export const CARE_EVENTS = {
  started: 'care.started',
  legalStatusChanged: 'care.legal_status_changed',
  placementChanged: 'care.placement_changed',
  ended: 'care.ended',
  /** Starts the statutory visit clock (lac-visit-1w): written with every new placement. */
  placementStarted: 'placement.started',
} as const
/**
 * The clocks on a period of care (reference/clock-definitions.json): the start starts the first
 * review, the initial health assessment and the PEP; each new placement a visit; the end cancels
 * them all. Reviews, visits, health and education are recorded by later slices.
 */
export const CARE_CLOCKS = [
  'lac-review-20wd',
  'lac-review-3m',
  'lac-review-6m',
  'lac-visit-1w',
  'lac-visit-6w',
  'iha-20wd',
  'rha',
  'pep-10wd',
  'pep-review-term',
] as const

export type Rne = 'S' | 'L' | 'P' | 'T' | 'U' | 'B'
export type Admission = 'emergency' | 'planned'

/** Where and with whom the child lives: the SSDA903's PLACE, PLACE_PROVIDER, URN and PL_POST. */
export interface Placement {
  place: string
  provider: string | null
  carer: string
  urn: string | null
  postcode: string | null
}

/** The episode a change ends: when it began, and its legal status and placement. */
export interface CurrentEpisode {
  startDate: string
  legalStatus: string
  placement: Placement
}

/** A refusal on the form's field it is about. */
export interface Refusal {
  field: string
  message: string
}

export const ALREADY_IN_CARE =
  'This child is already looked after: end the current period of care before starting another'

const needsProvider = (place: string) => !CARE_CODES.withoutProvider.includes(place)
export const isTemporary = (place: string) => CARE_CODES.temporary.includes(place)

/**
 * The RNE of the episode a change starts, from what changed: legal status only L; placement and
 * carer P, the same carer B; both T, both with the same carer U. Null when nothing changed.
 */
export function reasonForNewEpisode(change: {
  legalStatusChanged: boolean
  placementChanged: boolean
  sameCarer: boolean
}): Rne | null {
  const { legalStatusChanged: ls, placementChanged: pl, sameCarer } = change
  if (ls && pl) return sameCarer ? 'U' : 'T'
  if (pl) return sameCarer ? 'B' : 'P'
  return ls ? 'L' : null
}

/** Whether the placement is another one: any of its facts differs, or the carer changes. */
export function placementChanged(from: Placement, to: Placement, sameCarer: boolean): boolean {
  return (
    !sameCarer ||
    from.place !== to.place ||
    from.provider !== to.provider ||
    from.carer !== to.carer ||
    from.urn !== to.urn ||
    from.postcode !== to.postcode
  )
}

/** Why a placement cannot be recorded as given (a provider where its type needs one), or null. */
export function placementRefusal(p: Placement): Refusal | null {
  if (needsProvider(p.place) && p.provider === null)
    return { field: 'provider', message: `Select the provider: a ${p.place} placement needs one` }
  return null
}

/** A change's date: on or after the current episode's start, and not in the future. */
function changeDateRefusal(
  date: string,
  current: CurrentEpisode,
  today: string,
  field: string,
): Refusal | null {
  if (date < current.startDate)
    return {
      field,
      message: `The date must be on or after ${longDate(current.startDate)}, when the current episode started`,
    }
  if (date > today) return { field, message: 'The date must be today or in the past' }
  return null
}

/** Why the child cannot start to be looked after on this date, or null. */
export function startRefusal(s: {
  startDate: string
  today: string
  inCare: boolean
  lastEnded: string | null
  dateOfBirth: string | null
  placement: Placement
}): Refusal | null {
  if (s.inCare) return { field: 'form', message: ALREADY_IN_CARE }
  if (s.startDate > s.today)
    return { field: 'start-day', message: 'The start date must be today or in the past' }
  if (s.dateOfBirth !== null && s.startDate < s.dateOfBirth)
    return { field: 'start-day', message: 'The start date must be on or after the child’s date of birth' }
  if (s.lastEnded !== null && s.startDate < s.lastEnded)
    return {
      field: 'start-day',
      message: `The start date must be on or after ${longDate(s.lastEnded)}, when the child’s last period of care ended`,
    }
  return placementRefusal(s.placement)
}

/** What a change does to the period: the current episode ends (X1) and the next starts. */
export interface PlannedChange {
  rne: Rne
  /** The ended episode's REASON_PLACE_CHANGE (the 903 records it on the episode the move ends). */
  reasonPlaceChange: string | null
  legalStatus: string
  /** The new placement, or null when the child stays where they are. */
  placement: Placement | null
}

/** A change of legal status alone (RNE L), or why not. */
export function planLegalStatusChange(
  current: CurrentEpisode,
  change: { date: string; legalStatus: string },
  today: string,
): PlannedChange | Refusal {
  const refused = changeDateRefusal(change.date, current, today, 'change-day')
  if (refused) return refused
  if (change.legalStatus === current.legalStatus)
    return {
      field: 'legalStatus',
      message: `The legal status is already ${current.legalStatus}: select the new legal status`,
    }
  return { rne: 'L', reasonPlaceChange: null, legalStatus: change.legalStatus, placement: null }
}

/**
 * A change of placement (RNE P or B), with the legal status too when it changes the same day
 * (T or U), or why not. The reason for the change is required unless the move is into or out of
 * a temporary placement (T0–T4), where the 903 takes none (rules 225, 226).
 */
export function planPlacementChange(
  current: CurrentEpisode,
  change: {
    date: string
    placement: Placement
    sameCarer: boolean
    legalStatus: string
    reasonPlaceChange: string | null
  },
  today: string,
): PlannedChange | Refusal {
  const refused = changeDateRefusal(change.date, current, today, 'change-day')
  if (refused) return refused
  const moved = placementChanged(current.placement, change.placement, change.sameCarer)
  if (!moved)
    return {
      field: 'place',
      message: 'Nothing about the placement has changed: give the new placement’s details',
    }
  const placement = placementRefusal(change.placement)
  if (placement) return placement
  const temporary = isTemporary(current.placement.place) || isTemporary(change.placement.place)
  if (!temporary && change.reasonPlaceChange === null)
    return { field: 'reasonPlaceChange', message: 'Select the reason for the change of placement' }
  const rne = reasonForNewEpisode({
    legalStatusChanged: change.legalStatus !== current.legalStatus,
    placementChanged: true,
    sameCarer: change.sameCarer,
  }) as Rne
  return {
    rne,
    reasonPlaceChange: temporary ? null : change.reasonPlaceChange,
    legalStatus: change.legalStatus,
    placement: change.placement,
  }
}

/** Why the period cannot end on this date with this reason, or null. */
export function endRefusal(
  current: CurrentEpisode,
  end: { date: string; reason: string },
  today: string,
): Refusal | null {
  const refused = changeDateRefusal(end.date, current, today, 'end-day')
  if (refused) return refused
  if (!REASONS_CARE_ENDS.some((r) => r.code === end.reason))
    return { field: 'reason', message: 'Select why the child stopped being looked after' }
  return null
}

export const isRefusal = (r: PlannedChange | Refusal): r is Refusal => 'message' in r

/**
 * Placed for adoption (A3–A6): the carers are the prospective adopters, whose names and address
 * are the protected class `adopter_identity` (SEC-10), shown only to readers who may see it.
 */
export const isAdoptivePlacement = (place: string) => /^A[3-6]$/.test(place)

/** Who the child lives with and where, as this reader may see it: adopters' identity withheld. */
export function placementAsSeen<
  P extends { place: string; carer_name: string; postcode: string | null; urn: string | null },
>(p: P, mayIdentifyAdopters: boolean): P & { withheld: boolean } {
  if (mayIdentifyAdopters || !isAdoptivePlacement(p.place)) return { ...p, withheld: false }
  return { ...p, carer_name: 'Withheld: the prospective adopters', postcode: null, urn: null, withheld: true }
}

/** Grid references in metres (OS eastings and northings), as the postcode directory gives them. */
export interface GridPoint {
  easting: number
  northing: number
}

const METRES_PER_MILE = 1000 * 1.6093

/** Miles from home to the placement by the DfE's formula: √(ΔE² + ΔN²) / 1000 / 1.6093, to 1 dp. */
export function placementDistanceMiles(home: GridPoint, placement: GridPoint): number {
  const metres = Math.hypot(home.easting - placement.easting, home.northing - placement.northing)
  return Math.round((metres / METRES_PER_MILE) * 10) / 10
}

/** A postcode as kept: upper case, one space before the inward code ("RM17 6AB"). */
export function normalPostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(compact)) return null
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

// ---------------------------------------------------------------------------------------------
// The forms' schemas: what each answer must be on its own. The rules that need the record (the
// current episode, another period) are the functions above, which the service applies.

const enumOf = (list: readonly Code[], message: string) =>
  z.enum(list.map((c) => c.code) as [string, ...string[]], { error: message })

export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))

/**
 * A GOV.UK date input's three boxes as an ISO date; issues go on `<prefix>-day`, the first box.
 * The care module's forms (care, reviews, visits) all read their dates with it.
 */
export function readDay(
  v: Record<string, unknown>,
  prefix: string,
  ctx: z.RefinementCtx,
  words: { missing: string | null; name: string },
  today: string,
): string | null {
  const [d, m, y] = ['day', 'month', 'year'].map((k) => {
    const value = v[`${prefix}-${k}`]
    return typeof value === 'string' ? value.trim() : ''
  }) as [string, string, string]
  const path = [`${prefix}-day`]
  if (d === '' && m === '' && y === '') {
    if (words.missing !== null) ctx.addIssue({ code: 'custom', path, message: words.missing })
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    ctx.addIssue({ code: 'custom', path, message: `${words.name} must be a real date` })
    return null
  }
  if (iso > today) {
    ctx.addIssue({ code: 'custom', path, message: `${words.name} must be today or in the past` })
    return null
  }
  return iso
}

/** A date's three boxes filled with a day (today, for a form shown the first time). */
export function dayValues(prefix: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

/** The three boxes of a GOV.UK date input named `prefix`, as the form sends them. */
export const dayBoxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().optional(),
  [`${prefix}-month`]: z.string().optional(),
  [`${prefix}-year`]: z.string().optional(),
})

/** The placement's fields, shared by starting care and changing placement. */
const placementFields = {
  place: enumOf(PLACEMENT_TYPES, 'Select the placement type'),
  provider: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  carer: z
    .string({ error: 'Enter the carer’s or the home’s name' })
    .trim()
    .min(1, 'Enter the carer’s or the home’s name')
    .max(200, 'The carer’s or the home’s name must be 200 characters or fewer'),
  urn: optionalText('The Ofsted URN', 12),
  postcode: z.string().optional(),
  // How the placement is commissioned and its weekly cost (placement-money.ts): optional here.
  route: z.string().optional(),
  weeklyCost: z.string().optional(),
}

/** The route and weekly cost given with a new placement, or null when left for later. */
export type Commissioning = { route: CommissioningRoute; weeklyPence: number | null } | null

function readPlacement(
  v: {
    place: string
    provider: string | null
    carer: string
    urn: string | null
    postcode?: string | undefined
  },
  ctx: z.RefinementCtx,
): Placement | null {
  // Checked here rather than in the object, so every wrong answer shows at once.
  let ok = true
  if (v.provider !== null && !PROVIDERS.some((p) => p.code === v.provider)) {
    ctx.addIssue({ code: 'custom', path: ['provider'], message: 'Select the provider from the list' })
    ok = false
  }
  if (v.urn !== null && !/^[A-Z0-9]{1,12}$/i.test(v.urn)) {
    ctx.addIssue({
      code: 'custom',
      path: ['urn'],
      message: 'The Ofsted URN must be letters and numbers only, for example SC123456',
    })
    ok = false
  }
  const postcode = readPostcode(v.postcode, 'postcode', 'The placement’s postcode', ctx)
  if (postcode === undefined || !ok) return null
  return { place: v.place, provider: v.provider, carer: v.carer, urn: v.urn?.toUpperCase() ?? null, postcode }
}

/** An optional postcode: null when empty, undefined (with an issue) when not a postcode. */
function readPostcode(
  raw: string | undefined,
  field: string,
  name: string,
  ctx: z.RefinementCtx,
): string | null | undefined {
  if (!raw || raw.trim() === '') return null
  const postcode = normalPostcode(raw)
  if (postcode === null)
    ctx.addIssue({ code: 'custom', path: [field], message: `${name} must be a real postcode, like RM17 6AB` })
  return postcode ?? undefined
}

export function startSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      admission: z.enum(['emergency', 'planned'], {
        error: 'Select whether the admission is emergency or planned',
      }),
      ...dayBoxes('start'),
      panelName: optionalText('The panel’s name', 200),
      ...dayBoxes('panel'),
      panelChair: optionalText('The chair’s name', 200),
      legalStatus: enumOf(LEGAL_STATUSES, 'Select the legal status'),
      categoryOfNeed: enumOf(CATEGORIES_OF_NEED, 'Select the category of need'),
      homePostcode: z.string().optional(),
      ...placementFields,
    })
    .transform((v, ctx) => {
      const startDate = readDay(
        v,
        'start',
        ctx,
        { missing: 'Enter the date the child started to be looked after', name: 'The start date' },
        today,
      )
      const panelDate = readDay(
        v,
        'panel',
        ctx,
        { missing: null, name: 'The date of the panel’s decision' },
        today,
      )
      // A planned admission comes through the panel; an emergency one may be reviewed by it later.
      if (v.admission === 'planned') {
        if (v.panelName === null)
          ctx.addIssue({
            code: 'custom',
            path: ['panelName'],
            message: 'Enter the panel that decided the child should be looked after',
          })
        if (panelDate === null)
          ctx.addIssue({
            code: 'custom',
            path: ['panel-day'],
            message: 'Enter the date of the panel’s decision',
          })
        if (v.panelChair === null)
          ctx.addIssue({
            code: 'custom',
            path: ['panelChair'],
            message: 'Enter the name of the panel’s chair',
          })
      }
      const homePostcode = readPostcode(v.homePostcode, 'homePostcode', 'The home postcode', ctx)
      const placement = readPlacement(v, ctx)
      const commissioning = readCommissioning(v, ctx, false)
      if (
        startDate === null ||
        placement === null ||
        homePostcode === undefined ||
        commissioning === undefined
      )
        return z.NEVER
      if (v.admission === 'planned' && (v.panelName === null || panelDate === null || v.panelChair === null))
        return z.NEVER
      return {
        startDate,
        admission: v.admission as Admission,
        panel: { name: v.panelName, date: panelDate, chair: v.panelChair },
        legalStatus: v.legalStatus,
        categoryOfNeed: v.categoryOfNeed,
        homePostcode,
        placement,
        commissioning: commissioning as Commissioning,
      }
    })
}
export type StartInput = z.output<ReturnType<typeof startSchema>>

export function legalStatusSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({ ...dayBoxes('change'), legalStatus: enumOf(LEGAL_STATUSES, 'Select the new legal status') })
    .transform((v, ctx) => {
      const date = readDay(
        v,
        'change',
        ctx,
        { missing: 'Enter the date the legal status changed', name: 'The date' },
        today,
      )
      if (date === null) return z.NEVER
      return { date, legalStatus: v.legalStatus }
    })
}
export type LegalStatusInput = z.output<ReturnType<typeof legalStatusSchema>>

export function placementSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('change'),
      ...placementFields,
      sameCarer: z.enum(['yes', 'no'], { error: 'Select whether the child stays with the same carers' }),
      legalStatus: enumOf(LEGAL_STATUSES, 'Select the legal status'),
      reasonPlaceChange: z
        .string()
        .optional()
        .transform((v) => (v ? v : null)),
    })
    .transform((v, ctx) => {
      const date = readDay(
        v,
        'change',
        ctx,
        { missing: 'Enter the date the child moved', name: 'The date' },
        today,
      )
      const placement = readPlacement(v, ctx)
      const reason = v.reasonPlaceChange
      const unknownReason = reason !== null && !REASONS_FOR_PLACEMENT_CHANGE.some((r) => r.code === reason)
      if (unknownReason)
        ctx.addIssue({
          code: 'custom',
          path: ['reasonPlaceChange'],
          message: 'Select the reason for the change of placement from the list',
        })
      const commissioning = readCommissioning(v, ctx, false)
      if (date === null || placement === null || unknownReason || commissioning === undefined) return z.NEVER
      return {
        date,
        placement,
        commissioning: commissioning as Commissioning,
        sameCarer: v.sameCarer === 'yes',
        legalStatus: v.legalStatus,
        reasonPlaceChange: v.reasonPlaceChange,
      }
    })
}
export type PlacementInput = z.output<ReturnType<typeof placementSchema>>

export function endSchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      ...dayBoxes('end'),
      reason: enumOf(REASONS_CARE_ENDS, 'Select why the child stopped being looked after'),
    })
    .transform((v, ctx) => {
      const date = readDay(
        v,
        'end',
        ctx,
        { missing: 'Enter the date the child stopped being looked after', name: 'The end date' },
        today,
      )
      if (date === null) return z.NEVER
      return { date, reason: v.reason }
    })
}
export type EndInput = z.output<ReturnType<typeof endSchema>>
