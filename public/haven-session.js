// @ts-check
/*
 * Haven's session script, for pages seen by someone signed in (checked by tsconfig.browser.json).
 *
 * 1. Drafts: on a page whose form keeps a draft, what the person types is sent to the form's own
 *    address with `_draft=save` a few seconds after they stop, and when they leave the page, so a
 *    time-out, a closed tab or a crash loses nothing. The server keeps it sealed for them alone.
 * 2. The time-out warning (WCAG 2.2.1): two minutes before the session would end, a modal dialog
 *    says so. "Stay signed in" and Escape keep the session going; before the absolute limit, which
 *    nothing can extend, it offers to sign in again now, the draft kept. The countdown is shown
 *    every second but read out only now and then. When time is up, the page goes to "Your session
 *    has ended", which offers the way back.
 *
 * Without this script the pages work as they are: the form page says how long a session lasts,
 * and answers sent after a time-out are kept by the server.
 */

const SAVE_AFTER_MS = 4000

/** @typedef {{ signedIn: boolean, idleSecondsLeft: number, absoluteSecondsLeft: number }} SessionStatus */

const dialog = document.getElementById('haven-timeout')
if (dialog instanceof HTMLDialogElement && typeof dialog.showModal === 'function') {
  const drafts = keepDrafts(dialog.dataset.draftPage ?? '', csrfToken(dialog))
  warnBeforeTimeOut(dialog, drafts)
}

/** @param {HTMLElement} root */
function csrfToken(root) {
  const input = root.querySelector('input[name="_csrf"]')
  return input instanceof HTMLInputElement ? input.value : ''
}

/**
 * Sends the page's form as a draft as the person types. Returns `saveNow`, which resolves true
 * when nothing is left unsaved.
 * @param {string} page
 * @param {string} csrf
 */
function keepDrafts(page, csrf) {
  /** @type {HTMLFormElement[]} */
  const forms = []
  if (page) {
    for (const form of document.querySelectorAll('main form')) {
      if (!(form instanceof HTMLFormElement) || form.method !== 'post') continue
      // The form of the page itself, not the draft banner's "delete" or another page's form.
      if (new URL(form.action, location.href).pathname !== page || form.querySelector('input[name="_draft"]'))
        continue
      forms.push(form)
    }
  }
  /** @type {HTMLFormElement | null} */
  let changed = null
  let sending = false
  /** @type {number | undefined} */
  let timer

  /** @param {boolean} leaving */
  async function save(leaving) {
    clearTimeout(timer)
    const form = changed
    if (!form || sending) return form === null
    const body = new URLSearchParams()
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value)
    body.set('_csrf', body.get('_csrf') ?? csrf)
    body.set('_draft', 'save')
    changed = null
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        keepalive: leaving,
        headers: { Accept: 'text/plain' },
      })
      if (response.status === 204) return true
    } catch {
      // Offline for a moment: tried again at the next change or when leaving.
    }
    changed = changed ?? form
    return false
  }

  for (const form of forms) {
    const typed = () => {
      if (sending) return
      changed = form
      clearTimeout(timer)
      timer = window.setTimeout(() => void save(false), SAVE_AFTER_MS)
    }
    form.addEventListener('input', typed)
    form.addEventListener('change', typed)
    // Sent: the server deletes the draft, and nothing may save it again on the way out.
    form.addEventListener('submit', () => {
      sending = true
      changed = null
      clearTimeout(timer)
    })
  }
  window.addEventListener('pagehide', () => void save(true))
  return {
    /** Whether this page keeps a draft at all. */
    keeps: forms.length > 0,
    saveNow: () => save(false),
  }
}

/**
 * @param {HTMLDialogElement} dialog
 * @param {{ keeps: boolean, saveNow: () => Promise<boolean> }} drafts
 */
