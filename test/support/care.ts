/**
 * The care module's forms as the integration tests post them: a GOV.UK date's three boxes, and
 * the start of care every care test begins from (an emergency admission under section 20 to
 * foster carers, in borough).
 */

/** A date's `<prefix>-day`, `-month` and `-year` boxes as a browser posts them. */
export function dayFields(prefix: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

/** The start-of-care form: looked after from `date` under V2 with foster carers (U6, PR1). */
export function careStartForm(date: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    ...dayFields('start', date),
    admission: 'emergency',
    legalStatus: 'V2',
    categoryOfNeed: 'N1',
    homePostcode: 'RM17 6AB',
    place: 'U6',
    provider: 'PR1',
    carer: 'Jo and Sam Green',
    urn: '',
    postcode: 'RM16 2TX',
    ...over,
  }
}
