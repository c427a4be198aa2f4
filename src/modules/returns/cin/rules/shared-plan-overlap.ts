/**
 * The DfE validators' test for "starts while the other is open", shared by the CIN plan overlap
 * rules (4014, 4016, 4017): `start` is on or after the other's start, and before the other's
 * end (on or before it, for 4014), or, when the other has no end, on or before the census
 * reference date.
 */
import type { IsoDate } from '../../../../platform/calendar/working-days.js'

export function startsWhileOpen(
  start: IsoDate,
  otherStart: IsoDate | null,
  otherEnd: IsoDate | null,
  referenceDate: IsoDate,
  endDayCounts: boolean,
): boolean {
  if (otherStart === null || start < otherStart) return false
  if (otherEnd === null) return start <= referenceDate
  return endDayCounts ? start <= otherEnd : start < otherEnd
}
