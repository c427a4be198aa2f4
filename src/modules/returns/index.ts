/**
 * The DfE returns: validation of the CIN census and SSDA903 (the `haven returns` command), and
 * the performance officers' pages for uploading a return and reading its report, and Ofsted's
 * Annex A lists exported from Haven's records (`haven returns export --annex-a`, /returns/annex-a).
 */
import type { HavenModule } from '../../platform/modules.js'
import { annexARoutes } from './annex-a/routes.js'
import { uploadRoutes } from './upload/routes.js'
import { uploadSubjects } from './upload/subjects.js'

export const returnsModule: HavenModule = {
  name: 'returns',
  routes: (deps) => [uploadRoutes(deps), annexARoutes(deps)],
  subjects: uploadSubjects,
  navigation: [{ text: 'Check a return', href: '/returns', order: 85, actions: ['returns.validate'] }],
}
