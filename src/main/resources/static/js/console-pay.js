// The pay page of the HR console (templates/console/pay.html): uploads the chosen file to POST /api/pay/inputs/{period}?unit=
// (with the upload's progress, then "checking" until the answer), shows the answer or its error table and re-reads the
// stored inputs and cycles from the page; "compute" posts POST /api/cycles/{id}/pay and opens the cycle's lines. The POSTs
// carry the web apps' CSRF token, which our answers repeat in the response header X-XSRF-TOKEN (see console-imports.js).
(function () {
  'use strict';

  const page = document.getElementById('pay-page');
  const text = page.dataset;
  const progress = document.getElementById('pay-progress');
  const bar = document.getElementById('pay-bar');
  const progressText = document.getElementById('pay-progress-text');
  const result = document.getElementById('pay-result');
  const outcome = document.getElementById('pay-outcome');
  const errors = document.getElementById('pay-errors');

  function format(pattern, ...values) {
    return values.reduce((s, v, i) => s.replace(`{${i}}`, String(v)), pattern);
  }

  async function csrfToken() {
    const answer = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
    return answer.headers.get('X-XSRF-TOKEN');
  }

  // The language switch keeps the month, unit and cycle shown.
  for (const link of document.querySelectorAll('.lang-switch a')) {
    const query = new URLSearchParams(window.location.search);
    query.set('lang', new URLSearchParams(link.getAttribute('href').slice(1)).get('lang'));
    link.setAttribute('href', '?' + query.toString());
  }

  function cell(row, value, numeric) {
    const td = row.insertCell();
    td.textContent = value === null || value === undefined ? '' : String(value);
    if (numeric) td.className = 'num';
  }

  function showOutcome(ok, message, list, more) {
    progress.hidden = true;
    result.hidden = false;
    outcome.textContent = message;
    outcome.className = 'outcome ' + (ok ? 'ok' : 'bad');
    const rows = errors.querySelector('tbody');
    rows.replaceChildren();
    errors.hidden = !list || list.length === 0;
    for (const error of list || []) {
      const row = rows.insertRow();
      cell(row, error.file);
      cell(row, error.sheet);
      cell(row, error.row, true);
      cell(row, error.column);
      cell(row, error.value);
      cell(row, error.reason || error.message);
    }
    document.getElementById('pay-more-errors').textContent = more > 0 ? format(text.moreErrors, more) : '';
  }

  /** The stored inputs and the cycles as the server renders them now. */
  async function refresh() {
    const answer = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!answer.ok) return;
    const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html');
    for (const id of ['pay-inputs-section', 'pay-cycles-section']) {
      const section = fresh.getElementById(id);
      if (section) document.getElementById(id).replaceWith(section);
    }
    bindCompute();
  }

  /** POSTs the form data with XMLHttpRequest, for its upload progress; resolves with the status and the parsed answer. */
  function send(url, body, token) {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', url);
      request.withCredentials = true;
      request.setRequestHeader('Accept', 'application/json');
      request.setRequestHeader('X-XSRF-TOKEN', token || '');
      request.upload.onprogress = (event) => {
        if (!event.lengthComputable) return;
        const percent = Math.round((100 * event.loaded) / event.total);
        bar.value = percent;
        progressText.textContent = format(text.uploading, percent);
      };
      request.upload.onload = () => {
        bar.removeAttribute('value');
        progressText.textContent = text.checking;
      };
      request.onload = () => {
        let answer = {};
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = { message: request.statusText };
        }
        resolve({ status: request.status, answer });
      };
      request.onerror = () => reject(new Error(request.statusText || 'network error'));
      request.send(body);
    });
  }

  document.getElementById('pay-upload').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = document.getElementById('pay-file').files[0];
    if (!file) {
      showOutcome(false, text.noFile, [], 0);
      return;
    }
    const button = document.getElementById('pay-upload-submit');
    button.disabled = true;
    result.hidden = true;
    progress.hidden = false;
    bar.value = 0;
    progressText.textContent = format(text.uploading, 0);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const url = `/api/pay/inputs/${encodeURIComponent(text.period)}?unit=${encodeURIComponent(text.unit)}`;
      const { status, answer } = await send(url, body, await csrfToken());
      if (status === 200) {
        showOutcome(true, format(text.stored, answer.employees, answer.units, answer.skipped), [], 0);
        await refresh();
      } else {
        const detail = answer.errors && answer.errors.length ? '' : ': ' + [answer.field, answer.message || answer.detail].filter(Boolean).join(' — ');
        showOutcome(false, text.failed + detail, answer.errors, answer.moreErrors || 0);
      }
    } catch (e) {
      showOutcome(false, text.failed + ': ' + String(e), [], 0);
    } finally {
      button.disabled = false;
    }
  });

  function bindCompute() {
    for (const button of document.querySelectorAll('.pay-compute')) {
      button.addEventListener('click', () => compute(button));
    }
  }

  async function compute(button) {
    const cycle = button.dataset.cycle;
    const shown = document.getElementById('pay-compute-outcome');
    shown.hidden = false;
    shown.className = 'outcome';
    shown.textContent = text.computing;
    button.disabled = true;
    try {
      const answer = await fetch(`/api/cycles/${encodeURIComponent(cycle)}/pay`, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'X-XSRF-TOKEN': await csrfToken() || '', Accept: 'application/json' },
      });
      const body = await answer.json();
      if (!answer.ok) {
        shown.className = 'outcome bad';
        shown.textContent = text.computeFailed + ': ' + [body.field, body.message || body.detail].filter(Boolean).join(' — ');
        return;
      }
      shown.className = 'outcome ok';
      shown.textContent = format(text.computed, body.employees.length);
      const query = new URLSearchParams(window.location.search);
      query.set('period', text.period);
      query.set('unit', text.unit);
      query.set('cycle', cycle);
      window.location.assign(`${window.location.pathname}?${query.toString()}#pay-lines-section`);
    } catch (e) {
      shown.className = 'outcome bad';
      shown.textContent = text.computeFailed + ': ' + String(e);
    } finally {
      button.disabled = false;
    }
  }

  bindCompute();
})();
