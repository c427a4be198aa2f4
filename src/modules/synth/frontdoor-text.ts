/**
 * The words a synthetic front door writes: partner agencies, who rings and what they say, the
 * MASH's reasons and oversight notes. Invented throughout (the police force aside, every
 * organisation name is made up); used by the database loader (load.ts).
 */
import type { AgencyTable, ChildSafeNow, Rag, ReferralSource } from '../../platform/db/schema.js'
import type { Random } from './random.js'

export interface AgencySeed {
  name: string
  kind: AgencyTable['kind']
  referralSource: ReferralSource
}

/** Partner agencies of the synthetic authority, each with the DfE referral source it sends. */
export const AGENCIES: readonly AgencySeed[] = [
  { name: 'Essex Police', kind: 'police', referralSource: '6' },
  { name: 'British Transport Police', kind: 'police', referralSource: '6' },
  { name: 'Thameside Meadow Primary School', kind: 'education', referralSource: '2A' },
  { name: 'Kingfisher Academy', kind: 'education', referralSource: '2A' },
  { name: 'Riverside Fields Primary School', kind: 'education', referralSource: '2A' },
  { name: 'Tilbury Marshes Secondary School', kind: 'education', referralSource: '2A' },
  { name: 'Stanford Vale Academy', kind: 'education', referralSource: '2A' },
  { name: 'Purfleet Brook Primary School', kind: 'education', referralSource: '2A' },
  { name: 'Ockendon Lakes Infant School', kind: 'education', referralSource: '2A' },
  { name: 'Education welfare service', kind: 'education', referralSource: '2B' },
  { name: 'Riverside Surgery', kind: 'health', referralSource: '3A' },
  { name: 'Ockendon Lane Medical Centre', kind: 'health', referralSource: '3A' },
  { name: 'Corringham Green Practice', kind: 'health', referralSource: '3A' },
  { name: 'Health visiting service', kind: 'health', referralSource: '3B' },
  { name: 'School nursing service', kind: 'health', referralSource: '3C' },
  { name: 'Child and adolescent mental health service', kind: 'health', referralSource: '3D' },
  { name: 'Thames Estuary Hospital emergency department', kind: 'health', referralSource: '3E' },
  { name: 'Maternity safeguarding team', kind: 'health', referralSource: '3F' },
  { name: 'Council housing service', kind: 'housing', referralSource: '4' },
  { name: 'Adult social care', kind: 'local_authority', referralSource: '5A' },
  { name: 'Youth offending service', kind: 'local_authority', referralSource: '5B' },
  { name: 'Early help hub', kind: 'local_authority', referralSource: '5D' },
  { name: 'Probation service', kind: 'probation', referralSource: '7' },
  { name: 'Estuary Women’s Aid', kind: 'voluntary', referralSource: '8' },
  { name: 'Grays Children’s Centre', kind: 'voluntary', referralSource: '8' },
]

export const REFERRER_ROLES: Record<string, readonly string[]> = {
  '1A': ['Grandparent', 'Aunt', 'Parent', 'Uncle'],
  '1B': ['Neighbour', 'Family friend', 'Childminder'],
  '1C': ['Young person'],
  '1D': ['Member of the public'],
  '2A': ['Designated safeguarding lead', 'Head teacher', 'Class teacher', 'Pastoral lead'],
  '2B': ['Education welfare officer'],
  '3A': ['GP'],
  '3B': ['Health visitor'],
  '3C': ['School nurse'],
  '3D': ['CAMHS practitioner', 'Practice nurse'],
  '3E': ['Paediatric liaison nurse', 'A&E consultant'],
  '3F': ['Named midwife for safeguarding', 'Community midwife'],
  '4': ['Housing officer'],
  '5A': ['Adult social worker'],
  '5B': ['Youth offending officer'],
  '5C': ['Social worker (another authority)'],
  '5D': ['Family support worker'],
  '6': ['Police constable', 'Detective constable', 'Police sergeant'],
  '7': ['Probation officer', 'Cafcass officer'],
  '8': ['Refuge worker', 'Children’s centre worker', 'Youth worker'],
  '10': ['Caller'],
}

