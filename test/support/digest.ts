/**
 * A digest built without a database, from the real catalogue's measures and chosen counts, for
 * the exports' unit tests: a small count (3 re-referrals) that must be published as "<5", a
 * percentage of fewer than 5 ("c"), and figures that show.
 */
import assessment from '../../reference/kpis/assessment.json' with { type: 'json' }
import frontdoor from '../../reference/kpis/frontdoor.json' with { type: 'json' }
import { parseKpiCatalogue, type KpiMeasure } from '../../src/platform/measures.js'
import { digestFigure, digestPeriod, type Counts, type Digest } from '../../src/modules/performance/model.js'

const counts = (units: number, numerator: number): Counts => ({ units, numerator, median: null, mean: null })

/** A count of 412 referrals, a count of 3 re-referrals, and assessments in time: 37 of 40 (92.5%). */
export function sampleDigest(area: Digest['area'] = { kind: 'authority' }): Digest {
  const catalogue = [...parseKpiCatalogue(frontdoor), ...parseKpiCatalogue(assessment)]
  const measure = (pick: (m: KpiMeasure) => boolean) => {
    const found = catalogue.find((m) => m.status === 'live' && pick(m))
    if (!found) throw new Error('the sample digest needs a measure the catalogue no longer has')
    return found
  }
  const period = digestPeriod('2025/26', '2026-05-01')
  const monthly = (c: Counts) => new Map(period.months.map((m) => [m, c]))
  const referrals = measure((m) => m.id === 'referrals')
  const count = measure((m) => m.module === 'frontdoor' && m.figure === 'count' && m.id !== 'referrals')
  // A target of 95% with a tolerance of 5: 92.5% is amber.
  const percentage = {
    ...measure((m) => m.module === 'assessment' && m.figure === 'percentage'),
    target: { value: 95, tolerance: 5, source: 'a local target for the test' },
  }
  return {
    period,
    area,
    generatedAt: '2026-05-01T11:00:00.000Z',
    figures: [
      digestFigure(
        referrals,
        period,
        { current: counts(412, 412), previous: counts(398, 398), months: monthly(counts(34, 34)) },
        [{ comparator: 'england', year: '2024/25', value: 500, source: 'DfE CIN census 2025' }],
      ),
      digestFigure(
        count,
        period,
        { current: counts(3, 3), previous: counts(7, 7), months: monthly(counts(0, 0)) },
        [],
      ),
      digestFigure(
        percentage,
        period,
        { current: counts(40, 37), previous: counts(4, 3), months: monthly(counts(3, 2)) },
        [],
      ),
    ],
    notYet: [
      { id: 'ehcp', title: 'Children with an EHC plan', module: 'send', status: 'awaiting', note: null },
      {
        id: 'rate',
        title: 'Children looked after per 10,000',
        module: 'care',
        status: 'not_written',
        note: 'Needs the ONS population',
      },
    ],
  }
}
