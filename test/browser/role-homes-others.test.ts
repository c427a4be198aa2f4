/** The home and navigation pages of every role but the managers' (role-homes.ts). */
import { afterAll, beforeAll } from 'vitest'
import { ROLES, type Role } from '../../src/platform/permissions/roles.js'
import { describeRoleHomes } from './role-homes.js'
import { openSite, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

// Every role not in role-homes-managers.test.ts, so a new role is walked without being listed.
const MANAGERS: readonly Role[] = ['team_manager', 'service_manager']
describeRoleHomes(
  () => site,
  ROLES.filter((r) => !MANAGERS.includes(r)),
)
