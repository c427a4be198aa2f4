import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { DEVELOPMENT_KEY, KEY_FILE, resolveAuditKey } from './key.js'

const config = (over: { hmacKey?: string; url?: string; dataDir?: string; environment?: string }) => ({
  audit: { hmacKey: over.hmacKey },
  database: { url: over.url, dataDir: over.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'haven-key-')) },
  environment: over.environment ?? 'development',
})

describe('resolveAuditKey', () => {
  it('uses AUDIT_HMAC_KEY when it is set', () => {
    expect(resolveAuditKey(config({ hmacKey: 'k'.repeat(40) }))).toBe('k'.repeat(40))
  })

  it('refuses a short key in production, and no key at all', () => {
    expect(() =>
      resolveAuditKey(config({ hmacKey: 'short', environment: 'production', url: 'postgres://x' })),
    ).toThrow(/at least 32/)
    expect(() => resolveAuditKey(config({ environment: 'production', url: 'postgres://x' }))).toThrow(
      /required/,
    )
  })

  it('gives the embedded database a random key of its own, kept private beside it', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'haven-key-')), 'data')
    const key = resolveAuditKey(config({ dataDir }))
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(resolveAuditKey(config({ dataDir }))).toBe(key)
    expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600)
    // The failing case beside it: another data directory has another key.
    expect(resolveAuditKey(config({}))).not.toBe(key)
  })

  it('refuses a key file that has been emptied rather than quietly making a new key', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-key-'))
    fs.writeFileSync(path.join(dataDir, KEY_FILE), '\n')
    expect(() => resolveAuditKey(config({ dataDir }))).toThrow(/too short/)
  })

  it('falls back to the public development key on a development server, warning once', () => {
    const warn = vi.fn()
    expect(resolveAuditKey(config({ url: 'postgres://localhost/haven' }), warn)).toBe(DEVELOPMENT_KEY)
    expect(resolveAuditKey(config({ url: 'postgres://localhost/haven' }), warn)).toBe(DEVELOPMENT_KEY)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/AUDIT_HMAC_KEY is not set/)
  })
})
