import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told, in production too', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).http.trustedProxies).toEqual([])
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x',
      AUDIT_HMAC_KEY: 'k',
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
