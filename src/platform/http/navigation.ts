/** The service navigation: only what the person's role can use. */
import { roleGrants, type Action } from '../permissions/roles.js'
import type { CurrentUser } from './request-context.js'

const ITEMS: { text: string; href: string; action: Action | 'signed-in' }[] = [
  { text: 'Home', href: '/', action: 'signed-in' },
  { text: 'MASH queue', href: '/mash', action: 'contact.triage' },
  { text: 'Search', href: '/people/search', action: 'child.search' },
  { text: 'Referrals', href: '/referrals', action: 'child.allocate' },
  { text: 'Team', href: '/team', action: 'team.view' },
  { text: 'Performance', href: '/performance', action: 'performance.view' },
  { text: 'Audit trail', href: '/audit', action: 'audit.view' },
  { text: 'Users', href: '/admin/users', action: 'users.manage' },
]

export function navigationFor(
  user: CurrentUser,
  url: string,
): { text: string; href: string; active: boolean }[] {
  const path = url.split('?')[0] ?? '/'
  return ITEMS.filter((i) => i.action === 'signed-in' || roleGrants(user.role, i.action)).map((i) => ({
    text: i.text,
    href: i.href,
    active: i.href === '/' ? path === '/' : path.startsWith(i.href),
  }))
}
