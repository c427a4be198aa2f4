/**
 * Field rules (SEC-04), the fourth conjunct of the permission rule: allow = role ∧ relationship ∧
 * no restriction ∧ field rules pass. Opening a child's record does not open everything on it.
 * Some classes of information are protected: they go only to people whose relationship to the
 * child (and whose role) needs them, and they are left out of what is sent to anyone else (absent
 * from the page, not hidden on it).
 *
 * Modules say which of their data belongs to which class (the front door: what the police and
 * health said at triage; people: an address marked confidential); this file says who may see each
 * class. Pure, and built on the same relationships as `allow`: a field is only ever shown through
 * a relationship that opened the record.
 */
import { relationshipsAllowing, type Actor, type ChildRecord } from './allow.js'
import { ROLE_RELATIONSHIPS, type Relationship } from './relationships.js'
import type { Role } from './roles.js'

export const FIELD_CLASSES = [
  // What the police told the front door about the child and household: arrests, domestic abuse
  // call-outs, intelligence. Shared under the MASH information-sharing agreement for the
  // safeguarding decision, not for everyone who reads the record.
  'police_intelligence',
  // Health detail: diagnoses, treatment, clinic attendance, as health colleagues gave it.
  // Confidential medical information, shared for the child's safety (Caldicott).
  'health_detail',
  // A refuge or undisclosed address: where a child is kept safe from someone who would harm them.
  // Every extra person who knows it is a way for it to reach that person.
  'confidential_address',
  // Adopters' names and address. Declared now for the adoption module (SEC-10); no data yet.
  'adopter_identity',
] as const
export type FieldClass = (typeof FIELD_CLASSES)[number]

/** Words for the class, in a sentence and as the heading of the published table. */
export const FIELD_CLASS_NAMES: Record<FieldClass, string> = {
  police_intelligence: 'police intelligence',
  health_detail: 'health detail',
  confidential_address: 'confidential address',
  adopter_identity: "adopters' identity",
}

/** One letter per class for the published table. */
export const FIELD_LETTERS: Record<FieldClass, string> = {
  police_intelligence: 'P',
  health_detail: 'H',
  confidential_address: 'C',
  adopter_identity: 'I',
}

/**
 * The agency that gives each class. The agency that gave a piece of information may always see it
 * again, whatever the table says: nothing is disclosed by showing police colleagues what the
 * police said. Matched on the kind of agency (`app_user.agency`), as an authority works with one
 * police force and one health economy.
 */
export const GIVEN_BY: Record<FieldClass, string | null> = {
  police_intelligence: 'police',
  health_detail: 'health',
  confidential_address: null,
  adopter_identity: null,
}

/**
 * Which protected classes each relationship carries, for the authority's own staff. The question
 * for each cell: does the work this relationship exists for need this information?
 */
