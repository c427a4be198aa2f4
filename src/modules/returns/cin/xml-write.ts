/**
 * Writes a CIN census as XML, a child at a time. The output depends only on the data: the
 * same header and children give the same bytes (UTF-8, `\n` line endings, two-space indent,
 * elements in schema order, fields written from their source text). A field whose element was
 * absent is left out; one that was present but empty is written as an empty element, so a
 * read of the output gives back exactly what was written.
 */
import {
  ASSESSMENT_FIELDS,
  CIN_DETAILS_FIELDS,
  CIN_PLAN_FIELDS,
  CP_PLAN_FIELDS,
  HEADER_COLLECTION_FIELDS,
  HEADER_SOURCE_FIELDS,
  IDENTIFIER_FIELDS,
  PRE_PROCEEDINGS_FIELDS,
  SECTION47_FIELDS,
  type CinChild,
  type CinDetails,
  type CinHeader,
  type SourceText,
} from './model.js'

/**
 * What the writer reads of a child: the text of each part, and which blocks were there. A
 * `CinChild` is one; so is `cinXmlSourceOf` (census.ts), which the export writes without
 * building the validator's model of the child.
 */
export interface CinChildXmlSource {
  text: CinChild['text']
  disabilities: readonly { text: string }[]
  disabilitiesBlock: boolean
  cinDetails: readonly CinDetailsXmlSource[]
}

export interface CinDetailsXmlSource {
  text: CinDetails['text']
  assessments: readonly {
    text: CinDetails['assessments'][number]['text']
    factors: readonly { text: string }[]
    factorsBlock: boolean
  }[]
  cinPlans: readonly { text: CinDetails['cinPlans'][number]['text'] }[]
  section47s: readonly { text: CinDetails['section47s'][number]['text'] }[]
  childProtectionPlans: readonly {
    text: CinDetails['childProtectionPlans'][number]['text']
    reviews: readonly { text?: string }[]
  }[]
  preProceedings: readonly { text: CinDetails['preProceedings'][number]['text'] }[]
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}
const NEEDS_ESCAPE = /[&<>"']/g
// Carriage returns would be turned into line feeds by any reader: keep them as references.
const CONTROL = /\r/g
/** Anything either replacement would change: most fields (dates and codes) have nothing. */
const ANY_ESCAPE = /[&<>"'\r]/

function escapeText(text: string): string {
  if (!ANY_ESCAPE.test(text)) return text
  return text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] as string).replace(CONTROL, '&#13;')
}

function element(indent: string, name: string, text: string | undefined): string {
  if (text === undefined) return ''
  if (text === '') return `${indent}<${name}/>\n`
  return `${indent}<${name}>${escapeText(text)}</${name}>\n`
}

function fields(indent: string, names: readonly string[], text: SourceText<string>): string {
  let out = ''
  for (const name of names) out += element(indent, name, text[name])
  return out
}

const INDENTS = Array.from({ length: 8 }, (_, n) => '  '.repeat(n))
const I = (n: number) => INDENTS[n] ?? '  '.repeat(n)

export function cinXmlOpening(header: CinHeader): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<Message>\n' +
    `${I(1)}<Header>\n` +
    `${I(2)}<CollectionDetails>\n` +
    fields(I(3), HEADER_COLLECTION_FIELDS, header.text) +
    `${I(2)}</CollectionDetails>\n` +
    `${I(2)}<Source>\n` +
    fields(I(3), HEADER_SOURCE_FIELDS, header.text) +
    `${I(2)}</Source>\n` +
    `${I(1)}</Header>\n` +
    `${I(1)}<Children>\n`
  )
}

export const CIN_XML_CLOSING = `${I(1)}</Children>\n</Message>\n`

function episodeXml(e: CinDetailsXmlSource): string {
  // Schema order: the referral's fields, then its modules, with ReferralNFA after the
  // episode's DateOfInitialCPC, as the DfE's own files have it.
  let out = `${I(3)}<CINdetails>\n`
  out += fields(I(4), CIN_DETAILS_FIELDS, e.text)
  for (const a of e.assessments) {
    out += `${I(4)}<Assessments>\n`
    out += fields(I(5), ASSESSMENT_FIELDS, a.text)
    if (a.factorsBlock || a.factors.length > 0) {
      if (a.factors.length === 0) out += `${I(5)}<FactorsIdentifiedAtAssessment/>\n`
      else {
        out += `${I(5)}<FactorsIdentifiedAtAssessment>\n`
        for (const f of a.factors) out += element(I(6), 'AssessmentFactors', f.text)
        out += `${I(5)}</FactorsIdentifiedAtAssessment>\n`
      }
    }
    out += `${I(4)}</Assessments>\n`
  }
  for (const p of e.cinPlans)
    out += `${I(4)}<CINPlanDates>\n${fields(I(5), CIN_PLAN_FIELDS, p.text)}${I(4)}</CINPlanDates>\n`
  for (const s of e.section47s)
    out += `${I(4)}<Section47>\n${fields(I(5), SECTION47_FIELDS, s.text)}${I(4)}</Section47>\n`
  for (const c of e.childProtectionPlans) {
    out += `${I(4)}<ChildProtectionPlans>\n`
    out += fields(I(5), CP_PLAN_FIELDS, c.text)
    for (const r of c.reviews) {
      out +=
        r.text === undefined
          ? `${I(5)}<Reviews/>\n`
          : `${I(5)}<Reviews>\n${element(I(6), 'CPPreviewDate', r.text)}${I(5)}</Reviews>\n`
    }
    out += `${I(4)}</ChildProtectionPlans>\n`
  }
  for (const p of e.preProceedings) {
    out += `${I(4)}<PreProceedingsandFGDM>\n${fields(I(5), PRE_PROCEEDINGS_FIELDS, p.text)}${I(4)}</PreProceedingsandFGDM>\n`
  }
  out += `${I(3)}</CINdetails>\n`
  return out
}

export function cinChildXml(child: CinChildXmlSource): string {
  let out = `${I(2)}<Child>\n`
  out += `${I(3)}<ChildIdentifiers>\n${fields(I(4), IDENTIFIER_FIELDS, child.text)}${I(3)}</ChildIdentifiers>\n`
  out += `${I(3)}<ChildCharacteristics>\n`
  out += element(I(4), 'Ethnicity', child.text.Ethnicity)
  if (child.disabilitiesBlock || child.disabilities.length > 0) {
    if (child.disabilities.length === 0) out += `${I(4)}<Disabilities/>\n`
    else {
      out += `${I(4)}<Disabilities>\n`
      for (const d of child.disabilities) out += element(I(5), 'Disability', d.text)
      out += `${I(4)}</Disabilities>\n`
    }
  }
  out += `${I(3)}</ChildCharacteristics>\n`
  for (const e of child.cinDetails) out += episodeXml(e)
  out += `${I(2)}</Child>\n`
  return out
}

/** The file as a stream of text pieces: the opening, one piece per child, the closing. */
export async function* cinXmlChunks(
  header: CinHeader,
  children: AsyncIterable<CinChild> | Iterable<CinChild>,
): AsyncGenerator<string> {
  yield cinXmlOpening(header)
  for await (const child of children) yield cinChildXml(child)
  yield CIN_XML_CLOSING
}

/** The whole file as one string (tests and small files). */
export function cinXmlString(header: CinHeader, children: Iterable<CinChild>): string {
  let out = cinXmlOpening(header)
  for (const child of children) out += cinChildXml(child)
  return out + CIN_XML_CLOSING
}