/** Presenting needs drawn for a contact, by who made it (the DfE's assessment factor codes). */
export function presentingNeeds(random: Random, source: string): string[] {
  const byPolice = ['3B', '3A', '18C', '10A', '24A', '2B', '1B']
  const bySchool = ['16A', '17A', '18C', '4B', '7A', '15A', '3B']
  const byHealth = ['16A', '4B', '2B', '15A', '6A', '22A', '18C']
  const general = ['16A', '3B', '4B', '2B', '1B', '17A', '18C', '20']
  const list =
    source === '6'
      ? byPolice
      : source.startsWith('2')
        ? bySchool
        : source.startsWith('3')
          ? byHealth
          : general
  const count = random.chance(0.6) ? 1 : random.chance(0.7) ? 2 : 3
  const chosen = new Set<string>()
  while (chosen.size < count) chosen.add(random.pick(list))
  return [...chosen]
}

const NEED_SENTENCES: Record<string, string> = {
  '3B': 'police were called to a domestic incident at the family home; the children were in the house',
  '3A': 'the young person was hurt during an argument between the adults at home',
  '16A': 'the children often arrive hungry and in unwashed clothes, and appointments have been missed',
  '18C': 'a bruise was seen on the child’s arm and the explanation given did not fit the injury',
  '19C': 'the child said something that suggests sexual harm by an adult',
  '17A': 'the child is frightened to go home and describes being shouted at and belittled',
  '4B': 'the parent’s mental health has worsened and they are struggling to care for the children',
  '2B': 'there are concerns about drug use by a parent while caring for the children',
  '1B': 'a parent was seen under the influence of alcohol at collection time',
  '10A': 'the young person has been reported missing twice this month',
  '11A': 'the young person is in contact with older adults online who give them gifts',
  '24A': 'the young person was found with cash and two phones far from home',
  '15A': 'the young person has disclosed self-harm',
  '22A': 'there is a risk of female genital mutilation during a planned trip abroad',
  '6A': 'the child’s complex health needs are not being met at home',
  '7A': 'the child is caring for a parent and missing school',
  '20': 'the family’s circumstances have changed and the referrer is worried',
}

export function contactReason(needs: readonly string[], names: readonly string[], role: string): string {
  const who =
    names.length === 1 ? (names[0] as string) : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  const what = needs.map((n) => NEED_SENTENCES[n] ?? NEED_SENTENCES['20']).join('; ')
  return `${role} is worried about ${who}: ${what}.`
}

/** The kinds of concern the answer to "Is the child safe now?" is written for. */
type SafetyConcern = 'domestic' | 'harm' | 'exploitation' | 'health' | 'care'

const CONCERN_OF_NEED: Record<string, SafetyConcern> = {
  '3A': 'domestic',
  '3B': 'domestic',
  '18C': 'harm',
  '19C': 'harm',
  '17A': 'harm',
  '10A': 'exploitation',
  '11A': 'exploitation',
  '24A': 'exploitation',
  '15A': 'health',
  '22A': 'health',
  '6A': 'health',
}

/** What makes the child safe now, as a referrer says it, by concern. */
const SAFE_BECAUSE: Record<SafetyConcern, readonly string[]> = {
  domestic: [
    'The police arrested the alleged perpetrator, who is in custody; the children are at home with their mother.',
    'The father has left the home and is staying with his brother; the police gave the mother safety advice.',
  ],
  harm: [
    'The child is at school today and will stay with the designated safeguarding lead until the MASH calls back.',
    'The child is staying with their grandmother while this is looked into, with the parents’ agreement.',
  ],
  exploitation: [
    'The young person was brought home by the police last night and is with their mother.',
    'The young person is at school and their phone has been handed to the police.',
  ],
  health: [
    'The young person is with their mother and has an urgent appointment with the mental health team.',
    'The child is on the children’s ward and the nurses are with them.',
  ],
  care: [
    'Nothing suggests immediate danger: the worry is about the care the children get over time.',
    'The other parent is at home and caring for the children.',
  ],
}

/** What puts the child at risk now, and what has been done, by concern. */
const AT_RISK_BECAUSE: Record<SafetyConcern, readonly string[]> = {
  domestic: [
    'The alleged perpetrator was released on bail and may go back to the home; the police will visit tonight.',
  ],
  harm: [
    'The child goes home at the end of the day to the adult the concern is about; the school has asked the MASH to call before then.',
  ],
  exploitation: ['The young person is missing again tonight; the police have been told and are looking.'],
  health: [
    'The young person says they will hurt themselves again; their mother is with them and the GP will see them today.',
  ],
  care: [
    'The parent was too intoxicated to care for the children; a relative has been asked to come and stay.',
  ],
}

