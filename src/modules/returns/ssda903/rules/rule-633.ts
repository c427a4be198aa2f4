/**
 * 633: LA_PERM, when given, is the three-digit DfE code of an English local authority (as they
 * stood when the column was collected, 999 included), or WAL, SCO, NIR or NUK for an order made
 * in Wales, Scotland, Northern Ireland or outside the UK.
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { Ssda903Table } from '../model.js'
import type { Ssda903Rule } from '../rule.js'

// The DfE's three-digit LA codes, then the codes for orders made outside England.
const LA_PERM_CODES: ReadonlySet<string> = new Set([
  ...(
    '201 202 203 204 205 206 207 208 209 210 211 212 213 301 302 303 304 305 306 307 308 309 310 311 ' +
    '312 313 314 315 316 317 318 319 320 330 331 332 333 334 335 336 340 341 342 343 344 350 351 352 ' +
    '353 354 355 356 357 358 359 370 371 372 373 380 381 382 383 384 390 391 392 393 394 420 800 801 ' +
    '802 803 805 806 807 808 810 811 812 813 815 816 821 822 823 825 826 830 831 835 836 837 840 841 ' +
    '845 846 850 851 852 855 856 857 860 861 865 866 867 868 869 870 871 872 873 874 876 877 878 879 ' +
    '880 881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896 908 909 916 919 921 925 926 ' +
    '928 929 931 933 935 936 937 938 999'
  ).split(' '),
  'WAL',
  'SCO',
  'NIR',
  'NUK',
])

export const rule633: Ssda903Rule = {
  code: '633',
  type: 'error',
  message: 'Local authority code where previous permanence option was arranged is not a valid value.',
  affects: [{ table: 'PrevPerm', fields: ['LA_PERM'] }],
  check(child, ctx) {
    if (!ctx.header.supplied.current.has('PrevPerm')) return NO_HITS
    let hits: RuleHit<Ssda903Table>[] | undefined
    for (const row of child.current.PrevPerm) {
      if (row.LA_PERM !== null && !LA_PERM_CODES.has(row.LA_PERM))
        (hits ??= []).push(hit('PrevPerm', row, ['LA_PERM']))
    }
    return hits ?? NO_HITS
  },
}
