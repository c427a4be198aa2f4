/**
 * Children looked after (issue 17, first slice): a child's periods of care, their episodes with
 * the SSDA903's semantics (legal status, placement, reason for new episode and reason ceased) and
 * their placements; the first review, the initial health assessment and a visit in each new
 * placement on the statutory clocks.
 */
import kpis from '../../../reference/kpis/care.json' with { type: 'json' }
import { parseKpiCatalogue } from '../../platform/measures.js'
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { allow } from '../../platform/permissions/allow.js'
import { visibleFields } from '../../platform/permissions/fields.js'
import {
  CARE_CLOCKS,
  CARE_EVENTS,
  CARE_SUBJECT,
  codeText,
  LEGAL_STATUSES,
  PLACEMENT_TYPES,
  placementAsSeen,
  REASONS_CEASED,
} from './model.js'
import { DOCUMENTS_CHRONOLOGY } from './documents-model.js'
import { DOCUMENTS_HOME_PANEL, documentRoutes } from './documents-routes.js'
import { REVIEW_CHRONOLOGY, REVIEW_SUBJECT } from './review-model.js'
import { HEALTH_CHRONOLOGY } from './health-model.js'
import { careHealthRoutes, HEALTH_HOME_PANEL } from './health-routes.js'
import { EDUCATION_CHRONOLOGY } from './education-model.js'
import { educationRoutes } from './education-routes.js'
import { reviewRoutes } from './review-routes.js'
import { ESCALATION_CHRONOLOGY, ESCALATION_CLOCK, PERMANENCY_CLOCK } from './escalation-model.js'
import { escalationRoutes } from './escalation-routes.js'
import { reviewSubjects } from './review-subjects.js'
import { MISSING_SUBJECT, RECORDS_CHRONOLOGY, RHI_CLOCK } from './records-model.js'
import { IMPORTED_EVENT } from './import-service.js'
import { careRecordsRoutes } from './records-routes.js'
import { careDoloRoutes } from './dolo-routes.js'
import { DOLO_CHRONOLOGY } from './dolo-model.js'
import { PLACEMENT_APPROVAL_CLOCK } from './placement-model.js'
import { PLACEMENTS_HOME_PANEL, placementRoutes } from './placement-routes.js'
import { leaversRoutes } from './leavers-routes.js'
import { adoptionRoutes } from './adoption-routes.js'
import { PROCEEDINGS_CHRONOLOGY, PROCEEDINGS_CLOCK, PROCEEDINGS_SUBJECT } from './proceedings-model.js'
import { proceedingsRoutes } from './proceedings-routes.js'
import { proceedingsSubjects } from './proceedings-subjects.js'
import { INDEPENDENT_VISITOR_CHRONOLOGY } from './independent-visitor-model.js'
import { independentVisitorRoutes } from './independent-visitor-routes.js'
import { PLACEMENT_PLAN_CHRONOLOGY, PLACEMENT_PLAN_CLOCK } from './placement-plan-model.js'
import { CARER_HOME_PANEL, placementPlanRoutes } from './placement-plan-routes.js'
import { careRoutes } from './routes.js'
import { carePanel } from './service.js'
import { careSubjects } from './subjects.js'
import { LONG_TERM_EVENT, VISIT_EVENT } from './visit-model.js'
import { careVisitRoutes } from './visit-routes.js'

