import { describe, expect, it } from 'vitest'
import { createLogger, readableLine, readableLines } from './logging.js'

const at = Date.UTC(2026, 11, 4, 14, 5, 9)
const json = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', ...fields })
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8)

describe('readable log lines on a developer’s machine', () => {
  it('write a request as its time, method, route, status and duration', () => {
    expect(
      readableLine(
        json({ reqId: 'r1', msg: 'request', method: 'GET', route: '/children/:id', status: 200, ms: 12.5 }),
      ),
    ).toBe(`${clock(at)} GET /children/:id 200 12.5 ms`)
  })

  it('write other lines as their level (when not INFO), message and fields', () => {
    expect(readableLine(json({ level: 40, msg: 'slow query', table: 'person', ms: 812 }))).toBe(
      `${clock(at)} WARN slow query table=person ms=812`,
    )
    expect(readableLine(json({ msg: 'Synthetic authority: loaded' }))).toBe(
      `${clock(at)} Synthetic authority: loaded`,
    )
  })

  it('write an error with its stack, and anything not JSON as it came', () => {
    const line = readableLine(
      json({
        level: 50,
        msg: 'request failed',
        err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' },
      }),
    )
    expect(line).toBe(`${clock(at)} ERROR request failed\nError: boom\n    at x`)
    expect(readableLine('not json\n')).toBe('not json')
  })

  it('keep the logger’s redaction: a cookie is removed before the line is written', () => {
    const written: string[] = []
    const log = createLogger({ destination: readableLines({ write: (text: string) => written.push(text) }) })
    log.info({ req: { method: 'GET', headers: { cookie: 'haven_session=secret' } } }, 'with a cookie')
    expect(written.join('')).not.toContain('secret')
    expect(written.join('')).toContain('with a cookie')
  })
})
