// The imports page of the HR console (templates/console/imports.html).
// Several files at once: each file's record type is told from its header (CSV, JSON) or else its name, or chosen
// per file; each is uploaded as its own job to POST /api/imports/{recordType}, one after the other, with its own
// progress bar polling GET /api/imports/{id}, then its own result: the counts, or its error table (nothing of that
// file imported). And recomputing a month's KPIs: POST /api/kpis/{period}/aggregate.
// A browser logged in to the Camunda web apps needs their CSRF token for a POST; our answers repeat it in the
// response header X-XSRF-TOKEN (Camunda's cookie is for /camunda only).
(function () {
  'use strict';

  const form = document.getElementById('import-form');
  const text = form.dataset;
  const types = JSON.parse(document.getElementById('import-types').textContent);
  const input = document.getElementById('import-files');
  const queueWrap = document.getElementById('import-queue-wrap');
  const queue = document.querySelector('#import-queue tbody');
  const results = document.getElementById('import-results');
  const POLL_MS = 400;
  /** How much of a file is read to find its header. */
  const HEAD_BYTES = 64 * 1024;
  let files = [];

  function format(pattern, ...values) {
    return values.reduce((p, v, i) => p.replace(`{${i}}`, String(v)), pattern);
  }

  /** As the server's HeaderMapping: "Ticket ID", "ticket-id" and "ticket_id" all name ticket_id. */
  function normalise(name) {
    return String(name).replace(/^\uFEFF/, '').trim().replace(/^"|"$/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  }

  /** The one type whose columns hold every header name and whose required columns are all there, else null. */
  function typeOfHeader(names) {
    const header = names.map(normalise).filter(Boolean);
    if (!header.length) return null;
    const fits = types.filter((t) => header.every((n) => t.columns.includes(n)) && t.required.every((c) => header.includes(c)));
    return fits.length === 1 ? fits[0].id : null;
  }

  /** The one type the file's name names ("tickets-may.csv", "spot_check.xlsx"), the longest name winning. */
  function typeOfName(fileName) {
    const name = normalise(fileName.replace(/\.[^.]*$/, ''));
    let best = null;
    for (const t of types) {
      const id = normalise(t.id);
      for (const word of [id, id.replace(/s$/, '')]) {
        if (name.includes(word) && (!best || word.length > best.word.length)) best = { id: t.id, word };
      }
    }
    return best && best.id;
  }

  async function headerOf(file) {
    if (/\.xlsx$/i.test(file.name)) return [];
    const head = await file.slice(0, HEAD_BYTES).text();
    if (/\.json$/i.test(file.name) || /^\s*[[{]/.test(head)) {
      const object = head.match(/\{[^{}]*\}/);
      try {
        return object ? Object.keys(JSON.parse(object[0])) : [];
      } catch (e) {
        return [];
      }
    }
    const line = head.split(/\r?\n/)[0];
    return line.split(line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',');
  }

  async function detect(file) {
    const byHeader = typeOfHeader(await headerOf(file));
    if (byHeader) return { type: byHeader, how: text.byHeader };
    const byName = typeOfName(file.name);
    return byName ? { type: byName, how: text.byName } : { type: '', how: text.choose };
  }

  input.addEventListener('change', async () => {
    queue.replaceChildren();
    results.replaceChildren();
    files = [];
    for (const file of input.files) {
      const found = await detect(file);
      const row = queue.insertRow();
      row.dataset.file = file.name;
      row.insertCell().textContent = file.name;
      const choice = row.insertCell();
      const select = document.getElementById('import-type-choice').content.firstElementChild.cloneNode(true);
      select.value = found.type;
      const how = document.createElement('span');
      how.className = 'note detected';
      how.textContent = found.how;
      select.addEventListener('change', () => { how.textContent = ''; select.classList.remove('invalid'); });
      choice.append(select, ' ', how);
      const state = row.insertCell();
      const bar = document.createElement('progress');
      bar.max = 1;
      bar.value = 0;
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = text.waiting;
      state.append(bar, ' ', status);
      files.push({ file, select, how, bar, status });
    }
    queueWrap.hidden = files.length === 0;
  });

  async function csrfToken() {
    const answer = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
    return answer.headers.get('X-XSRF-TOKEN') || '';
  }

  function cell(row, value, numeric) {
    const td = row.insertCell();
    td.textContent = value === null || value === undefined ? '' : String(value);
    if (numeric) td.className = 'num';
  }

  /** The file's result section: counts when it succeeded, else its errors (or the refusal of its upload). */
  function show(entry, job, problem) {
    const section = document.getElementById('import-result-template').content.firstElementChild.cloneNode(true);
    section.dataset.file = entry.file.name;
    section.querySelector('.result-file').textContent = entry.file.name;
    section.querySelector('.result-type').textContent = entry.select.value;
    const ok = !problem && job.status === 'SUCCEEDED';
    const outcome = section.querySelector('.outcome');
    outcome.className = 'outcome ' + (ok ? 'ok' : 'bad');
    outcome.textContent = ok ? text.succeeded
      : problem ? `${text.failed}: ${[problem.status, problem.field, problem.message || problem.detail].filter(Boolean).join(' — ')}`
        : text.failed + (job.message ? ` (${job.message})` : '');
    entry.bar.value = 1;
    entry.status.textContent = ok ? text.succeeded : text.failed;
    entry.status.className = 'status ' + (ok ? 'ok' : 'bad');
    if (ok) {
      section.querySelector('.result-counts').hidden = false;
      section.querySelector('.count-inserted').textContent = job.inserted;
      section.querySelector('.count-updated').textContent = job.updated;
      section.querySelector('.count-unchanged').textContent = job.unchanged;
    }
    const list = (job && job.errors) || [];
    const errors = section.querySelector('.result-errors');
    errors.hidden = list.length === 0;
    const rows = errors.querySelector('tbody');
    for (const error of list) {
      const row = rows.insertRow();
      cell(row, error.file);
      cell(row, error.row, true);
      cell(row, error.column);
      cell(row, error.value);
      cell(row, error.reason || error.message);
    }
    section.querySelector('.more-errors').textContent = job && job.moreErrors > 0 ? format(text.moreErrors, job.moreErrors) : '';
    results.append(section);
  }

  /** The history as the server renders it now, so that the jobs just finished are listed too. */
  async function refreshHistory() {
    const answer = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!answer.ok) return;
    const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById('import-history-section');
    if (fresh) document.getElementById('import-history-section').replaceWith(fresh);
  }

  async function importOne(entry, token) {
    entry.bar.removeAttribute('value');
    entry.status.textContent = text.running;
    const body = new FormData();
    body.append('file', entry.file, entry.file.name);
    const answer = await fetch(`/api/imports/${encodeURIComponent(entry.select.value)}`, {
      method: 'POST', body, credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': token, Accept: 'application/json' },
    });
    const started = await answer.json();
    if (!answer.ok) return show(entry, null, started);
    for (;;) {
      const polled = await fetch(started.statusUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const job = await polled.json();
      if (!polled.ok) return show(entry, null, job);
      if (job.status !== 'RUNNING') return show(entry, job);
      entry.status.textContent = format(text.rowsRead, job.rowsRead);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    results.replaceChildren();
    if (!files.length) {
      results.append(Object.assign(document.createElement('p'), { className: 'outcome bad', textContent: text.noFile }));
      return;
    }
    const untyped = files.filter((entry) => !entry.select.value);
    for (const entry of untyped) {
      entry.select.classList.add('invalid');
      entry.how.textContent = text.choose;
    }
    if (untyped.length) {
      untyped[0].select.focus();
      return;
    }
    const button = document.getElementById('import-submit');
    button.disabled = true;
    try {
      const token = await csrfToken();
      // One after the other: each file is its own job, and the server runs a bounded number of jobs at a time.
      for (const entry of files) {
        try {
          await importOne(entry, token);
        } catch (e) {
          show(entry, null, { message: String(e) });
        }
      }
      await refreshHistory();
    } finally {
      button.disabled = false;
    }
  });

  // Recomputing a month's KPIs: what was written, or the refusal next to the field.
  const kpiForm = document.getElementById('kpi-form');
  kpiForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const period = document.getElementById('kpi-period');
    const problem = document.getElementById('kpi-problem');
    const result = document.getElementById('kpi-result');
    const button = document.getElementById('kpi-submit');
    problem.hidden = true;
    result.hidden = true;
    period.classList.remove('invalid');
    button.disabled = true;
    try {
      const answer = await fetch(`/api/kpis/${encodeURIComponent(period.value.trim())}/aggregate`, {
        method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': await csrfToken(), Accept: 'application/json' },
      });
      const body = await answer.json().catch(() => ({}));
      if (!answer.ok) {
        period.classList.add('invalid');
        problem.textContent = `${kpiForm.dataset.failed} ${answer.status}: ${body.message || body.detail || answer.statusText}`;
        problem.hidden = false;
        return;
      }
      result.textContent = format(kpiForm.dataset.done, body.period, body.agents, body.values, body.events);
      result.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();
