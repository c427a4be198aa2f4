/**
 * Personal data stays out of the log. People search is a GET, so its answers are in the URL: a
 * request log that writes URLs writes names, dates of birth and NHS numbers. The log names the
 * route pattern instead, and this test reads everything the application logged.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/platform/logging.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
const lines: string[] = []
const captured = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'))
    done()
  },
})

beforeAll(async () => {
  t = await openTestApp({ logger: createLogger({ level: 'debug', destination: captured }) })
})
afterAll(async () => t.close())

describe('the request log', () => {
  it('holds none of a child’s identifying values after searching for and opening their record', async () => {
    const child = await t.database.db
      .selectFrom('child_access as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .innerJoin('person as p', 'p.id', 'a.child_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.nhs_number'])
      .where('u.username', '=', 'social.worker')
      .where('a.basis', '=', 'allocated_worker')
      .where('p.nhs_number', 'is not', null)
      .where('p.date_of_birth', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow()
    const dob = child.date_of_birth as string
    const nhs = child.nhs_number as string
    const [year, month, day] = dob.split('-')

    const b = new Browser(t.app)
    expect((await b.signIn('social.worker')).statusCode).toBe(303)
    const byName = await b.get(
      `/people/search?search=1&name=${encodeURIComponent(`${child.given_name} ${child.family_name}`)}`,
    )
    expect(byName.statusCode).toBe(200)
    expect(byName.body).toContain(`/children/${child.id}`)
    const byBirth = await b.get(
      `/people/search?search=1&name=${encodeURIComponent(child.family_name)}&dateOfBirth-day=${day}&dateOfBirth-month=${month}&dateOfBirth-year=${year}`,
    )
    expect(byBirth.statusCode).toBe(200)
    expect((await b.get(`/people/search?search=1&identifier=${nhs}`)).statusCode).toBe(200)
    const record = await b.get(`/children/${child.id}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).toContain(child.family_name)

    const log = lines.join('')
    // The log was written to: a test of an empty log would prove nothing.
    expect(log).toContain('/people/search')
    expect(log).toContain('/children/:id')
    for (const value of [child.given_name, child.family_name, dob, nhs, `${day}/${month}/${year}`]) {
      expect(log, `the log holds "${value}"`).not.toContain(value)
    }
    expect(log).not.toContain(`/children/${child.id}`)
    // Each request is one line naming its route, method, status, duration and Haven's request id.
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const view = entries.find((e) => e.route === '/children/:id')
    expect(view).toMatchObject({ method: 'GET', status: 200, reqId: expect.any(String) })
    expect(view?.ms).toEqual(expect.any(Number))
    expect(entries.some((e) => 'url' in e || 'req' in e)).toBe(false)
  })
})
