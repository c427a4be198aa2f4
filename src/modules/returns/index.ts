/**
 * The DfE returns: validation of the CIN census and SSDA903 (the `haven returns` command), and
 * the performance officers' pages for uploading a return and reading its report.
 */
import type { HavenModule } from '../../platform/modules.js'
import { uploadRoutes } from './upload/routes.js'
import { uploadSubjects } from './upload/subjects.js'

export const returnsModule: HavenModule = {
  name: 'returns',
  routes: (deps) => [uploadRoutes(deps)],
  subjects: uploadSubjects,
  navigation: [{ text: 'Check a return', href: '/returns', order: 85, actions: ['returns.validate'] }],
}