function warnBeforeTimeOut(dialog, drafts) {
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000
  const shown = /** @type {HTMLElement} */ (dialog.querySelector('[data-countdown]'))
  const spoken = /** @type {HTMLElement} */ (dialog.querySelector('[data-countdown-spoken]'))
  const stay = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-timeout-stay]'))
  const signInNow = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-timeout-sign-in-now]'))
  const close = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-timeout-close]'))
  const signOut = /** @type {HTMLButtonElement} */ (dialog.querySelector('[data-timeout-sign-out]'))
  const signOutForm = /** @type {HTMLFormElement} */ (signOut.form)
  let idleEndsAt = Date.now() + Number(dialog.dataset.idleSecondsLeft) * 1000
  let absoluteEndsAt = Date.now() + Number(dialog.dataset.absoluteSecondsLeft) * 1000
  /** @type {number | undefined} */
  let timer
  /** @type {number | undefined} */
  let ticker
  let lastSpoken = ''

  const endsAt = () => Math.min(idleEndsAt, absoluteEndsAt)
  const atAbsoluteLimit = () => absoluteEndsAt <= idleEndsAt

  /** @param {SessionStatus} status */
  function learn(status) {
    idleEndsAt = Date.now() + status.idleSecondsLeft * 1000
    absoluteEndsAt = Date.now() + status.absoluteSecondsLeft * 1000
  }

  function schedule() {
    clearTimeout(timer)
    timer = window.setTimeout(check, Math.max(0, endsAt() - warningMs - Date.now()))
  }

  /** @returns {Promise<SessionStatus | null>} */
  async function ask(/** @type {RequestInit & { url: string }} */ request) {
    try {
      const response = await fetch(request.url, { credentials: 'same-origin', ...request })
      if (response.status === 401) return { signedIn: false, idleSecondsLeft: 0, absoluteSecondsLeft: 0 }
      return response.ok ? /** @type {SessionStatus} */ (await response.json()) : null
    } catch {
      return null
    }
  }

  // Before warning, ask the server: another tab may have kept the session going.
  async function check() {
    const status = await ask({ url: '/session/status', headers: { Accept: 'application/json' } })
    if (status && !status.signedIn) return timeUp()
    if (status) learn(status)
    if (endsAt() - Date.now() > warningMs + 1000) return schedule()
    open()
  }

  function open() {
    const absolute = atAbsoluteLimit()
    for (const part of dialog.querySelectorAll('[data-when]'))
      if (part instanceof HTMLElement) part.hidden = part.dataset.when !== (absolute ? 'absolute' : 'idle')
    lastSpoken = ''
    tick()
    if (!dialog.open) dialog.showModal()
    ;(absolute ? signInNow : stay).focus()
    clearInterval(ticker)
    ticker = window.setInterval(tick, 1000)
  }

  function shut() {
    clearInterval(ticker)
    if (dialog.open) dialog.close()
  }

  function tick() {
    const seconds = Math.max(0, Math.ceil((endsAt() - Date.now()) / 1000))
    const text = inWords(seconds)
    shown.textContent = text
    // Read out at each whole minute and at 30 and 10 seconds, not every second.
    const said =
      seconds > 60
        ? inWords(Math.ceil(seconds / 60) * 60)
        : seconds > 30
          ? '1 minute'
          : seconds > 10
            ? '30 seconds'
            : '10 seconds'
    if (said !== lastSpoken) {
      lastSpoken = said
      spoken.textContent = `You will be signed out in ${said}.`
    }
    if (seconds === 0) void timeUp()
  }

  async function keepGoing() {
    const status = await ask({
      url: '/session/keep-alive',
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrfToken(dialog) }),
      headers: { Accept: 'application/json' },
    })
    if (status && !status.signedIn) return timeUp()
    if (status) learn(status)
    shut()
    schedule()
  }

  let ending = false
  async function timeUp() {
    if (ending) return
    ending = true
    // Only what was typed since the last save is sent: an unchanged form sends nothing, so
    // leaving does not itself count as activity.
    const kept = drafts.keeps && (await drafts.saveNow())
    const status = await ask({ url: '/session/status', headers: { Accept: 'application/json' } })
    ending = false
    if (status === null || status.signedIn) {
      // Not ended yet (another tab was used, the clocks differ by a second, or Haven did not
      // answer): keep counting, or go back to waiting if there is time again.
      if (status) learn(status)
      if (endsAt() - Date.now() > warningMs) {
        shut()
        schedule()
      }
      return
    }
    shut()
    clearTimeout(timer)
    const back = new URLSearchParams({ returnTo: location.pathname + location.search })
    if (kept) back.set('kept', 'yes')
    location.assign(`/session-ended?${back}`)
  }

  stay.addEventListener('click', () => void keepGoing())
  close.addEventListener('click', shut)
  // Escape: at the idle warning it keeps the session going, as "Stay signed in" does; at the
  // absolute limit, which cannot be extended, it closes the warning and the countdown goes on.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    if (atAbsoluteLimit()) shut()
    else void keepGoing()
  })
  // Save the draft first, then sign out and straight back in, to this page.
  let saved = false
  signOutForm.addEventListener('submit', (event) => {
    if (saved || event.submitter !== signInNow || !drafts.keeps) return
    event.preventDefault()
    void drafts.saveNow().then(() => {
      saved = true
      signOutForm.requestSubmit(signInNow)
    })
  })
  schedule()
}

/** @param {number} seconds */
function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return `${minutes} minute${minutes === 1 ? '' : 's'}`
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}
