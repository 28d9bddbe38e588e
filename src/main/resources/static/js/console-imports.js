// The imports page of the HR console (templates/console/imports.html): uploads the chosen file to
// POST /api/imports/{recordType}, then polls GET /api/imports/{id} for the progress bar until the job ends and
// shows its counts or its errors. A browser logged in to the Camunda web apps needs their CSRF token for the
// POST; our answers repeat it in the response header X-XSRF-TOKEN (Camunda's cookie is for /camunda only).
(function () {
  'use strict';

  const form = document.getElementById('import-form');
  const text = form.dataset;
  const progress = document.getElementById('import-progress');
  const bar = document.getElementById('import-bar');
  const progressText = document.getElementById('import-progress-text');
  const result = document.getElementById('import-result');
  const outcome = document.getElementById('import-outcome');
  const counts = document.getElementById('import-counts');
  const errors = document.getElementById('import-errors');
  const POLL_MS = 400;

  function format(pattern, value) {
    return pattern.replace('{0}', String(value));
  }

  async function csrfToken() {
    const answer = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
    return answer.headers.get('X-XSRF-TOKEN');
  }

  function cell(row, value, numeric) {
    const td = row.insertCell();
    td.textContent = value === null || value === undefined ? '' : String(value);
    if (numeric) td.className = 'num';
  }

  function show(job) {
    progress.hidden = true;
    result.hidden = false;
    const ok = job.status === 'SUCCEEDED';
    outcome.textContent = ok ? text.succeeded : (text.failed + (job.message ? ` (${job.message})` : ''));
    outcome.className = 'outcome ' + (ok ? 'ok' : 'bad');
    counts.hidden = !ok;
    if (ok) {
      document.getElementById('count-inserted').textContent = job.inserted;
      document.getElementById('count-updated').textContent = job.updated;
      document.getElementById('count-unchanged').textContent = job.unchanged;
    }
    const rows = errors.querySelector('tbody');
    rows.replaceChildren();
    const list = job.errors || [];
    errors.hidden = list.length === 0;
    for (const error of list) {
      const row = rows.insertRow();
      cell(row, error.file);
      cell(row, error.row, true);
      cell(row, error.column);
      cell(row, error.value);
      cell(row, error.reason || error.message);
    }
    document.getElementById('import-more-errors').textContent = job.moreErrors > 0 ? format(text.moreErrors, job.moreErrors) : '';
  }

  /** A refused upload (400, 403, 413 …): its problem detail as the outcome. */
  function refused(problem) {
    progress.hidden = true;
    result.hidden = false;
    counts.hidden = true;
    errors.hidden = true;
    outcome.className = 'outcome bad';
    outcome.textContent = text.failed + ': ' + [problem.field, problem.message || problem.detail].filter(Boolean).join(' — ');
  }

  /** The history as the server renders it now, so that the job just finished is listed too. */
  async function refreshHistory() {
    const answer = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!answer.ok) return;
    const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById('import-history-section');
    if (fresh) document.getElementById('import-history-section').replaceWith(fresh);
  }

  async function poll(url) {
    for (;;) {
      const answer = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const job = await answer.json();
      if (!answer.ok) return refused(job);
      if (job.status !== 'RUNNING') {
        show(job);
        return refreshHistory();
      }
      progressText.textContent = format(text.rowsRead, job.rowsRead);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = document.getElementById('import-file').files[0];
    if (!file) {
      refused({ message: text.noFile });
      return;
    }
    const button = document.getElementById('import-submit');
    button.disabled = true;
    result.hidden = true;
    progress.hidden = false;
    bar.removeAttribute('value');
    progressText.textContent = text.running;
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const type = encodeURIComponent(document.getElementById('record-type').value);
      const answer = await fetch(`/api/imports/${type}`, {
        method: 'POST', body, credentials: 'same-origin',
        headers: { 'X-XSRF-TOKEN': await csrfToken() || '', Accept: 'application/json' },
      });
      const started = await answer.json();
      if (!answer.ok) {
        refused(started);
        return;
      }
      await poll(started.statusUrl);
    } catch (e) {
      refused({ message: String(e) });
    } finally {
      button.disabled = false;
    }
  });
})();
