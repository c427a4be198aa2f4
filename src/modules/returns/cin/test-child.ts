/**
 * Test factories for the CIN census: `cinChild()` is a child that passes every 2025/26 rule;
 * override what a test is about. Values are given as the file's text (strings), exactly as
 * they would appear in the XML, so a test can also give a bad date or code; `null` leaves the
 * element out altogether.
 *
 *   cinChild({ Sex: 'X' })
 *   cinChild({ cinDetails: [cinEpisode({ ReferralNFA: 'true', cinPlans: [] })] })
 *   cinChild({ cinDetails: [cinEpisode({ childProtectionPlans: [cpPlan({ reviews: ['2025-07-01'] })] })] })
 *
 * Rows are numbered within the child, in file order, from 0 — as if the child were the first
 * in its file. `cinContext()` gives the 2025/26 rule context.
 */
import { englandAndWales } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import { ruleContext } from '../engine.js'
import {
  makeAssessment,
  makeChild,
  makeCinDetails,
  makeCinPlan,
  makeCpPlan,
  makeDisability,
  makeFactor,
  makeHeader,
  makePreProceedings,
  makeReview,
  makeSection47,
  type Assessment,
  type AssessmentField,
  type ChildProtectionPlan,
  type CinChild,
  type CinDetails,
  type CinDetailsField,
  type CinHeader,
  type CinPlan,
  type CinPlanField,
  type CpPlanField,
  type HeaderField,
  type IdentifierField,
  type PreProceedings,
  type PreProceedingsField,
  type Section47,
  type Section47Field,
  type SourceText,
} from './model.js'
import type { CinContext } from './rule.js'

/** Field overrides: a string is the element's text, null leaves the element out. */
type Fields<F extends string> = { [K in F]?: string | null }

function merge<F extends string>(defaults: SourceText<F>, overrides: Fields<F>): SourceText<F> {
  const text: SourceText<F> = { ...defaults }
  for (const key of Object.keys(overrides) as F[]) {
    const v = overrides[key]
    if (v === null) delete text[key]
    else if (v !== undefined) text[key] = v
  }
  return text
}

export function cinHeader(overrides: Fields<HeaderField> = {}): CinHeader {
  return makeHeader(
    merge<HeaderField>(
      {
        Collection: 'CIN',
        Year: '2026',
        ReferenceDate: '2026-03-31',
        SourceLevel: 'L',
        LEA: '201',
        SoftwareCode: 'Haven',
        Release: '1',
        SerialNo: '001',
        DateTime: '2026-04-20T09:00:00',
      },
      overrides,
    ),
  )
}

export function assessment(
  overrides: Fields<AssessmentField> & { factors?: readonly string[] | null } = {},
): Assessment {
  const { factors, ...fields } = overrides
  const text = merge<AssessmentField>(
    { AssessmentActualStartDate: '2025-05-02', AssessmentAuthorisationDate: '2025-06-10' },
    fields,
  )
  const list = factors === null ? [] : (factors ?? ['2B']).map((f) => makeFactor(f))
  return makeAssessment(text, list, factors !== null, 0)
}

export function cinPlan(overrides: Fields<CinPlanField> = {}): CinPlan {
  return makeCinPlan(merge<CinPlanField>({ CINPlanStartDate: '2025-06-12' }, overrides), 0)
}

export function section47(overrides: Fields<Section47Field> = {}): Section47 {
  return makeSection47(
    merge<Section47Field>(
      {
        S47ActualStartDate: '2025-05-06',
        InitialCPCtarget: '2025-05-27',
        DateOfInitialCPC: '2025-05-22',
        ICPCnotRequired: 'false',
      },
      overrides,
    ),
    0,
  )
}

/** A child protection plan; `reviews` are the CPPreviewDate texts (null for a review with no date). */
export function cpPlan(
  overrides: Fields<CpPlanField> & { reviews?: readonly (string | null)[] } = {},
): ChildProtectionPlan {
  const { reviews, ...fields } = overrides
  const text = merge<CpPlanField>(
    {
      CPPstartDate: '2025-05-22',
      InitialCategoryOfAbuse: 'NEG',
      LatestCategoryOfAbuse: 'NEG',
      NumberOfPreviousCPP: '0',
    },
    fields,
  )
  const list = (reviews ?? ['2025-08-14']).map((r) => makeReview(r ?? undefined, 0))
  return makeCpPlan(text, list, 0)
}

export function preProceedings(overrides: Fields<PreProceedingsField> = {}): PreProceedings {
  return makePreProceedings(
    merge<PreProceedingsField>({ PPStartDate: '2025-09-01', LBPSentDate: '2025-09-03' }, overrides),
    0,
  )
}

/** A CIN episode: by default an open referral with a completed assessment and an open CIN plan. */
export function cinEpisode(
  overrides: Fields<CinDetailsField> & {
    assessments?: Assessment[]
    cinPlans?: CinPlan[]
    section47s?: Section47[]
    childProtectionPlans?: ChildProtectionPlan[]
    preProceedings?: PreProceedings[]
  } = {},
): CinDetails {
  const { assessments, cinPlans, section47s, childProtectionPlans, preProceedings: pp, ...fields } = overrides
  const text = merge<CinDetailsField>(
    { CINreferralDate: '2025-05-01', ReferralSource: '1A', PrimaryNeedCode: 'N1', ReferralNFA: 'false' },
    fields,
  )
  return makeCinDetails(
    text,
    {
      assessments: assessments ?? [assessment()],
      cinPlans: cinPlans ?? [cinPlan()],
      section47s: section47s ?? [],
      childProtectionPlans: childProtectionPlans ?? [],
      preProceedings: pp ?? [],
    },
    0,
  )
}

/**
 * A child who passes every rule. `disabilities` are the Disability texts (null: no Disabilities
 * element at all); `row` places the child (and so its rows) as the n-th child of a file.
 */
export function cinChild(
  overrides: Fields<IdentifierField | 'Ethnicity'> & {
    disabilities?: readonly string[] | null
    cinDetails?: CinDetails[]
  } = {},
): CinChild {
  const { disabilities, cinDetails, ...fields } = overrides
  const text = merge<IdentifierField | 'Ethnicity'>(
    {
      LAchildID: 'CHILD0001',
      UPN: 'Z201251000001',
      PersonBirthDate: '2015-06-15',
      Sex: 'F',
      Ethnicity: 'WBRI',
    },
    fields,
  )
  const dis = disabilities === null ? [] : (disabilities ?? ['NONE']).map((d) => makeDisability(d, 0))
  const child = makeChild(text, dis, disabilities !== null, cinDetails ?? [cinEpisode()], 0)
  return numberRows(child)
}

/** Number every row of a child within its tables from 0, in file order. */
export function numberRows(child: CinChild): CinChild {
  child.disabilities.forEach((d, i) => (d.row = i))
  const n = { episode: 0, assessment: 0, plan: 0, s47: 0, cpp: 0, review: 0, pp: 0 }
  for (const e of child.cinDetails) {
    e.row = n.episode++
    for (const a of e.assessments) a.row = n.assessment++
    for (const p of e.cinPlans) p.row = n.plan++
    for (const s of e.section47s) s.row = n.s47++
    for (const c of e.childProtectionPlans) {
      c.row = n.cpp++
      for (const r of c.reviews) r.row = n.review++
    }
    for (const p of e.preProceedings) p.row = n.pp++
  }
  return child
}

/** The 2025/26 rule context, with the header a 2025/26 file should have. */
export function cinContext(year = '2025/26', header: CinHeader = cinHeader()): CinContext {
  return ruleContext(parseCollectionYear(year), englandAndWales, header)
}
