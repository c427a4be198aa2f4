/**
 * Haven's list of modules (src/bootstrap.ts) against what they claim: the clocks they own are
 * defined, the views they publish exist in the migrated database, the service navigation each role
 * sees is the one the service has always shown, and no template reaches into another module's
 * views (the lint rule checks TypeScript imports; this checks Nunjucks includes).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { STATUTORY_CLOCKS } from '../../src/platform/calendar/clocks.js'
import {
  navigationFor,
  orderNavigation,
  PLATFORM_ADMIN_SECTIONS,
  PLATFORM_NAVIGATION,
} from '../../src/platform/http/navigation.js'
import type { CurrentUser } from '../../src/platform/http/request-context.js'
import type { Role } from '../../src/platform/permissions/roles.js'
import { openTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

describe('the list of modules', () => {
  it('claims only clocks that are defined', () => {
    const codes = new Set(STATUTORY_CLOCKS.map((d) => d.code))
    const claimed = HAVEN_MODULES.flatMap((m) => m.clocks ?? [])
    expect(claimed.length).toBeGreaterThan(0)
    expect(claimed.filter((c) => !codes.has(c))).toEqual([])
  })

  it('publishes only views the migrations create', async () => {
    const published = HAVEN_MODULES.flatMap((m) => m.publishedViews ?? [])
    expect(published.length).toBeGreaterThan(0)
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.views where table_schema = current_schema()
    `.execute(database.db)
    const views = new Set(rows.map((r) => r.name))
    expect(published.filter((v) => !views.has(v))).toEqual([])
  })

  it('gives each role the service navigation it has always had', () => {
    const entries = orderNavigation([
      ...PLATFORM_NAVIGATION,
      ...HAVEN_MODULES.flatMap((m) => m.navigation ?? []),
    ])
    const shown = (role: Role) =>
      navigationFor(
        entries,
        { id: 1, role, teamId: null, agency: null, managedTeamIds: [] } as unknown as CurrentUser,
        '/',
      )
        .map((e) => e.text)
        .join(' | ')
    expect(shown('front_door_screener')).toBe('Home | MASH queue | Search')
    expect(shown('mash_social_worker')).toBe('Home | MASH queue | Police notifications | Search')
    expect(shown('social_worker')).toBe('Home | Search | Early help')
    // Managers authorise the MASH social workers' recommendations (reference/frontdoor/authorisation.json).
    const manager =
      'Home | MASH queue | Decisions to authorise | Police notifications | Search | Referrals | Early help | Sign-offs | Team | Performance | Performance digest'
    expect(shown('team_manager')).toBe(manager)
    expect(shown('service_manager')).toBe(manager)
    expect(shown('partner_practitioner')).toBe('Home | Your contacts | Early help')
    expect(shown('performance_officer')).toBe('Home | Performance | Performance digest | Check a return')
    expect(shown('administrator')).toBe('Home | Users')
    expect(shown('auditor')).toBe('Home | Audit trail | Access reviews')
  })

  it('gives the administration pages the sections they have always had', () => {
    const sections = [...PLATFORM_ADMIN_SECTIONS, ...HAVEN_MODULES.flatMap((m) => m.adminSections ?? [])]
      .sort((a, b) => a.order - b.order)
      .map((s) => s.text)
    expect(sections).toEqual([
      'Users',
      'Accounts to confirm',
      'Single sign-on groups',
      'Teams',
      'Partner agencies',
      'Merge duplicate records',
      'Merged records',
    ])
  })

  it('has no template that includes, extends or imports another module’s views', () => {
    const modulesDir = path.resolve(import.meta.dirname, '../../src/modules')
    const reaches: string[] = []
    for (const name of readdirSync(modulesDir)) {
      const dir = path.join(modulesDir, name)
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.njk'))
      for (const file of files) {
        const text = readFileSync(path.join(dir, file), 'utf8')
        for (const m of text.matchAll(/["']modules\/([\w-]+)\//g))
          if (m[1] !== name) reaches.push(`${name}/${file} → ${m[0]}`)
      }
    }
    expect(reaches).toEqual([])
  })
})
