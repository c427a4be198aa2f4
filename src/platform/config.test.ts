import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditSafetyWarnings } from './audit/safety.js'
import { loadConfig } from './config.js'

const server = 'postgres://haven_app@db.example/haven'
const owner = 'postgres://haven_owner@db.example/haven'

describe('database and audit configuration', () => {
  it('keeps the application’s URL and the migrations’ URL apart', () => {
    const config = loadConfig({ DATABASE_URL: server, DATABASE_MIGRATION_URL: owner })
    expect(config.database).toMatchObject({ url: server, migrationUrl: owner, appRole: undefined })
    expect(loadConfig({ DATABASE_URL: server, DATABASE_APP_ROLE: 'haven_app' }).database.appRole).toBe(
      'haven_app',
    )
  })

  it('refuses a migration URL without an application URL', () => {
    expect(() => loadConfig({ DATABASE_MIGRATION_URL: owner })).toThrow(/DATABASE_URL is not/)
  })

  it('keeps checkpoints beside the embedded database by default, and nowhere by default for a server', () => {
    expect(loadConfig({ HAVEN_DATA_DIR: '/srv/haven' }).audit.checkpointFile).toBe(
      path.join('/srv/haven', 'audit-checkpoints.log'),
    )
    expect(loadConfig({ DATABASE_URL: server }).audit.checkpointFile).toBeUndefined()
    expect(
      loadConfig({ DATABASE_URL: server, AUDIT_CHECKPOINT_FILE: '/var/log/haven/checkpoints' }).audit
        .checkpointFile,
    ).toBe('/var/log/haven/checkpoints')
    expect(loadConfig({ HAVEN_DATA_DIR: 'memory://' }).audit.checkpointFile).toBeUndefined()
  })
})

describe('auditSafetyWarnings', () => {
  const production = (env: Record<string, string>) =>
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: server,
      AUDIT_HMAC_KEY: 'k'.repeat(40),
      DRAFT_KEY: 'd'.repeat(40),
      ...env,
    })

  it('warns in production when the application’s role could rewrite the trail, or no checkpoint leaves the database', () => {
    const lines = auditSafetyWarnings(production({}), { canRewriteAudit: true })
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/DATABASE_MIGRATION_URL/)
    expect(lines[1]).toMatch(/AUDIT_CHECKPOINT_FILE/)
  })

  it('is quiet with two roles and a checkpoint file, and outside production', () => {
    const config = production({ DATABASE_MIGRATION_URL: owner, AUDIT_CHECKPOINT_FILE: '/var/log/haven/cp' })
    expect(auditSafetyWarnings(config, { canRewriteAudit: false })).toEqual([])
    expect(auditSafetyWarnings(loadConfig({ DATABASE_URL: server }), { canRewriteAudit: true })).toEqual([])
  })
})

describe('DRAFT_KEY', () => {
  it('is required in production, where unsent answers must not be sealed with a public key', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: server, AUDIT_HMAC_KEY: 'k'.repeat(40) }),
    ).toThrow(/DRAFT_KEY is required/)
  })

  it('keeps drafts 14 days unless told', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).drafts.keepDays).toBe(14)
    expect(loadConfig({ NODE_ENV: 'test', DRAFT_KEEP_DAYS: '3' }).drafts.keepDays).toBe(3)
  })
})

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told, in production too', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).http.trustedProxies).toEqual([])
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x',
      AUDIT_HMAC_KEY: 'k',
      DRAFT_KEY: 'd',
    })
    expect(production.http.trustedProxies).toEqual([])
  })

  it('reads addresses and CIDR ranges, separated by commas', () => {
    const config = loadConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.7 ,fd00::/8,::1' })
    expect(config.http.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1'])
  })

  it.each(['true', '*', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x'])(
    'refuses "%s" at start-up',
    (value) => {
      expect(() => loadConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES/)
    },
  )
})
