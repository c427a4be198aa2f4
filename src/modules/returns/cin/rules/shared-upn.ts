/**
 * The LA codes a UPN may carry in characters 2–4 (rule 1530, as amended for 2023/24): the
 * post-April-1998 English LA codes and the DfE's "pseudo LA" codes.
 */

const RANGES: readonly (readonly [number, number])[] = [
  [1, 5],
  [201, 213],
  [301, 320],
  [330, 336],
  [340, 344],
  [350, 359],
  [370, 373],
  [380, 384],
  [390, 394],
  [420, 420],
  [660, 681],
  [701, 708],
  [800, 803],
  [805, 808],
  [810, 813],
  [815, 816],
  [820, 823],
  [825, 826],
  [830, 831],
  [835, 841],
  [845, 846],
  [850, 852],
  [855, 857],
  [860, 861],
  [865, 896],
  [908, 909],
  [916, 916],
  [919, 919],
  [921, 921],
  [925, 926],
  [928, 929],
  [931, 931],
  [933, 933],
  [935, 938],
  [940, 943],
]

export const UPN_LA_CODES: ReadonlySet<string> = new Set(
  RANGES.flatMap(([from, to]) =>
    Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, '0')),
  ),
)
