/**
 * The distributions the synthetic authority draws from. Proportions follow the demo authority's
 * published figures where the seed documents give them (Thurrock: CP plans by category, LAC by
 * age and placement type, UASC share, missing episodes) and England's where they do not.
 */
import { weighted } from './random.js'

/** DfE referral sources, as police, schools and health send most contacts. */
export const REFERRAL_SOURCES = weighted<string>([
  ['6', 29],
  ['2A', 19],
  ['2B', 1.5],
  ['3A', 2],
  ['3B', 3],
  ['3C', 1],
  ['3D', 3],
  ['3E', 3],
  ['3F', 2],
  ['5A', 3],
  ['5B', 3],
  ['5C', 1],
  ['5D', 5],
  ['1A', 5],
  ['1B', 1],
  ['1C', 1],
  ['1D', 1],
  ['4', 2],
  ['7', 3],
  ['8', 5],
  ['9', 1],
  ['10', 0.5],
])

/** Primary need at the end of assessment (England: abuse or neglect about half). */
export const PRIMARY_NEEDS = weighted<string>([
  ['N1', 50],
  ['N2', 9],
  ['N3', 3],
  ['N4', 8],
  ['N5', 17],
  ['N6', 3],
  ['N7', 1],
  ['N8', 6],
  ['N9', 3],
])

/** Factors identified at assessment: domestic abuse and parental mental health lead. */
export const ASSESSMENT_FACTORS = weighted<string>([
  ['3A', 10],
  ['3B', 30],
  ['3C', 4],
  ['4A', 12],
  ['4B', 28],
  ['4C', 3],
  ['2B', 13],
  ['1B', 11],
  ['2A', 4],
  ['1A', 2],
  ['5A', 3],
  ['5B', 4],
  ['6A', 4],
  ['6B', 4],
  ['7A', 2],
  ['10A', 4],
  ['11A', 3],
  ['13A', 2],
  ['14A', 4],
  ['15A', 5],
  ['16A', 16],
  ['17A', 17],
  ['18B', 2],
  ['18C', 7],
  ['19B', 1],
  ['19C', 3],
  ['20', 8],
  ['22A', 0.3],
  ['23A', 0.3],
  ['24A', 3],
])

/** Initial category of abuse on CP plans (the demo authority: emotional abuse and neglect ~90%). */
export const CATEGORIES_OF_ABUSE = weighted<string>([
  ['NEG', 44],
  ['EMO', 44],
  ['PHY', 5],
  ['SAB', 5],
  ['MUL', 2],
])

export const ETHNICITIES = weighted<string>([
  ['WBRI', 66],
  ['WIRI', 0.6],
  ['WIRT', 0.3],
  ['WOTH', 6],
  ['WROM', 0.5],
  ['MWBC', 3],
  ['MWBA', 2],
  ['MWAS', 1.5],
  ['MOTH', 3],
  ['AIND', 1.5],
  ['APKN', 1.5],
  ['ABAN', 0.7],
  ['AOTH', 1.5],
  ['BCRB', 1.2],
  ['BAFR', 6],
  ['BOTH', 1],
  ['CHNE', 0.3],
  ['OOTH', 1.5],
  ['REFU', 0.4],
  ['NOBT', 1.5],
])

export const UASC_ETHNICITIES = weighted<string>([
  ['OOTH', 40],
  ['AOTH', 25],
  ['BAFR', 25],
  ['BOTH', 10],
])

/** Disabilities of the disabled minority of children in need (several may apply). */
export const DISABILITIES = weighted<string>([
  ['AUT', 30],
  ['LD', 20],
  ['COMM', 14],
  ['BEH', 12],
  ['MOB', 6],
  ['PC', 5],
  ['HAND', 2],
  ['INC', 3],
  ['HEAR', 3],
  ['VIS', 2],
  ['CON', 1],
  ['DDA', 4],
])

/** Age at the start of the collection year of children in need (England's census shape). */
export const CIN_AGES = weighted<[number, number]>([
  [[0, 0], 8],
  [[1, 4], 18],
  [[5, 9], 25],
  [[10, 15], 36],
  [[16, 17], 13],
])

/** Postcode districts of the demo authority, and of places further out where children are placed. */
export const HOME_DISTRICTS: readonly string[] = ['RM15', 'RM16', 'RM17', 'RM18', 'RM19', 'RM20', 'SS17']
export const OUT_OF_AREA_DISTRICTS: readonly string[] = [
  'SS13',
  'SS14',
  'SS16',
  'CM12',
  'CM2',
  'RM3',
  'RM12',
  'DA1',
  'DA11',
  'ME4',
  'CO4',
  'IP3',
  'E6',
  'IG11',
  'NR3',
  'LU1',
  'MK9',
  'B23',
]

/** DfE three-digit codes of the authorities around the demo authority (LA_PERM of orders made there). */
export const NEIGHBOUR_LA_CODES: readonly string[] = ['881', '882', '311', '886', '887', '301']

export const REASONS_PLACE_CHANGE = weighted<string>([
  ['CARPL', 35],
  ['CREQB', 12],
  ['CREQO', 8],
  ['CHILD', 6],
  ['LAREQ', 10],
  ['STAND', 3],
  ['ALLEG', 2],
  ['CLOSE', 3],
  ['APPRR', 1],
  ['PLACE', 5],
  ['OTHER', 8],
])

/**
 * Why a child in care gets a new social worker (SW_REASON). FCONTA (the DfE's end of a
 * fixed-term or agency contract) is written for a first social worker, not drawn for a change:
 * see careSocialWorkers.
 */
export const SW_CHANGE_REASONS = weighted<string>([
  ['LEFTRL', 30],
  ['TSPROC', 25],
  ['MANAGE', 22],
  ['ORGRST', 6],
  ['ABSENC', 6],
  ['CHCHAN', 3],
  ['PCCHAN', 3],
  ['OTHERS', 5],
])

/** Participation in a looked-after review (children aged 4 and over). */
export const REVIEW_PARTICIPATION = weighted<string>([
  ['PN1', 55],
  ['PN2', 6],
  ['PN3', 5],
  ['PN4', 5],
  ['PN5', 8],
  ['PN6', 9],
  ['PN7', 12],
])

export const ACTIVITIES = weighted<string>([
  ['F1', 8],
  ['P1', 1],
  ['F2', 22],
  ['P2', 4],
  ['F4', 5],
  ['P4', 1],
  ['F5', 10],
  ['P5', 5],
  ['G4', 9],
  ['G5', 25],
  ['G6', 6],
])

export const ACCOMMODATION = weighted<string>([
  ['U1', 30],
  ['D1', 18],
  ['B1', 10],
  ['Z1', 9],
  ['E1', 6],
  ['K1', 5],
  ['T1', 3],
  ['C1', 3],
  ['R1', 2],
  ['B2', 2],
  ['U2', 2],
  ['X2', 2],
  ['S2', 1],
  ['V2', 1],
  ['W2', 0.5],
  ['Y1', 1],
  ['G1', 0.5],
])
