/**
 * Documents on every child's record (issue 14): letters, reports, conference minutes, plans for
 * parents and the rest, put on brothers' and sisters' records too where chosen, with versions,
 * soft deletion with a reason, and every upload, view and download checked and audited. The files
 * are kept by the platform (platform/documents): type by contents, virus scan, opaque names.
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { typeLabel } from './model.js'
import { documentsRoutes } from './routes.js'
import { documentRights, recordPanel } from './service.js'
import { documentsSubjects } from './subjects.js'

export const documentsModule: HavenModule = {
  name: 'documents',
  routes: (deps) => [documentsRoutes(deps)],
  subjects: documentsSubjects,
  navigation: [],
  homePanels: [],
  recordPanels: [
    {
      order: 20,
      template: 'modules/documents/views/record-panel.njk',
      // Not for a reader whose access to the record does not include its documents (a partner agency).
      async load(deps, user, child) {
        const rights = documentRights(user, child, deps.clock.now())
        if (!rights.canRead) return null
        const { documents } = await recordPanel(deps, child.childId)
        return {
          documents: documents.map((d) => ({ ...d, typeText: typeLabel(d.type) })),
          canWrite: rights.canWrite,
        }
      },
    },
  ],
  // Each event's line is written when it is recorded (the kind and title of the document).
  chronology: [{ types: ['document.*'], summary: (event: ChronologyEvent) => event.summary }],
  clocks: [],
  publishedViews: ['documents_child_document_v'],
  measures: [],
}
