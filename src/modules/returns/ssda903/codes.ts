/**
 * SSDA903 code lists the rules share (the DfE's codes: see §b.5 of the standards notes and
 * Sources in ../README.md). Codes are compared as the model holds them: trimmed, upper-cased.
 * One `export const` per list; lists used by one rule only stay in that rule's file.
 */

/** Temporary placements (`PLACE`): hospital, holiday, carers' holiday, seven days or less, any. */
export const SSDA903_TEMPORARY_PLACEMENTS: ReadonlySet<string> = new Set(['T0', 'T1', 'T2', 'T3', 'T4'])

/** Legal statuses of short breaks (respite): `V3` single breaks, `V4` agreed series. */
export const SSDA903_SHORT_BREAK_LEGAL_STATUSES: ReadonlySet<string> = new Set(['V3', 'V4'])

/** Reasons an episode ceased that mean the child was adopted (`REC`). */
export const SSDA903_ADOPTED_REASONS_CEASED: ReadonlySet<string> = new Set(['E11', 'E12'])

/** Placed for adoption (`PLACE`), with or without consent or placement order, with or without current carers. */
export const SSDA903_ADOPTION_PLACEMENTS: ReadonlySet<string> = new Set(['A3', 'A4', 'A5', 'A6'])
