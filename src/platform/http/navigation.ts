/**
 * The service navigation: only what the person's role can use. Each module contributes its own
 * entries (its descriptor's `navigation`); the platform adds its own pages' and puts them in order.
 */
import { roleGrants, type Action, type Role } from '../permissions/roles.js'
import type { CurrentUser } from './request-context.js'

export interface NavigationEntry {
  text: string
  href: string
  /**
   * Where it sits among every module's entries, lower first. The order is the service's, not the
   * modules' (the front door's referrals come after people's search), so each entry says it.
   */
  order: number
  /** Shown when the role grants any of these; to everyone signed in when absent. */
  actions?: readonly Action[]
  /** Shown only to these roles (and then only if `actions` also allows). */
  roles?: readonly Role[]
}

/** The platform's own pages: the audit trail, access reviews and user accounts. */
export const PLATFORM_NAVIGATION: readonly NavigationEntry[] = [
  { text: 'Audit trail', href: '/audit', order: 90, actions: ['audit.view'] },
  { text: 'Access reviews', href: '/audit/access-reviews', order: 100, actions: ['audit.view'] },
  { text: 'Users', href: '/admin/users', order: 110, actions: ['users.manage'] },
]

/** Every module's entries with the platform's, in the order the service shows them. */
export function orderNavigation(entries: readonly NavigationEntry[]): NavigationEntry[] {
  const seen = new Set<string>()
  for (const e of entries) {
    if (seen.has(e.href)) throw new Error(`Two navigation entries link to ${e.href}`)
    seen.add(e.href)
  }
  return [...entries].sort((a, b) => a.order - b.order || a.href.localeCompare(b.href))
}

function shown(entry: NavigationEntry, user: CurrentUser): boolean {
  if (entry.roles && !entry.roles.includes(user.role)) return false
  return !entry.actions || entry.actions.some((a) => roleGrants(user.role, a))
}

export function navigationFor(
  entries: readonly NavigationEntry[],
  user: CurrentUser,
  url: string,
): { text: string; href: string; active: boolean }[] {
  const path = url.split('?')[0] ?? '/'
  const visible = entries.filter((e) => shown(e, user))
  // The closest match is the current section (/audit/access-reviews is not the audit trail).
  const current = visible
    .filter((i) => (i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]
  return visible.map((i) => ({ text: i.text, href: i.href, active: i === current }))
}

/**
 * A section of the administration pages' own navigation: the platform's (accounts, single
 * sign-on) and the modules' (the people module's teams, agencies and merges). `key` is what a
 * page passes as `section` to mark itself current.
 */
export interface AdminSection {
  key: string
  href: string
  text: string
  order: number
}

export const PLATFORM_ADMIN_SECTIONS: readonly AdminSection[] = [
  { key: 'users', href: '/admin/users', text: 'Users', order: 10 },
  { key: 'awaiting', href: '/admin/users/awaiting', text: 'Accounts to confirm', order: 20 },
  { key: 'sso-groups', href: '/admin/sso/groups', text: 'Single sign-on groups', order: 30 },
]