/**
 * The referrer's answer to "Is the child safe now?" (asked on every contact), with what makes the
 * child safe or what puts them at risk, written for the first concern the contact names. The more
 * urgent the contact (its most urgent child's RAG), the likelier a "No"; a caller who gives no
 * name often cannot say.
 */
export function childSafeNow(
  random: Random,
  needs: readonly string[],
  rag: Rag,
  anonymous: boolean,
): { answer: ChildSafeNow; detail: string | null } {
  if (random.chance(anonymous ? 0.6 : rag === 'red' ? 0.1 : 0.15))
    return { answer: 'not_known', detail: null }
  const concern = needs.map((n) => CONCERN_OF_NEED[n]).find((c) => c !== undefined) ?? 'care'
  const atRisk = random.chance(rag === 'red' ? 0.55 : rag === 'amber' ? 0.12 : 0)
  return atRisk
    ? { answer: 'no', detail: random.pick(AT_RISK_BECAUSE[concern]) }
    : { answer: 'yes', detail: random.pick(SAFE_BECAUSE[concern]) }
}

export const NFA_REASONS: readonly string[] = [
  'The information does not meet the threshold for children’s social care; the parents are acting protectively.',
  'Checks show the concern has been resolved and the school is satisfied; no role for children’s social care.',
  'A one-off incident with no other concerns known to any agency; advice given to the referrer.',
]

export const OVERSIGHT_NOTES: readonly string[] = [
  'Agree with the decision; checks complete and the referrer to be told today.',
  'Decision agreed. Threshold applied as recommended at triage.',
  'Agreed after discussion with the MASH police officer and health colleague.',
  'Agreed; consent position recorded and the family to be told.',
]

export const CONSENT_REASONS: Record<'not_sought_risk' | 'overridden', readonly string[]> = {
  not_sought_risk: [
    'Asking the parents would alert the alleged abuser and put the child at risk.',
    'The child has asked that their parents are not told yet and there is a risk of harm if they are.',
  ],
  overridden: [
    'The mother refused consent; the risk of significant harm outweighs it.',
    'Consent refused by the father; the concerns about the children’s safety override it.',
  ],
}

export const AGENCY_CHECK_INFORMATION: Record<'police' | 'health' | 'education', readonly string[]> = {
  police: [
    'Two previous domestic incidents at the address in the last year; no current bail conditions.',
    'No police information held about the household.',
    'The father is known for offences of violence; one call-out to the address this year.',
  ],
  health: [
    'Registered with the GP; immunisations up to date; two missed health visitor appointments.',
    'No concerns known to health; last seen by the GP three months ago.',
    'Mother has a history of depression and is under the community mental health team.',
  ],
  education: [
    'Attendance 86% this term; the child is quiet and has been tired in class.',
    'Attendance good; no concerns at school.',
    'Attendance 71%; several late arrivals and the child was hungry at breakfast club.',
  ],
}

export const TRANSFER_AUTHORITIES: readonly string[] = [
  'Essex County Council',
  'Southend-on-Sea City Council',
  'London Borough of Havering',
  'Kent County Council',
  'London Borough of Barking and Dagenham',
]

export const OUT_OF_HOURS_ACTIONS: readonly string[] = [
  'The emergency duty team spoke to the police, checked the children were safe and passed the contact to the MASH.',
  'The emergency duty team arranged for the children to stay with their grandmother overnight.',
]

export const STREETS: readonly string[] = [
  'Orchard Way',
  'Mill Lane',
  'Station Road',
  'Marsh View',
  'Church Close',
  'Heath Road',
  'Riverside Walk',
  'Chalk Hill',
  'Meadow Rise',
  'Dock Road',
  'Wharf Lane',
  'Elm Crescent',
  'Beacon Drive',
  'Long Lane',
  'Fen Close',
  'Harbour Street',
]

/** The town of each of the synthetic authority's postcode districts. */
export const TOWNS: Record<string, string> = {
  RM15: 'South Ockendon',
  RM16: 'Chafford Hundred',
  RM17: 'Grays',
  RM18: 'Tilbury',
  RM19: 'Purfleet',
  RM20: 'West Thurrock',
  SS17: 'Stanford-le-Hope',
}

export const CLOSURE_REASONS: Record<string, string> = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to another local authority',
  RC6: 'Transferred to adult social care',
  RC7: 'Case closed after assessment and services',
  RC8: 'Case closed after assessment: no further action',
  RC9: 'Case closed after assessment: referred to early help',
}