export const careModule: HavenModule = {
  name: 'care',
  routes: (deps) => [
    careRoutes(deps),
    careVisitRoutes(deps),
    reviewRoutes(deps),
    escalationRoutes(deps),
    documentRoutes(deps),
    careHealthRoutes(deps),
    educationRoutes(deps),
    careRecordsRoutes(deps),
    careDoloRoutes(deps),
    placementRoutes(deps),
    leaversRoutes(deps),
    adoptionRoutes(deps),
    proceedingsRoutes(deps),
    independentVisitorRoutes(deps),
    placementPlanRoutes(deps),
  ],
  subjects: { ...careSubjects, ...reviewSubjects, ...proceedingsSubjects },
  navigation: [],
  // Managers: who lacks a document or account, who is waiting for a health assessment, and
  // which placements await approval. Carers: the children placed with them.
  homePanels: [DOCUMENTS_HOME_PANEL, HEALTH_HOME_PANEL, PLACEMENTS_HOME_PANEL, CARER_HOME_PANEL],
  recordPanels: [
    {
      order: 19,
      template: 'modules/care/views/record-panel.njk',
      // The record page has checked and audited the reader's view of the child. A child never in
      // care shows the panel only to those who may start care.
      async load(deps, user, child) {
        const panel = await carePanel(deps, child.childId)
        const canStart = panel.open === null && allow(user, 'child.edit', child, deps.clock.now()).allowed
        if (panel.periods === 0 && !canStart) return null
        const adopters = visibleFields(user, child, deps.clock.now()).includes('adopter_identity')
        return {
          ...panel,
          current: panel.current && placementAsSeen(panel.current, adopters),
          canStart,
          legalStatusText: panel.current ? codeText(LEGAL_STATUSES, panel.current.legal_status) : null,
          placeText: panel.current ? codeText(PLACEMENT_TYPES, panel.current.place) : null,
          reasonText: panel.lastEnded ? codeText(REASONS_CEASED, panel.lastEnded.reason_ceased) : null,
        }
      },
    },
  ],
  // Each event's line is written when it is recorded (the codes with their words).
  chronology: [
    {
      types: ['care.*', 'placement.*', 'lac_visit.*', 'care_leaver.*', 'care_outcome.*'],
      summary: (event: ChronologyEvent) => event.summary,
      // Recorded for a day: they sit at its start (the end at its close) only to order them.
      datedTypes: [
        CARE_EVENTS.started,
        CARE_EVENTS.legalStatusChanged,
        CARE_EVENTS.placementChanged,
        CARE_EVENTS.placementStarted,
        CARE_EVENTS.ended,
        VISIT_EVENT,
        LONG_TERM_EVENT,
        // An imported period's line sits at its start (import-service.ts).
        IMPORTED_EVENT,
      ],
      // care.previous_permanence_recorded, care.uasc_recorded and care.adoption_recorded sit when
      // they were recorded.
    },
    // Reviews and their minutes (review-model.ts).
    REVIEW_CHRONOLOGY,
    // The IRO's escalations and the permanency planning meeting (escalation-model.ts).
    ESCALATION_CHRONOLOGY,
    // Documents and money (documents-model.ts).
    DOCUMENTS_CHRONOLOGY,
    // Health assessments and checks (health-model.ts).
    HEALTH_CHRONOLOGY,
    // Education: the school, missing education, PEPs, attendance and exclusions (education-model.ts).
    EDUCATION_CHRONOLOGY,
    // Missing and away episodes and the return home interview (records-model.ts).
    RECORDS_CHRONOLOGY,
    // Deprivation of liberty orders (dolo-model.ts).
    DOLO_CHRONOLOGY,
    // Care proceedings: issued, hearings, extensions, concluded (proceedings-model.ts).
    PROCEEDINGS_CHRONOLOGY,
    // The independent visitor (independent-visitor-model.ts).
    INDEPENDENT_VISITOR_CHRONOLOGY,
    // The placement plan and the carers who can see it (placement-plan-model.ts).
    PLACEMENT_PLAN_CHRONOLOGY,
  ],
  clocks: [
    ...CARE_CLOCKS,
    'lac-review-minutes',
    ESCALATION_CLOCK,
    PERMANENCY_CLOCK,
    RHI_CLOCK,
    PROCEEDINGS_CLOCK,
    PLACEMENT_APPROVAL_CLOCK,
    PLACEMENT_PLAN_CLOCK,
  ],
  publishedViews: [
    'care_episode_v',
    'care_review_v',
    'care_documents_v',
    'care_health_v',
    'care_education_v',
    'care_previous_permanence_v',
    'care_missing_v',
    'care_uasc_v',
    'care_placement_v',
    'care_leaver_v',
    'care_oc2_v',
    'care_oc2_latest_v',
    'care_adoption_v',
    'care_proceedings_v',
    'care_independent_visitor_v',
    'care_dolo_v',
    'care_document_record_v',
    'care_pep_v',
    'care_placement_cost_v',
  ],
  measures: parseKpiCatalogue(kpis),
  taskPages: {
    // The synthetic authority's events name a period `<child>-<n>` until it fills care's tables:
    // its tasks lead to the child's care record.
    [CARE_SUBJECT]: (id) => {
      const synthetic = /^(\d+)-\d+$/.exec(id)
      return synthetic ? `/children/${synthetic[1]}/care` : `/care-periods/${id}`
    },
    // A review's minutes to distribute: the form that records them.
    [REVIEW_SUBJECT]: (id) => `/lac-reviews/${id}/minutes`,
    // A return home interview to offer: the child's care record (the synthetic authority's
    // episodes are named `<child>-<n>`).
    [MISSING_SUBJECT]: (id) => {
      const synthetic = /^(\d+)-\d+$/.exec(id)
      return synthetic ? `/children/${synthetic[1]}/care#missing` : `/missing-episodes/${id}`
    },
    // The 26 weeks of care proceedings: the form's page leads to the child's care record.
    [PROCEEDINGS_SUBJECT]: (id) => `/care-proceedings/${id}`,
  },
}