export const RELATIONSHIP_FIELDS: Record<Relationship, readonly FieldClass[]> = {
  // The child's worker holds the case: the risks, the child's health, where the child is kept
  // safe (they arranged it), and in adoption who the adopters are.
  allocated_worker: ['police_intelligence', 'health_detail', 'confidential_address', 'adopter_identity'],
  // The manager supervises the case and signs off the plans that rest on all of this, including
  // the safety plan around a refuge. Adopters' identity stays with the adoption worker and named
  // grants: adoption records are restricted (SEC-10), and a team allocation does not reach them.
  team_manager: ['police_intelligence', 'health_detail', 'confidential_address'],
  // Duty cover reads the record to act while the worker is away. What they need for a safe visit
  // is in the record's alerts and warnings; the police and health detail behind them and a refuge
  // address stay with the worker and manager, who can be asked. Fewer people hold each secret.
  allocated_team: [],
  // A named, authorised, time-boxed grant to work a restricted record reaches as far as an
  // allocation does.
  restriction_grant: ['police_intelligence', 'health_detail', 'confidential_address', 'adopter_identity'],
  // The IRO scrutinises the care plan, which rests on the risks and the child's health, and meets
  // the child where they live before each review, adopters included. A refuge address is not
  // needed to review a plan: the allocated worker holds it.
  independent_reviewing_officer: ['police_intelligence', 'health_detail', 'adopter_identity'],
  // People in a strategy discussion, conference or core group read the record to take part. What
  // agencies share for that process is recorded in the process's own record, under its own rules;
  // what was gathered at triage is not passed on wholesale, and nor is a refuge address.
  process_participant: [],
  // A partner agency's lead sees the record for their agency's part in the child's plan: only what
  // their own agency gave (see GIVEN_BY).
  agency_lead: [],
  // A carer sees the placement plan only, which the child's worker writes for them: what they
  // need of the child's health and risks is in it, in the worker's words. Nothing else of the
  // record, so no protected class reaches them (and `visibleFields` asks for `child.view`, which
  // they never have).
  placement_carer: [],
  // The front door gathers police and health information to decide what happens to a contact, so
  // it sees what it gathered, on any child it screens. It has no need to know where a child in a
  // refuge is: the contact goes to the allocated worker, who does.
  front_door: ['police_intelligence', 'health_detail'],
  // Service managers decide contacts and sign off decisions across every team, which needs the
  // full picture of risk. Oversight does not need a refuge address; they can ask the team manager.
  service_oversight: ['police_intelligence', 'health_detail'],
  // Emergency access is for acting on risk now, so it shows what the agencies said. It does not
  // show a refuge address: a disclosure cannot be undone by the later review, and the page names
  // the worker and team who hold it and can be called.
  break_glass: ['police_intelligence', 'health_detail'],
}

/**
 * The most each role may ever see, whatever the relationship. A partner agency practitioner sees
 * none of the protected classes through a process, a lead role or even a restricted-record grant:
 * the authority does not pass one agency's information to another, or a refuge address outside
 * itself. They do see what their own agency gave (GIVEN_BY). Roles with no access to children see
 * nothing, as they hold no relationships.
 */
export const ROLE_FIELDS: Record<Role, readonly FieldClass[]> = {
  front_door_screener: FIELD_CLASSES,
  mash_social_worker: FIELD_CLASSES,
  social_worker: FIELD_CLASSES,
  team_manager: FIELD_CLASSES,
  service_manager: FIELD_CLASSES,
  partner_practitioner: [],
  performance_officer: [],
  administrator: [],
  auditor: [],
  emergency_duty_worker: [],
  independent_reviewing_officer: FIELD_CLASSES,
  carer: [],
}

/** The classes a role sees through one relationship (empty when the role cannot rely on it). */
export function fieldReach(role: Role, relationship: Relationship): FieldClass[] {
  if (!ROLE_RELATIONSHIPS[role].includes(relationship)) return []
  return FIELD_CLASSES.filter(
    (f) => RELATIONSHIP_FIELDS[relationship].includes(f) && ROLE_FIELDS[role].includes(f),
  )
}

/**
 * The protected classes the actor may see on this child's record: what any one of the
 * relationships that let them view it carries. None when they may not view it at all.
 */
export function visibleFields(actor: Actor, child: ChildRecord, now: Date): FieldClass[] {
  const through = relationshipsAllowing(actor, 'child.view', child, now)
  return FIELD_CLASSES.filter((f) => through.some((r) => fieldReach(actor.role, r).includes(f)))
}

/** The protected classes withheld from the actor, of those a page may carry. */
export function withheldFields(visible: readonly FieldClass[], carried: readonly FieldClass[]): FieldClass[] {
  return carried.filter((f) => !visible.includes(f))
}

/**
 * One item of information: shown when it is not protected, when its class is visible, or when the
 * actor works for the kind of agency that gave it.
 */
export function maySee(
  actor: Actor,
  visible: readonly FieldClass[],
  item: { fieldClass: FieldClass | null; givenBy?: string | null },
): boolean {
  if (item.fieldClass === null || visible.includes(item.fieldClass)) return true
  const giver = item.givenBy !== undefined ? item.givenBy : GIVEN_BY[item.fieldClass]
  return giver !== null && actor.agency !== null && actor.agency === giver
}
