/**
 * Case notes and management oversight on every child's record (issue 14): typed notes with the
 * contact's date and who was seen, shared across siblings where chosen, versioned and deleted
 * softly; oversight and supervision records whose next one is due on the manager's worklist.
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { caseworkReadingBasis } from '../../platform/permissions/casework.js'
import { OVERSIGHT_CLOCK, OVERSIGHT_SUBJECT } from './model.js'
import { casenotesRoutes } from './routes.js'
import { recordPanel, writeRights } from './service.js'
import { casenotesSubjects } from './subjects.js'

export const casenotesModule: HavenModule = {
  name: 'casenotes',
  routes: (deps) => [casenotesRoutes(deps)],
  subjects: casenotesSubjects,
  navigation: [],
  homePanels: [],
  recordPanels: [
    {
      order: 10,
      template: 'modules/casenotes/views/record-panel.njk',
      // Not for a reader whose access to the record does not include the notes (a partner agency).
      async load(deps, user, child) {
        const now = deps.clock.now()
        if (caseworkReadingBasis(user, child, now) === null) return null
        return { ...(await recordPanel(deps, child.childId)), ...writeRights(user, child, now) }
      },
    },
  ],
  // Each event's line is written when it is recorded (the kind of contact, whether the child was
  // seen); the note itself is read on its own page, under its own rule.
  chronology: [{ types: ['case_note.*', 'oversight.*'], summary: (event: ChronologyEvent) => event.summary }],
  clocks: [OVERSIGHT_CLOCK],
  publishedViews: ['casenotes_child_contact_v', 'casenotes_child_seen_v', 'casenotes_oversight_v'],
  measures: [],
  taskPages: { [OVERSIGHT_SUBJECT]: (childId) => `/children/${childId}/oversight` },
}
