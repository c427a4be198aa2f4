/** `haven users add|disable|enable|link-record|list`. */
import { systemClock } from '../../platform/calendar/clock.js'
import os from 'node:os'
import { parseArgs } from 'node:util'
import type { AuditContext } from '../../platform/audit/audit.js'
import { addUser, disableUser, enableUser, listAccounts, UserError } from '../../platform/auth/users.js'
import { ROLES } from '../../platform/permissions/roles.js'
import { linkStaffRecord, StaffLinkError } from '../../modules/people/staff-link-service.js'
import { CliError } from '../cli-error.js'
import { withDatabase } from '../with-database.js'
import type { Command } from '../haven.js'

const USAGE = `Usage:
  haven users add --username NAME --name "Full Name" --role ROLE [--team "Team name"] [--agency police|health|education|probation|other] [--email ADDRESS] [--job-title "Title"]
                  (the password is read from standard input, or from HAVEN_NEW_PASSWORD)
  haven users disable --username NAME --reason "why"
  haven users enable --username NAME
  haven users link-record --username NAME --person ID --authorised-by MANAGER
                  (links the account to its holder's own person record, from HR: that record and their
                   relatives' are restricted as a staff conflict, authorised by the manager named, and
                   never open to them)
  haven users list
Roles: ${ROLES.join(', ')}`

async function readPassword(): Promise<string> {
  if (process.env.HAVEN_NEW_PASSWORD) return process.env.HAVEN_NEW_PASSWORD
  if (process.stdin.isTTY)
    throw new CliError('Give the password on standard input, e.g. echo "…" | haven users add …')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/** Changes made from the command line are audited under the operating-system account that made them. */
function cliAudit(): AuditContext {
  return { userId: null, username: `cli:${os.userInfo().username}`, requestId: null }
}

export const command: Command = {
  summary: 'add, disable, enable or list user accounts',
  async run(args) {
    const [sub, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        team: { type: 'string' },
        agency: { type: 'string' },
        email: { type: 'string' },
        'job-title': { type: 'string' },
        reason: { type: 'string' },
        person: { type: 'string' },
        'authorised-by': { type: 'string' },
      },
    })
    if (!sub || !['add', 'disable', 'enable', 'link-record', 'list'].includes(sub)) throw new CliError(USAGE)
    const personId = Number(values.person)
    if (sub === 'link-record' && !(Number.isSafeInteger(personId) && personId > 0))
      throw new CliError(`--person must be a person record's number\n${USAGE}`)
    if (sub === 'link-record' && !values['authorised-by'])
      throw new CliError(`--authorised-by is required: the manager who authorises the restriction\n${USAGE}`)
    if (sub !== 'list' && !values.username) throw new CliError(`--username is required\n${USAGE}`)
    const password = sub === 'add' ? await readPassword() : ''
    return withDatabase(async (database) => {
      try {
        if (sub === 'add') {
          const user = await addUser(
            database.db,
            {
              username: values.username as string,
              displayName: values.name ?? '',
              role: (values.role ?? '') as (typeof ROLES)[number],
              password,
              ...(values.team ? { teamName: values.team } : {}),
              ...(values.agency ? { agency: values.agency as 'police' } : {}),
              ...(values.email ? { email: values.email } : {}),
              ...(values['job-title'] ? { jobTitle: values['job-title'] } : {}),
            },
            cliAudit(),
          )
          console.log(`Added ${user.username} (${user.role}).`)
        } else if (sub === 'disable') {
          await disableUser(database.db, values.username as string, values.reason ?? '', cliAudit())
          console.log(`Disabled ${values.username}; their sessions have ended.`)
        } else if (sub === 'link-record') {
          const { restricted } = await linkStaffRecord(
            database.db,
            {
              username: values.username as string,
              personId,
              authorisedBy: values['authorised-by'] as string,
            },
            cliAudit(),
            systemClock,
          )
          console.log(
            `Linked ${values.username} to person ${personId}; ${restricted.length} record(s) restricted as a staff conflict.`,
          )
        } else if (sub === 'enable') {
          await enableUser(database.db, values.username as string, cliAudit())
          console.log(`Enabled ${values.username}.`)
        } else {
          const users = await listAccounts(database.db)
          for (const u of users)
            console.log(
              `${u.username.padEnd(20)} ${u.role.padEnd(22)} ${u.disabled_at ? 'disabled' : 'active'}  ${u.display_name}`,
            )
        }
        return 0
      } catch (err) {
        if (err instanceof UserError || err instanceof StaffLinkError) throw new CliError(err.message)
        throw err
      }
    })
  },
}
