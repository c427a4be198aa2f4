import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/platform/db/database.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { allow, type Actor } from '../../src/platform/permissions/allow.js'
import { GRANT_BASES } from '../../src/platform/permissions/relationships.js'
import { CHILD_ACTIONS, ROLES } from '../../src/platform/permissions/roles.js'
import {
  childrenPermitting,
  grantAccess,
  InvalidGrantError,
  loadActor,
  loadChildRecord,
  revokeAccess,
  visibleChildren,
} from '../../src/platform/permissions/store.js'
import { onPostgres, openTestDatabase } from '../support/test-database.js'

const NOW = new Date('2026-03-31T12:00:00Z')
const DAY = 86_400_000

/** Thrown to roll a test's transaction back, so each case starts from an empty database. */
class Rollback extends Error {}

async function inRollback(db: Db, fn: (trx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await fn(trx)
      throw new Rollback()
    })
  } catch (err) {
    if (!(err instanceof Rollback)) throw err
  }
}

async function addTeam(trx: Db, name: string): Promise<number> {
  const row = await trx
    .insertInto('team')
    .values({ name, kind: 'assessment' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function addUser(
  trx: Db,
  username: string,
  role: string,
  teamId: number | null,
  disabled = false,
): Promise<number> {
  const row = await trx
    .insertInto('app_user')
    .values({
      username,
      display_name: `Synthetic ${username}`,
      role,
      team_id: teamId,
      agency: role === 'partner_practitioner' ? 'health' : null,
      disabled_at: disabled ? NOW : null,
      disabled_reason: disabled ? 'left the authority' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function addChild(trx: Db, n: number, restricted = false, deleted = false): Promise<number> {
  const row = await trx
    .insertInto('person')
    .values({
      kind: 'child',
      given_name: `Child${n}`,
      family_name: 'Synthetic',
      date_of_birth: '2015-06-01',
      restricted,
      restriction_category: restricted ? 'high_risk' : null,
      deleted_at: deleted ? NOW : null,
      deleted_reason: deleted ? 'created in error' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

describe(`permissions in the database on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(async () => database.close())

  describe('loadActor', () => {
    it('reads the role, team and the teams the user manages', async () => {
      await inRollback(database.db, async (trx) => {
        const a = await addTeam(trx, 'Assessment A')
        const b = await addTeam(trx, 'Assessment B')
        const manager = await addUser(trx, 'manager', 'team_manager', a)
        await trx.updateTable('team').set({ manager_id: manager }).where('id', 'in', [a, b]).execute()
        expect(await loadActor(trx, manager)).toEqual({
          id: manager,
          role: 'team_manager',
          teamId: a,
          agency: null,
          managedTeamIds: [a, b],
          personId: null,
        })
        const worker = await addUser(trx, 'worker', 'social_worker', a)
        expect(await loadActor(trx, worker)).toMatchObject({ role: 'social_worker', managedTeamIds: [] })
      })
    })

    it('gives no actor for a disabled account, an unknown role or a missing user', async () => {
      await inRollback(database.db, async (trx) => {
        const active = await addUser(trx, 'active', 'auditor', null)
        const gone = await addUser(trx, 'gone', 'auditor', null, true)
        const odd = await addUser(trx, 'odd', 'caretaker', null)
        expect(await loadActor(trx, active)).not.toBeNull()
        expect(await loadActor(trx, gone)).toBeNull()
        expect(await loadActor(trx, odd)).toBeNull()
        expect(await loadActor(trx, active + 1000)).toBeNull()
      })
    })
  })

  describe('loadChildRecord', () => {
    it('reads the restriction, deletion and grants, leaving revoked grants behind', async () => {
      await inRollback(database.db, async (trx) => {
        const team = await addTeam(trx, 'Safeguarding')
        const worker = await addUser(trx, 'worker', 'social_worker', team)
        const child = await addChild(trx, 1, true)
        const kept = await grantAccess(trx, {
          childId: child,
          userId: worker,
          basis: 'restriction_grant',
          grantedBy: null,
          expiresAt: new Date(NOW.getTime() + 14 * DAY),
          reason: 'Visiting with the allocated worker',
        })
        const ended = await grantAccess(trx, {
          childId: child,
          teamId: team,
          basis: 'allocated_team',
          grantedBy: null,
        })
        await revokeAccess(trx, ended, 'Transferred to another team')
        expect(kept).toBeGreaterThan(0)
        expect(await loadChildRecord(trx, child)).toEqual({
          childId: child,
          restricted: true,
          deleted: false,
          mergedIntoId: null,
          grants: [
            {
              userId: worker,
              teamId: null,
              basis: 'restriction_grant',
              expiresAt: new Date(NOW.getTime() + 14 * DAY),
              revokedAt: null,
            },
          ],
          staffLinks: [],
        })
        const deleted = await addChild(trx, 2, false, true)
        expect(await loadChildRecord(trx, deleted)).toMatchObject({ deleted: true, restricted: false })
        expect(await loadChildRecord(trx, deleted + 1000)).toBeNull()
      })
    })
  })

  describe('grantAccess and revokeAccess', () => {
    it('refuses grants that would count for nothing or skip the review rules', async () => {
      await inRollback(database.db, async (trx) => {
        const team = await addTeam(trx, 'Front door')
        const user = await addUser(trx, 'screener', 'front_door_screener', team)
        const child = await addChild(trx, 1)
        const later = new Date(NOW.getTime() + DAY)
        const bad = [
          { childId: child, basis: 'allocated_worker' as const, grantedBy: null },
          { childId: child, userId: user, teamId: team, basis: 'allocated_worker' as const, grantedBy: null },
          { childId: child, userId: user, basis: 'allocated_team' as const, grantedBy: null },
          {
            childId: child,
            teamId: team,
            basis: 'break_glass' as const,
            grantedBy: null,
            expiresAt: later,
            reason: 'x',
          },
          {
            childId: child,
            userId: user,
            basis: 'break_glass' as const,
            grantedBy: null,
            reason: 'Police at the door',
          },
          {
            childId: child,
            userId: user,
            basis: 'break_glass' as const,
            grantedBy: null,
            expiresAt: later,
            reason: ' ',
          },
        ]
        for (const grant of bad)
          await expect(grantAccess(trx, grant)).rejects.toBeInstanceOf(InvalidGrantError)
        const good = await grantAccess(trx, {
          childId: child,
          userId: user,
          basis: 'break_glass',
          grantedBy: user,
          expiresAt: later,
          reason: 'Police at the door out of hours',
        })
        const row = await trx
          .selectFrom('child_access')
          .selectAll()
          .where('id', '=', good)
          .executeTakeFirstOrThrow()
        expect(row).toMatchObject({
          basis: 'break_glass',
          reason: 'Police at the door out of hours',
          revoked_at: null,
        })
        expect(await trx.selectFrom('child_access').select('id').execute()).toHaveLength(1)
      })
    })

    it('ends access at once, keeps the first reason, and refuses an unknown grant', async () => {
      await inRollback(database.db, async (trx) => {
        const team = await addTeam(trx, 'Children in care')
        const worker = await addUser(trx, 'worker', 'social_worker', team)
        const child = await addChild(trx, 1)
        const actor = await loadActor(trx, worker)
        if (!actor) throw new Error('expected an actor')
        const visible = async (): Promise<number[]> =>
          (
            await trx.selectFrom('person').select('id').where(visibleChildren(actor, new Date())).execute()
          ).map((r) => r.id)

        const id = await grantAccess(trx, {
          childId: child,
          userId: worker,
          basis: 'allocated_worker',
          grantedBy: null,
        })
        expect(await visible()).toEqual([child])
        await revokeAccess(trx, id, 'Deallocated')
        expect(await visible()).toEqual([])
        await revokeAccess(trx, id, 'Deallocated again')
        const row = await trx
          .selectFrom('child_access')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
        expect(row.revoked_reason).toBe('Deallocated')
        await expect(revokeAccess(trx, id + 1000, 'No such grant')).rejects.toBeInstanceOf(InvalidGrantError)
        await expect(revokeAccess(trx, id, '  ')).rejects.toBeInstanceOf(InvalidGrantError)
      })
    })
  })

  describe('property: the SQL filter and the pure rule agree', () => {
    const offsets = [-30 * DAY, -1, 0, 1, 30 * DAY]
    // Weighted so most grants are live and team grants are mostly allocations: otherwise nearly
    // every grant counts for nothing and a wrong filter would rarely show.
    const mostly = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: rare, weight: 1 })
    const common = {
      child: fc.nat(),
      who: fc.nat(),
      expires: mostly(fc.constant(null), fc.constantFrom(...offsets)),
      revoked: mostly(fc.constant(null), fc.constantFrom(...offsets)),
    }
    const grant = fc.oneof(
      fc.record({ toTeam: fc.constant(false), basis: fc.constantFrom(...GRANT_BASES), ...common }),
      fc.record({
        toTeam: fc.constant(true),
        basis: mostly(fc.constant('allocated_team' as const), fc.constantFrom(...GRANT_BASES)),
        ...common,
      }),
    )
    const world = fc.record({
      teams: fc.array(fc.record({ manager: mostly(fc.nat(), fc.constant(null)), frontDoor: fc.boolean() }), {
        minLength: 1,
        maxLength: 3,
      }),
      users: fc.array(
        fc.record({
          role: mostly(fc.constantFrom<string>(...ROLES), fc.constant('caretaker')),
          team: mostly(fc.nat(), fc.constant(null)),
          disabled: mostly(fc.constant(false), fc.constant(true)),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      children: fc.array(
        fc.record({ restricted: fc.boolean(), deleted: mostly(fc.constant(false), fc.constant(true)) }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      grants: fc.array(grant, { minLength: 1, maxLength: 20 }),
      // Members of staff who are one of the children, or a relative of one (SEC-08).
      links: fc.array(
        fc.record({
          user: fc.nat(),
          child: fc.nat(),
          self: fc.boolean(),
          reversed: fc.boolean(),
          ended: mostly(fc.constant(false), fc.constant(true)),
        }),
        { maxLength: 3 },
      ),
    })

    it('for every actor and child action, the rows selected are exactly the children allow() permits', async () => {
      const seen = { allowed: 0, denied: 0 }
      await fc.assert(
        fc.asyncProperty(world, async (w) => {
          await inRollback(database.db, async (trx) => {
            const teamIds: number[] = []
            for (const [i] of w.teams.entries()) teamIds.push(await addTeam(trx, `Team ${i}`))
            const pick = <T>(list: T[], n: number): T => list[n % list.length] as T
            const userIds: number[] = []
            for (const [i, u] of w.users.entries()) {
              const team = u.team === null ? null : pick(teamIds, u.team)
              userIds.push(await addUser(trx, `user${i}`, u.role, team, u.disabled))
            }
            for (const [i, t] of w.teams.entries()) {
              if (t.manager === null) continue
              await trx
                .updateTable('team')
                // A front door team's manager has the front door's standing access (relationshipsOf).
                .set({ manager_id: pick(userIds, t.manager), ...(t.frontDoor ? { kind: 'front_door' } : {}) })
                .where('id', '=', pick(teamIds, i))
                .execute()
            }
            const childIds: number[] = []
            for (const [i, c] of w.children.entries())
              childIds.push(await addChild(trx, i, c.restricted, c.deleted))
            // Written straight to the table, not through grantAccess, so odd rows (a personal
            // grant on a team, an allocation to a team on a person) are tried too.
            for (const g of w.grants) {
              await trx
                .insertInto('child_access')
                .values({
                  child_id: pick(childIds, g.child),
                  user_id: g.toTeam ? null : pick(userIds, g.who),
                  team_id: g.toTeam ? pick(teamIds, g.who) : null,
                  basis: g.basis,
                  expires_at: g.expires === null ? null : new Date(NOW.getTime() + g.expires),
                  revoked_at: g.revoked === null ? null : new Date(NOW.getTime() + g.revoked),
                  revoked_reason: g.revoked === null ? null : 'Ended',
                })
                .execute()
            }

            const linked = new Set<number>()
            for (const [j, l] of w.links.entries()) {
              const userId = pick(userIds, l.user)
              const child = pick(childIds, l.child)
              if (linked.has(userId) || (l.self && linked.has(-child))) continue
              linked.add(userId)
              let personId = child
              if (l.self) linked.add(-child)
              else {
                personId = (
                  await trx
                    .insertInto('person')
                    .values({ kind: 'adult', given_name: `Relative${j}`, family_name: 'Synthetic' })
                    .returning('id')
                    .executeTakeFirstOrThrow()
                ).id
                await trx
                  .insertInto('person_relationship')
                  .values({
                    person_id: l.reversed ? child : personId,
                    related_person_id: l.reversed ? personId : child,
                    relationship_type: 'other_relative',
                    deleted_at: l.ended ? NOW : null,
                    deleted_reason: l.ended ? 'Recorded in error' : null,
                  })
                  .execute()
              }
              await trx
                .updateTable('app_user')
                .set({ person_id: personId })
                .where('id', '=', userId)
                .execute()
            }

            const records = await Promise.all(childIds.map((id) => loadChildRecord(trx, id)))
            for (const [i, userId] of userIds.entries()) {
              const loaded = await loadActor(trx, userId)
              const u = w.users[i]
              const expectActor = u !== undefined && !u.disabled && u.role !== 'caretaker'
              expect(loaded !== null).toBe(expectActor)
              if (!loaded) continue
              // The filter takes the actor's own person record from the session when it has it,
              // and looks it up when it does not: both ways must agree with the rule.
              const unloaded: Actor = { ...loaded }
              delete unloaded.personId
              for (const actor of [loaded, unloaded])
                for (const action of CHILD_ACTIONS) {
                  const selected = await trx
                    .selectFrom('person')
                    .select('id')
                    .where('id', 'in', childIds)
                    .where(childrenPermitting(actor, action, NOW))
                    .orderBy('id')
                    .execute()
                  const permitted = records
                    .filter((r) => r !== null && allow(actor, action, r, NOW).allowed)
                    .map((r) => r?.childId)
                  expect(selected.map((r) => r.id)).toEqual(permitted)
                  seen.allowed += permitted.length
                  seen.denied += childIds.length - permitted.length
                }
              const actor = loaded
              const visible = await trx
                .selectFrom('person')
                .select('id')
                .where('id', 'in', childIds)
                .where(visibleChildren(actor, NOW))
                .orderBy('id')
                .execute()
              expect(visible.map((r) => r.id)).toEqual(
                records
                  .filter((r) => r !== null && allow(actor, 'child.view', r, NOW).allowed)
                  .map((r) => r?.childId),
              )
            }
          })
        }),
        { numRuns: 25 },
      )
      // The property is only worth something if both answers came up.
      expect(seen.allowed).toBeGreaterThan(0)
      expect(seen.denied).toBeGreaterThan(0)
    })
  })
})
