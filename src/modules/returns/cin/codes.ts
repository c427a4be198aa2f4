/**
 * CIN census code lists (the DfE's schema labels: Sources in ../README.md), as sets for the rules
 * to test membership.
 * Codes are compared exactly as trimmed from the file: the DfE's lists are case-sensitive.
 */

export const ETHNICITY: ReadonlySet<string> = new Set([
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
])

/** `Sex` from 2024/25. */
export const SEX: ReadonlySet<string> = new Set(['M', 'F', 'U'])

/** `GenderCurrent` to 2023/24. */
export const GENDER_CURRENT: ReadonlySet<string> = new Set(['1', '2', '0', '9'])

export const DISABILITY: ReadonlySet<string> = new Set([
  'NONE',
  'MOB',
  'HAND',
  'PC',
  'INC',
  'COMM',
  'LD',
  'HEAR',
  'VIS',
  'BEH',
  'CON',
  'AUT',
  'DDA',
])

export const REFERRAL_SOURCE: ReadonlySet<string> = new Set([
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
])

export const PRIMARY_NEED: ReadonlySet<string> = new Set([
  'N0',
  'N1',
  'N2',
  'N3',
  'N4',
  'N5',
  'N6',
  'N7',
  'N8',
  'N9',
])

export const REASON_FOR_CLOSURE: ReadonlySet<string> = new Set([
  'RC1',
  'RC2',
  'RC3',
  'RC4',
  'RC5',
  'RC6',
  'RC7',
  'RC8',
  'RC9',
])

/** Closed after assessment: no further action (RC8) or referred to early help (RC9). */
export const CLOSED_AFTER_ASSESSMENT: ReadonlySet<string> = new Set(['RC8', 'RC9'])

export const CATEGORY_OF_ABUSE: ReadonlySet<string> = new Set(['NEG', 'PHY', 'SAB', 'EMO', 'MUL'])

export const UPN_UNKNOWN: ReadonlySet<string> = new Set(['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'])

/** Factors identified at assessment. 18A and 19A are still accepted but queried (8945Q, 8950Q). */
export const ASSESSMENT_FACTORS: ReadonlySet<string> = new Set([
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18A',
  '18B',
  '18C',
  '19A',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
])

/** "No factors identified": may only be used alone (8869). */
export const NO_FACTORS_IDENTIFIED = '21'
