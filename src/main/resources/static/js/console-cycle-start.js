// The cycles page's start form (templates/console/cycles.html): POST /api/cycles with the session's CSRF token (read
// from the X-XSRF-TOKEN header of a HEAD of the page); a refusal (400 naming the field, 403, 409) is shown next to its
// field, a start opens the new cycle's dashboard.
(function () {
  'use strict';

  const form = document.getElementById('cycle-start');

  function problemFor(field) {
    return form.querySelector(`[data-problem="${field}"]`) || form.querySelector('[data-problem=""]');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const shown of form.querySelectorAll('[data-problem]')) shown.hidden = true;
    for (const field of form.querySelectorAll('.invalid')) field.classList.remove('invalid');
    const button = document.getElementById('cycle-start-submit');
    button.disabled = true;
    try {
      const head = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
      const request = Object.fromEntries(['unitId', 'period', 'schemeId'].map((name) => [name, form.elements[name].value.trim()]));
      const answer = await fetch('/api/cycles', {
        method: 'POST', credentials: 'same-origin', body: JSON.stringify(request),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': head.headers.get('X-XSRF-TOKEN') || '' },
      });
      const body = await answer.json().catch(() => ({}));
      if (answer.ok) {
        window.location.assign(`/console/cycles/${encodeURIComponent(body.cycleId)}`);
        return;
      }
      const field = form.elements[body.field] ? body.field : '';
      const shown = problemFor(field);
      shown.textContent = `${form.dataset.failed} ${answer.status}: ${body.message || body.detail || answer.statusText}`;
      shown.hidden = false;
      if (field) form.elements[field].classList.add('invalid');
    } finally {
      button.disabled = false;
    }
  });
})();
