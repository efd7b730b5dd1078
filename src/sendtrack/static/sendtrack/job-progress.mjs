// Progressive enhancement of a "waiting for a background job" page: every page works without
// this (a "Check again now" link, and a refresh every 5 seconds without JavaScript).
// Every 2 seconds the page is fetched again: while the job runs only its status line is
// replaced (announced politely by its role="status"); once it has finished the page reloads
// to show the result.
const status = document.querySelector('[data-job-status]')

async function check () {
  try {
    const response = await fetch(window.location.href, {
      credentials: 'same-origin',
      headers: { Accept: 'text/html' },
      cache: 'no-store'
    })
    const page = new DOMParser().parseFromString(await response.text(), 'text/html')
    const next = page.querySelector('[data-job-status]')
    if (!response.ok || !next) {
      window.location.reload()
      return
    }
    if (next.textContent.trim() !== status.textContent.trim()) {
      status.replaceChildren(...next.childNodes)
    }
  } catch (error) {
    // A network hiccup: try again at the next tick.
  }
  window.setTimeout(check, 2000)
}

if (status) {
  window.setTimeout(check, 2000)
}
