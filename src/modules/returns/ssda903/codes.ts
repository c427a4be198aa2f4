/**
 * SSDA903 code lists, as sets the rules test membership with (standards §b.5). Values in a row
 * are already trimmed and upper-cased, so the sets hold upper-case codes. Other rule families
 * add their own lists here: one `export const` per list, named for its field.
 */

import { ETHNICITY, SEX } from '../cin/codes.js'

/** Header `SEX` from 2024/25. */
export const SSDA903_SEX_CODES: ReadonlySet<string> = SEX

/** Header `ETHNIC`: the DfE's one ethnicity list, as the CIN census reads it. */
export const SSDA903_ETHNIC_CODES: ReadonlySet<string> = ETHNICITY

/** Episodes `RNE`. */
export const SSDA903_RNE_CODES: ReadonlySet<string> = new Set(['S', 'P', 'L', 'T', 'U', 'B'])

/** Episodes `LS`. */
export const SSDA903_LS_CODES: ReadonlySet<string> = new Set([
  'C1',
  'C2',
  'D1',
  'E1',
  'V2',
  'V3',
  'V4',
  'J1',
  'J2',
  'J3',
  'L1',
  'L2',
  'L3',
])

/** Legal statuses of short breaks (V3, V4): no placement postcode, distance or area is derived for them. */
export const SSDA903_SHORT_BREAK_LS: ReadonlySet<string> = new Set(['V3', 'V4'])

/** Episodes `CIN` (category of need): N1 to N8 in the 903. */
export const SSDA903_CIN_CODES: ReadonlySet<string> = new Set([
  'N1',
  'N2',
  'N3',
  'N4',
  'N5',
  'N6',
  'N7',
  'N8',
])

/** Episodes `PLACE` from 2025/26 (H5, P2 and Z1 gone; Z11 to Z14 added). */
export const SSDA903_PLACE_CODES_2025: ReadonlySet<string> = new Set([
  'A3',
  'A4',
  'A5',
  'A6',
  'K1',
  'K2',
  'K3',
  'P1',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z11',
  'Z12',
  'Z13',
  'Z14',
])

/** Placement types that take no `PLACE_PROVIDER`, from 2025/26 (rule 178). */
export const SSDA903_PLACE_WITHOUT_PROVIDER_2025: ReadonlySet<string> = new Set([
  'T0',
  'T1',
  'T2',
  'T3',
  'Z11',
  'Z12',
  'Z13',
  'Z14',
])

/** Episodes `PLACE`: placed for adoption or fostered (A3 to A6, U1 to U6). */
export const SSDA903_PLACE_ADOPTION_OR_FOSTERING: ReadonlySet<string> = new Set([
  'A3',
  'A4',
  'A5',
  'A6',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
])

/** Episodes `PLACE_PROVIDER`. */
export const SSDA903_PLACE_PROVIDER_CODES: ReadonlySet<string> = new Set([
  'PR0',
  'PR1',
  'PR2',
  'PR3',
  'PR4',
  'PR5',
])

/** Episodes `REC`. */
export const SSDA903_REC_CODES: ReadonlySet<string> = new Set([
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E8',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'X1',
])

/** Episodes `REC` that end care: every reason but X1 (a new episode starts the same day). */
export const SSDA903_REC_LEFT_CARE: ReadonlySet<string> = new Set(
  [...SSDA903_REC_CODES].filter((c) => c !== 'X1'),
)

/** Episodes `REC` meaning the child was adopted (E11 unopposed, E12 consent dispensed with). */
export const SSDA903_REC_ADOPTED: ReadonlySet<string> = new Set(['E11', 'E12'])

/** Episodes `REASON_PLACE_CHANGE`. */
export const SSDA903_REASON_PLACE_CHANGE_CODES: ReadonlySet<string> = new Set([
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'PLACE',
  'CUSTOD',
  'OTHER',
])

/** Reviews `REVIEW_CODE`. */
export const SSDA903_REVIEW_CODES: ReadonlySet<string> = new Set([
  'PN0',
  'PN1',
  'PN2',
  'PN3',
  'PN4',
  'PN5',
  'PN6',
  'PN7',
])

/** OC3 `IN_TOUCH`. */
export const SSDA903_IN_TOUCH_CODES: ReadonlySet<string> = new Set([
  'YES',
  'NO',
  'DIED',
  'REFU',
  'NREQ',
  'RHOM',
])

/** OC3 `ACTIV`. */
export const SSDA903_ACTIV_CODES: ReadonlySet<string> = new Set([
  'F1',
  'P1',
  'F2',
  'P2',
  'F4',
  'P4',
  'F5',
  'P5',
  'G4',
  'G5',
  'G6',
  '0',
])

/** OC3 `ACCOM` (S and X only as "unsuitable"). */
export const SSDA903_ACCOM_CODES: ReadonlySet<string> = new Set([
  'B1',
  'B2',
  'C1',
  'C2',
  'D1',
  'D2',
  'E1',
  'E2',
  'G1',
  'G2',
  'H1',
  'H2',
  'K1',
  'K2',
  'R1',
  'R2',
  'S2',
  'T1',
  'T2',
  'U1',
  'U2',
  'V1',
  'V2',
  'W1',
  'W2',
  'X2',
  'Y1',
  'Y2',
  'Z1',
  'Z2',
  '0',
])

/** AD1 `NB_ADOPTR`. */
export const SSDA903_NB_ADOPTR_CODES: ReadonlySet<string> = new Set(['1', '2'])

/** AD1 `SEX_ADOPTR`. */
export const SSDA903_SEX_ADOPTR_CODES: ReadonlySet<string> = new Set(['M1', 'F1', 'MM', 'FF', 'MF'])

/** AD1 `LS_ADOPTR`. */
export const SSDA903_LS_ADOPTR_CODES: ReadonlySet<string> = new Set(['L0', 'L11', 'L12', 'L2', 'L3', 'L4'])

/** PlacedAdoption `REASON_PLACED_CEASED`. */
export const SSDA903_REASON_PLACED_CEASED_CODES: ReadonlySet<string> = new Set(['RD1', 'RD2', 'RD3', 'RD4'])

/** OC2 `SDQ_REASON`. */
export const SSDA903_SDQ_REASON_CODES: ReadonlySet<string> = new Set(['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'])

/** Missing `MISSING`: M missing, A away without authorisation. */
export const SSDA903_MISSING_CODES: ReadonlySet<string> = new Set(['M', 'A'])

/** Yes/no flags of OC2 and AD1 (`FOSTER_CARE`, `CONVICTED`, ...). */
export const SSDA903_FLAG_CODES: ReadonlySet<string> = new Set(['0', '1'])

/** Temporary placements (`PLACE`): hospital, holiday, carers' holiday, seven days or less, any. */
export const SSDA903_TEMPORARY_PLACEMENTS: ReadonlySet<string> = new Set(['T0', 'T1', 'T2', 'T3', 'T4'])

/** Placed for adoption (`PLACE`), with or without consent or placement order, with or without current carers. */
export const SSDA903_ADOPTION_PLACEMENTS: ReadonlySet<string> = new Set(['A3', 'A4', 'A5', 'A6'])

/**
 * Episodes `PLACE` that Ofsted does not register, so they have no URN: placed with parents,
 * residential employment, residential care and NHS homes, young offender institutions, temporary
 * placements and other placements (rule 218 needs none for them, rule 222 wants none).
 */
export const SSDA903_PLACE_WITHOUT_URN: ReadonlySet<string> = new Set([
  'P1',
  'P3',
  'R1',
  'R2',
  'R5',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'Z11',
  'Z12',
  'Z13',
  'Z14',
])
