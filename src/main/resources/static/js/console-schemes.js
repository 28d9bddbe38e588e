// The HR console's scheme pages (templates/console/scheme-simulator.html, scheme-editor.html):
// - the what-if simulator sends the fields to POST /api/schemes/{id}/evaluate as the user changes them (debounced,
//   the newest answer wins) and shows the breakdown, the total, the grade and a bar chart; a 400 names the field at
//   fault (values.x, ratings.self.x, events[0].points), whose message is shown next to it;
// - the editor validates the document as it is typed (POST /api/schemes/validate), lists the problems and marks their
//   lines, and publishes it (POST /api/schemes?effectiveFrom=YYYY-MM) for HR and administrators.
// A browser logged in to the Camunda web apps needs their CSRF token for a POST; our answers repeat it in the
// response header X-XSRF-TOKEN (as console-imports.js reads it). Texts come from data-* attributes.
(function () {
  'use strict';

  const english = document.documentElement.lang.startsWith('en');
  let token = null;

  async function csrfToken(fresh) {
    if (token === null || fresh) {
      const answer = await fetch(window.location.pathname, { method: 'HEAD', credentials: 'same-origin' });
      token = answer.headers.get('X-XSRF-TOKEN') || '';
    }
    return token;
  }

  /** POSTs and returns {status, body}; a refused CSRF token (a new session) is fetched again once. */
  async function post(url, body, contentType, signal) {
    for (let attempt = 0; ; attempt++) {
      const answer = await fetch(url, {
        method: 'POST', body, signal, credentials: 'same-origin',
        headers: { 'Content-Type': contentType, Accept: 'application/json', 'X-XSRF-TOKEN': await csrfToken(attempt > 0) },
      });
      if (answer.status === 403 && attempt === 0) continue;
      const text = await answer.text();
      let parsed = null;
      try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { message: text }; }
      return { status: answer.status, body: parsed };
    }
  }

  function debounce(fn, ms) {
    let timer = null;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function format(pattern, ...values) {
    return values.reduce((text, value, i) => text.replace(`{${i}}`, String(value)), pattern);
  }

  function plain(n) {
    return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  }

  function cell(row, value, className) {
    const td = row.insertCell();
    td.textContent = value === null || value === undefined ? '' : String(value);
    if (className) td.className = className;
    return td;
  }

  function refusal(problem) {
    return [problem && problem.field, problem && (problem.message || problem.detail)].filter(Boolean).join(' — ');
  }

  // ---- what-if simulator ----
  const simulator = document.getElementById('simulator');
  if (simulator) {
    const text = simulator.dataset;
    const form = document.getElementById('sim-form');
    const status = document.getElementById('sim-status');
    const grades = JSON.parse(document.getElementById('grade-labels').textContent);
    const chartElement = document.getElementById('sim-chart');
    let chart = null;
    let sequence = 0;
    let inFlight = null;

    /** The request as /evaluate takes it, and which event row each entry of events[] came from. */
    function request() {
      const body = { values: {}, ratings: {}, teamBest: {}, events: [] };
      const eventRows = [];
      for (const input of form.querySelectorAll('input[data-field]')) {
        if (input.value.trim() === '') continue;
        const value = Number(input.value);
        const [group, ...rest] = input.dataset.field.split('.');
        if (group === 'ratings') {
          (body.ratings[rest[0]] ||= {})[rest.slice(1).join('.')] = value;
        } else {
          body[group][rest.join('.')] = value;
        }
      }
      for (const row of form.querySelectorAll('.sim-event')) {
        const count = Number(row.querySelector('.event-count').value || 0);
        if (count === 0) continue;
        const entry = { type: row.dataset.event, count };
        const points = row.querySelector('.event-points');
        if (points) entry.points = points.value.trim() === '' ? null : Number(points.value);
        body.events.push(entry);
        eventRows.push(row);
      }
      return { body, eventRows };
    }

    function clearErrors() {
      for (const error of form.querySelectorAll('.field-error')) error.textContent = '';
      for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
      status.hidden = true;
    }

    /** The refusal's message at its field: values.x, ratings.self.x, teamBest.x, or events[i].… of the i-th event sent. */
    function showRefusal(problem, eventRows) {
      const field = problem.field || '';
      let error = form.querySelector(`.field-error[data-error-for="${CSS.escape(field)}"]`);
      let input = form.querySelector(`input[data-field="${CSS.escape(field)}"]`);
      const event = /^events\[(\d+)]\.?(.*)$/.exec(field);
      if (event && eventRows[Number(event[1])]) {
        const row = eventRows[Number(event[1])];
        error = row.querySelector('.field-error');
        input = row.querySelector(event[2] === 'points' ? '.event-points' : '.event-count');
      }
      if (error) error.textContent = problem.message || problem.detail || '';
      if (input) input.setAttribute('aria-invalid', 'true');
      status.textContent = text.refused + (error ? '' : ': ' + refusal(problem));
      status.hidden = false;
      simulator.classList.add('stale');
    }

    function show(result) {
      simulator.classList.remove('stale');
      document.getElementById('sim-total').textContent = result.total.toFixed(2);
      const grade = document.getElementById('sim-grade');
      grade.textContent = grades[result.grade] || result.grade;
      grade.dataset.grade = result.grade;
      const rows = document.querySelector('#sim-breakdown tbody');
      rows.replaceChildren();
      for (const line of result.breakdown) {
        const row = rows.insertRow();
        row.dataset.indicator = line.indicatorId;
        cell(row, english ? line.nameEn : line.nameZh);
        const ratings = line.ratings ? Object.entries(line.ratings).map(([r, s]) => `${r} ${plain(s)}`).join(' · ') : null;
        cell(row, line.input !== null && line.input !== undefined ? plain(line.input) : ratings, 'num');
        cell(row, line.rule, 'rule');
        cell(row, line.deduction ? `−${plain(line.deduction)}` : '', 'num');
        cell(row, `${line.points.toFixed(2)} / ${plain(line.maxPoints)}`, 'num points');
      }
      for (const adjustment of result.adjustments || []) {
        const row = rows.insertRow();
        row.className = 'adjustment';
        cell(row, `${english ? adjustment.nameEn : adjustment.nameZh} × ${adjustment.count}`);
        cell(row, plain(adjustment.pointsEach), 'num');
        cell(row, adjustment.indicatorId ? adjustment.indicatorId : text.adjustments, 'rule');
        cell(row, '', 'num');
        cell(row, (adjustment.points > 0 ? '+' : '') + plain(adjustment.points), 'num points');
      }
      draw(result);
    }

    function draw(result) {
      if (!window.echarts) return;
      const names = result.breakdown.map((l) => (english ? l.nameEn : l.nameZh));
      chartElement.style.height = `${Math.max(160, names.length * 34 + 48)}px`;
      if (!chart) chart = echarts.init(chartElement, null, { renderer: 'canvas', locale: english ? 'EN' : 'ZH' });
      else chart.resize();
      const font = getComputedStyle(document.body).fontFamily;
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: font, color: '#1f2933' },
        grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        yAxis: {
          type: 'category', data: names, inverse: true,
          axisLabel: { color: '#1f2933', width: 160, overflow: 'truncate' },
        },
        xAxis: { type: 'value', min: 0, axisLabel: { color: '#616e7c' } },
        series: [
          { name: text.max, type: 'bar', data: result.breakdown.map((l) => l.maxPoints), barMaxWidth: 20,
            itemStyle: { color: '#d9e2ec' }, silent: true },
          { name: text.points, type: 'bar', data: result.breakdown.map((l) => l.points), barMaxWidth: 20, barGap: '-100%',
            itemStyle: { color: '#2f6db5' }, label: { show: true, position: 'right', color: '#1f2933', formatter: (p) => plain(p.value) } },
        ],
      });
    }

    async function evaluate() {
      const mine = ++sequence;
      if (inFlight) inFlight.abort();
      inFlight = new AbortController();
      const { body, eventRows } = request();
      const url = `/api/schemes/${encodeURIComponent(text.scheme)}/evaluate?version=${encodeURIComponent(text.version)}`;
      try {
        const answer = await post(url, JSON.stringify(body), 'application/json', inFlight.signal);
        if (mine !== sequence) return;
        clearErrors();
        if (answer.status === 200) show(answer.body);
        else showRefusal(answer.body || {}, eventRows);
      } catch (e) {
        if (e.name === 'AbortError') return;
        status.textContent = `${text.failed}: ${e}`;
        status.hidden = false;
      }
    }

    form.addEventListener('input', debounce(evaluate, 250));
    form.addEventListener('submit', (e) => e.preventDefault());
    window.addEventListener('resize', () => chart && chart.resize());
    evaluate();
  }

  // ---- editor ----
  const editor = document.getElementById('editor');
  if (editor) {
    const text = editor.dataset;
    const area = document.getElementById('document');
    const gutter = document.getElementById('gutter');
    const marks = document.getElementById('line-marks');
    const validation = document.getElementById('validation');
    const list = document.getElementById('problems');
    const publishForm = document.getElementById('publish-form');
    let problemLines = new Set();
    let validating = null;
    let sequence = 0;

    function lineHeight() {
      return parseFloat(getComputedStyle(area).lineHeight);
    }

    function paintGutter() {
      const count = area.value.split('\n').length;
      const fragment = document.createDocumentFragment();
      for (let n = 1; n <= count; n++) {
        const span = document.createElement('span');
        span.textContent = String(n);
        if (problemLines.has(n)) span.className = 'bad';
        fragment.append(span, '\n');
      }
      gutter.replaceChildren(fragment);
      paintMarks();
    }

    function paintMarks() {
      const height = lineHeight();
      const top = parseFloat(getComputedStyle(area).paddingTop);
      marks.replaceChildren(...[...problemLines].map((line) => {
        const mark = document.createElement('div');
        mark.className = 'line-mark';
        mark.dataset.line = String(line);
        mark.style.top = `${top + (line - 1) * height}px`;
        mark.style.height = `${height}px`;
        return mark;
      }));
      syncScroll();
    }

    function syncScroll() {
      gutter.scrollTop = area.scrollTop;
      marks.style.transform = `translateY(${-area.scrollTop}px)`;
    }

    /** Puts the caret at the start of the line and scrolls it into the middle of the editor. */
    function goTo(line, column) {
      const lines = area.value.split('\n');
      let offset = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      offset += Math.max(0, (column || 1) - 1);
      area.focus();
      area.setSelectionRange(offset, offset);
      area.scrollTop = Math.max(0, (line - 1) * lineHeight() - area.clientHeight / 2);
      syncScroll();
    }

    function showProblems(problems) {
      problemLines = new Set(problems.filter((p) => p.line).map((p) => p.line));
      list.replaceChildren(...problems.map((p) => {
        const item = document.createElement('li');
        if (p.line) {
          item.dataset.line = String(p.line);
          const jump = document.createElement('button');
          jump.type = 'button';
          jump.className = 'line-link';
          jump.textContent = format(text.line, p.line);
          jump.addEventListener('click', () => goTo(p.line, p.column));
          item.append(jump, ' ');
        }
        const where = [p.indicator, p.field].filter(Boolean).join(' · ');
        if (where) {
          const code = document.createElement('code');
          code.textContent = where;
          item.append(code, ': ');
        }
        item.append(p.message);
        return item;
      }));
      paintGutter();
    }

    function outcome(element, ok, message) {
      element.className = 'outcome ' + (ok ? 'ok' : 'bad');
      element.textContent = message;
    }

    async function validate() {
      const mine = ++sequence;
      if (validating) validating.abort();
      validating = new AbortController();
      validation.className = 'outcome';
      validation.textContent = text.checking;
      try {
        const answer = await post('/api/schemes/validate', area.value, 'application/yaml;charset=UTF-8', validating.signal);
        if (mine !== sequence) return;
        if (answer.status !== 200) {
          showProblems([]);
          outcome(validation, false, refusal(answer.body));
          return;
        }
        const result = answer.body;
        showProblems(result.problems || []);
        if (result.valid) outcome(validation, true, format(text.valid, result.schemeId, result.version));
        else outcome(validation, false, format(text.invalid, result.problems.length));
      } catch (e) {
        if (e.name !== 'AbortError') outcome(validation, false, `${text.failed}: ${e}`);
      }
    }

    area.addEventListener('input', () => {
      paintGutter();
      debounced();
    });
    const debounced = debounce(validate, 400);
    area.addEventListener('scroll', syncScroll);
    window.addEventListener('resize', paintMarks);

    if (publishForm) {
      const result = document.getElementById('publish-result');
      const button = document.getElementById('publish');
      publishForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        const month = document.getElementById('effective-from').value.trim();
        button.disabled = true;
        outcome(result, true, '…');
        try {
          const answer = await post(`/api/schemes?effectiveFrom=${encodeURIComponent(month)}`, area.value,
            'application/yaml;charset=UTF-8');
          const body = answer.body || {};
          result.replaceChildren();
          if (answer.status === 201 || answer.status === 200) {
            const v = body.version;
            outcome(result, true, answer.status === 201
              ? format(text.published, v.version, v.effectiveFrom) : format(text.unchanged, v.version));
            const open = document.createElement('a');
            open.id = 'published-version';
            open.href = `/console/schemes/${encodeURIComponent(v.schemeId)}?version=${v.version}`;
            open.textContent = format(text.open, v.version);
            const diff = document.createElement('a');
            diff.id = 'published-diff';
            diff.href = `/console/schemes/${encodeURIComponent(v.schemeId)}/diff?to=${v.version}`;
            diff.textContent = text.diff;
            result.append(' ', open, ' · ', diff);
          } else {
            outcome(result, false, `${text.refused} (${answer.status}): ${refusal(body)}`);
            if (Array.isArray(body.problems)) showProblems(body.problems);
          }
        } catch (e) {
          outcome(result, false, `${text.failed}: ${e}`);
        } finally {
          button.disabled = false;
        }
      });
    }

    paintGutter();
    validate();
  }
})();
