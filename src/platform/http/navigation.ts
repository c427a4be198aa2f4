/** The service navigation: only what the person's role can use. */
import { roleGrants, type Action } from '../permissions/roles.js'
import type { CurrentUser } from './request-context.js'

const can =
  (...actions: Action[]) =>
  (user: CurrentUser): boolean =>
    actions.some((a) => roleGrants(user.role, a))

const ITEMS: { text: string; href: string; shown: (user: CurrentUser) => boolean }[] = [
  { text: 'Home', href: '/', shown: () => true },
  // Everyone on the front door, and the managers who decide contacts.
  { text: 'MASH queue', href: '/mash', shown: can('contact.triage', 'contact.decide') },
  { text: 'Police notifications', href: '/contacts/police-notifications', shown: can('contact.decide') },
  // Partners' contacts go through their own form; the authority's staff record them at the MASH.
  {
    text: 'Your contacts',
    href: '/partner/contacts',
    shown: (user) => user.role === 'partner_practitioner' && roleGrants(user.role, 'contact.submit'),
  },
  { text: 'Search', href: '/people/search', shown: can('child.search') },
  { text: 'Referrals', href: '/referrals', shown: can('child.allocate') },
  { text: 'Team', href: '/team', shown: can('team.view') },
  { text: 'Performance', href: '/performance', shown: can('performance.view') },
  { text: 'Audit trail', href: '/audit', shown: can('audit.view') },
  { text: 'Access reviews', href: '/audit/access-reviews', shown: can('audit.view') },
  { text: 'Users', href: '/admin/users', shown: can('users.manage') },
]

export function navigationFor(
  user: CurrentUser,
  url: string,
): { text: string; href: string; active: boolean }[] {
  const path = url.split('?')[0] ?? '/'
  const shown = ITEMS.filter((i) => i.shown(user))
  // The closest match is the current section (/audit/access-reviews is not the audit trail).
  const current = shown
    .filter((i) => (i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]
  return shown.map((i) => ({ text: i.text, href: i.href, active: i === current }))
}
