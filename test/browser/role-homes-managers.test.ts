/** The home and navigation pages of the managers' roles (role-homes.ts). */
import { afterAll, beforeAll } from 'vitest'
import { describeRoleHomes } from './role-homes.js'
import { openSite, type Site } from './support.js'

let site: Site
beforeAll(async () => {
  site = await openSite()
})
afterAll(async () => site?.close())

describeRoleHomes(() => site, ['team_manager', 'service_manager'])
