/**
 * The performance module (issue 18): the KPI catalogue every module declares (reference/kpis/),
 * the digest engine over the modules' published views, and the drill-down to the children behind
 * a figure, and the digest's pages with their charts (README.md).
 */
import awaiting from '../../../reference/kpis/awaiting.json' with { type: 'json' }
import { parseKpiCatalogue, type KpiMeasure } from '../../platform/measures.js'
import type { HavenModule } from '../../platform/modules.js'
import { digestExportRoutes } from './export-routes.js'
import { TEAM_MEASURES_PANEL } from './home-panel.js'
import { performanceRoutes } from './routes.js'

/** Measures whose data no module holds yet, each naming the module that will. */
export const AWAITING_KPIS = parseKpiCatalogue(awaiting)

/** The order the digest presents its sections in; a module not named comes after, by name. */
const SECTIONS = ['frontdoor', 'earlyhelp', 'assessment', 'protection', 'care']

/**
 * The whole catalogue in the digest's order: every module's declared measures, by section, then
 * those awaiting a module. The composition root loads it into the database at each open.
 */
export function digestCatalogue(modules: readonly HavenModule[]): KpiMeasure[] {
  const place = (name: string) => (SECTIONS.includes(name) ? SECTIONS.indexOf(name) : SECTIONS.length)
  const declaring = modules
    .filter((m) => (m.measures ?? []).length > 0)
    .sort((a, b) => place(a.name) - place(b.name) || a.name.localeCompare(b.name))
  return [...declaring.flatMap((m) => m.measures ?? []), ...AWAITING_KPIS]
}

export const performanceModule: HavenModule = {
  name: 'performance',
  routes: (deps) => [performanceRoutes(deps), digestExportRoutes(deps)],
  navigation: [
    { text: 'Performance digest', href: '/performance/digest', order: 81, actions: ['performance.view'] },
  ],
  publishedViews: ['performance_child_allocation_v'],
  homePanels: [TEAM_MEASURES_PANEL],
  measures: [],
}
