/**
 * For rules that compare every pair of rows in an episode (an assessment starting while another
 * is under way, one S47 enquiry during another): both rows of any pair that fails are reported,
 * each once, in their order in the episode.
 */
const NONE: readonly never[] = []

export function rowsInFailingPairs<R>(
  rows: readonly R[],
  fails: (row: R, other: R) => boolean,
): readonly R[] {
  if (rows.length < 2) return NONE
  let flagged: boolean[] | undefined
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < rows.length; j++) {
      if (i !== j && fails(rows[i] as R, rows[j] as R)) {
        flagged ??= new Array<boolean>(rows.length).fill(false)
        flagged[i] = true
        flagged[j] = true
      }
    }
  }
  return flagged ? rows.filter((_, i) => flagged[i]) : NONE
}
