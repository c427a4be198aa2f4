// @ts-check
/*
 * An uploaded return's page while Haven checks it: asks how far the check has gone every few
 * seconds, says so in the page's live region, and shows the report when the check is done.
 * Without this script the page has a Refresh button that does the same.
 */

const ASK_EVERY_MS = 3000

const panel = document.querySelector('[data-progress-url]')
const said = panel?.querySelector('[data-progress]')
if (panel instanceof HTMLElement && said instanceof HTMLElement) {
  const url = panel.dataset.progressUrl ?? ''
  const ask = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      })
      if (!response.ok) return // signed out or gone: the Refresh button still works
      /** @type {{ status: string, childrenChecked: number, done: boolean }} */
      const progress = await response.json()
      if (progress.done) {
        window.location.reload()
        return
      }
      if (progress.status === 'checking') {
        const n = progress.childrenChecked
        said.textContent = `${n.toLocaleString('en-GB')} ${n === 1 ? 'child' : 'children'} checked so far.`
      }
      window.setTimeout(ask, ASK_EVERY_MS)
    } catch {
      // The network dropped: the Refresh button still works.
    }
  }
  window.setTimeout(ask, ASK_EVERY_MS)
}
