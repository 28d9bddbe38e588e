// The organisation page of the HR console (templates/console/org.html). Everyone: expand or collapse the whole unit
// tree. HR: the chosen files go to POST /api/org/import?dryRun=true exactly as the API takes them (part "file" for a
// workbook or JSON document, "units", "people", "groupReviewers" for CSV files); the difference is shown, "Apply"
// posts the same files for real, and the tree and search below are then read again from the server. Errors (400)
// are shown as a table; nothing was changed. The CSRF token comes from a HEAD of this page (X-XSRF-TOKEN header),
// as on the imports page. Texts are the JSON in #org-texts.
(function () {
  'use strict';

  const text = JSON.parse(document.getElementById('org-texts').textContent);

  function wireTree() {
    document.getElementById('org-expand').addEventListener('click', () => {
      document.querySelectorAll('#org-tree details').forEach((d) => { d.open = true; });
    });
    document.getElementById('org-collapse').addEventListener('click', () => {
      document.querySelectorAll('#org-tree details').forEach((d) => { d.open = false; });
    });
  }
  wireTree();

  // A large organisation's page holds no people: a unit's table is fetched the first time the unit is open.
  function wirePeople() {
    document.querySelectorAll('#org-tree p.people-lazy').forEach((placeholder) => {
      const unit = placeholder.closest('details');
      async function load() {
        if (!unit.open || placeholder.dataset.loading) return;
        placeholder.dataset.loading = 'true';
        try {
          const answer = await fetch(placeholder.dataset.src, { credentials: 'same-origin' });
          if (!answer.ok) throw new Error(String(answer.status));
          const html = new DOMParser().parseFromString(await answer.text(), 'text/html');
          placeholder.replaceWith(html.querySelector('table'));
        } catch (e) {
          placeholder.textContent = format(text.peopleFailed, e.message);
          delete placeholder.dataset.loading;
        }
      }
      unit.addEventListener('toggle', load);
      load();
    });
  }
  wirePeople();

  const form = document.getElementById('org-form');
  if (!form) return;
  const PARTS = [['file', 'org-file'], ['units', 'org-units'], ['people', 'org-people'], ['groupReviewers', 'org-reviewers']];
  const checkButton = document.getElementById('org-check');
  const applyButton = document.getElementById('org-apply');
  const applyActions = document.getElementById('org-apply-actions');
  const progress = document.getElementById('org-progress');
  const result = document.getElementById('org-result');
  const outcome = document.getElementById('org-outcome');
  const counts = document.getElementById('org-counts');
  const diff = document.getElementById('org-diff');
  const errors = document.getElementById('org-errors');
  /** The files of the last dry run that passed: "Apply" posts exactly these. */
  let checked = null;
  checkButton.disabled = false;

  function format(pattern, value) {
    return pattern.replace('{0}', String(value));
  }

  async function csrfToken() {
    const answer = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
    return answer.headers.get('X-XSRF-TOKEN');
  }

  function shown(value) {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
    return String(value);
  }

  function label(field) {
    return text[`field.${field}`] || field;
  }

  /** A field's value as the page shows it: kinds, roles and yes/no in the page's language. */
  function value(field, v) {
    if (v === true) return text.yes;
    if (v === false) return text.no;
    if (field === 'kind' || field === 'role') return text[`${field}.${v}`] || v;
    return v;
  }

  function element(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  /** A titled table: headers, then rows of cell values (the first an id, unless told); nothing when there are no rows. */
  function table(id, title, headers, rows, firstIsId = true) {
    if (!rows.length) return;
    const section = element('section', 'diff-part');
    section.id = id;
    section.append(element('h3', null, `${title} (${rows.length})`));
    const wrap = element('div', 'table-wrap');
    const t = document.createElement('table');
    const head = t.createTHead().insertRow();
    headers.forEach((h) => head.append(element('th', null, h)));
    const body = t.createTBody();
    rows.forEach((values) => {
      const row = body.insertRow();
      values.forEach((v, i) => {
        const cell = row.insertCell();
        cell.textContent = shown(v);
        if (i === 0 && firstIsId) cell.className = 'id';
      });
    });
    wrap.append(t);
    section.append(wrap);
    diff.append(section);
  }

  /** Changed records: one row per field, old → new. */
  function changes(items) {
    const rows = [];
    for (const item of items) {
      for (const [field, change] of Object.entries(item.changes || {})) {
        rows.push([item.id, label(field), value(field, change.old), value(field, change.new)]);
      }
    }
    return rows;
  }

  function showCounts(answer) {
    counts.replaceChildren();
    const c = answer.counts || {};
    const keys = ['unitsAdded', 'unitsChanged', 'unitsLeaving', 'peopleAdded', 'peopleChanged', 'peopleLeaving',
      'groupReviewersAdded', 'groupReviewersRemoved'];
    for (const key of keys) {
      const box = document.createElement('div');
      const textKey = key.replace('groupReviewers', 'reviewers');
      box.append(element('dt', null, text[textKey]));
      const dd = element('dd', null, String(c[key] ?? 0));
      dd.id = `org-count-${key}`;
      box.append(dd);
      counts.append(box);
    }
    counts.hidden = false;
  }

  function showDiff(answer) {
    diff.replaceChildren();
    const id = text['col.id'];
    const units = answer.units || {};
    const people = answer.people || {};
    const reviewers = answer.groupReviewers || {};
    const changeHeaders = [id, text['col.field'], text['col.old'], text['col.new']];
    table('diff-units-added', text.unitsAdded,
      [id, label('nameZh'), label('nameEn'), label('kind'), label('parentId'), label('headId')],
      (units.added || []).map((u) => [u.id, u.nameZh, u.nameEn, value('kind', u.kind), u.parentId, u.headId]));
    table('diff-units-changed', text.unitsChanged, changeHeaders, changes(units.changed || []));
    table('diff-units-leaving', text.unitsLeaving, [id, label('nameZh'), label('nameEn')],
      (units.leaving || []).map((u) => [u.id, u.nameZh, u.nameEn]));
    table('diff-people-added', text.peopleAdded,
      [id, label('nameZh'), label('nameEn'), label('unitId'), label('role'), label('supervisorId'), label('activeFrom')],
      (people.added || []).map((p) => [p.id, p.nameZh, p.nameEn, p.unitId, value('role', p.role), p.supervisorId, p.activeFrom]));
    table('diff-people-changed', text.peopleChanged, changeHeaders, changes(people.changed || []));
    table('diff-people-leaving', text.peopleLeaving, [id, label('nameZh'), label('nameEn'), label('activeTo')],
      (people.leaving || []).map((p) => [p.id, p.nameZh, p.nameEn, p.changes?.activeTo?.new]));
    table('diff-reviewers-added', text.reviewersAdded, [text['col.unit'], text['col.reviewer']],
      (reviewers.added || []).map((g) => [g.unitId, g.reviewerId]));
    table('diff-reviewers-removed', text.reviewersRemoved, [text['col.unit'], text['col.reviewer']],
      (reviewers.removed || []).map((g) => [g.unitId, g.reviewerId]));
    if (answer.provisioned) {
      table('diff-provisioned', text.provisioned, [text['col.what'], text['col.count']],
        Object.entries(answer.provisioned).filter(([, n]) => n).map(([what, n]) => [text[`provision.${what}`] || what, n]), false);
    }
  }

  function showErrors(problem) {
    const rows = errors.querySelector('tbody');
    rows.replaceChildren();
    const list = problem.errors || [];
    for (const error of list) {
      const row = rows.insertRow();
      [error.file, error.sheet, error.row, error.column, error.value, error.reason || error.message].forEach((v, i) => {
        const cell = row.insertCell();
        cell.textContent = v === null || v === undefined ? '' : String(v);
        if (i === 2) cell.className = 'num';
      });
    }
    errors.hidden = list.length === 0;
    document.getElementById('org-more-errors').textContent = problem.moreErrors > 0 ? format(text.moreErrors, problem.moreErrors) : '';
  }

  function begin() {
    checkButton.disabled = true;
    applyButton.disabled = true;
    result.hidden = true;
    applyActions.hidden = true;
    progress.hidden = false;
  }

  function end(kind, message) {
    progress.hidden = true;
    result.hidden = false;
    outcome.className = `outcome ${kind}`;
    outcome.textContent = message;
    checkButton.disabled = false;
    applyButton.disabled = false;
  }

  function chosenFiles() {
    const files = [];
    for (const [part, id] of PARTS) {
      const file = document.getElementById(id).files[0];
      if (file) files.push([part, file]);
    }
    return files;
  }

  /** Posts the files; answers the parsed body and whether it succeeded. */
  async function post(files, dryRun) {
    const body = new FormData();
    files.forEach(([part, file]) => body.append(part, file, file.name));
    const answer = await fetch(`/api/org/import${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST', body, credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': await csrfToken() || '', Accept: 'application/json' },
    });
    let json = {};
    try { json = await answer.json(); } catch (e) { json = { detail: `${answer.status} ${answer.statusText}` }; }
    return { ok: answer.ok, json };
  }

  function refusedAnswer(problem) {
    counts.hidden = true;
    diff.replaceChildren();
    showErrors(problem);
    const why = problem.errors && problem.errors.length ? '' : ` (${[problem.field, problem.detail].filter(Boolean).join(' — ')})`;
    end('bad', text.refused + why);
  }

  function changeCount(answer) {
    return Object.values(answer.counts || {}).reduce((sum, n) => sum + n, 0);
  }

  /** The search and tree as the server renders them now, so that what was applied shows. */
  async function refreshView() {
    const answer = await fetch(window.location.pathname + window.location.search,
      { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!answer.ok) return;
    const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html').getElementById('org-view');
    if (fresh) {
      document.getElementById('org-view').replaceWith(fresh);
      wireTree();
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const files = chosenFiles();
    checked = null;
    if (!files.length) {
      result.hidden = false;
      counts.hidden = true;
      errors.hidden = true;
      applyActions.hidden = true;
      diff.replaceChildren();
      outcome.className = 'outcome bad';
      outcome.textContent = text.noFile;
      return;
    }
    begin();
    try {
      const { ok, json } = await post(files, true);
      if (!ok) return refusedAnswer(json);
      errors.hidden = true;
      showCounts(json);
      showDiff(json);
      const any = changeCount(json) > 0;
      end('ok', any ? text.checked : text.nothingToApply);
      if (any) {
        checked = files;
        applyActions.hidden = false;
      }
    } catch (e) {
      refusedAnswer({ detail: String(e) });
    }
  });

  applyButton.addEventListener('click', async () => {
    if (!checked) return;
    const files = checked;
    checked = null;
    begin();
    try {
      const { ok, json } = await post(files, false);
      if (!ok) return refusedAnswer(json);
      errors.hidden = true;
      showCounts(json);
      showDiff(json);
      end('ok', text.applied);
      await refreshView();
    } catch (e) {
      refusedAnswer({ detail: String(e) });
    }
  });
})();
