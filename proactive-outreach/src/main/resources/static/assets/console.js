// The staff console's script: times in the viewer's time zone, the live cases board, the buttons
// that call the API (with the session's CSRF token), the rule editor with its backtest preview,
// and the telemetry charts (uPlot). Text from the service is only ever set as text, never as HTML,
// except the board's columns, which the service renders (escaped) with Thymeleaf.
(function () {
  'use strict';

  const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const BOARD_REFRESH_MS = 2000;
  const BACKTEST_POLL_MS = 500;

  function csrfHeaders(extra) {
    const token = document.querySelector('meta[name=_csrf]');
    const header = document.querySelector('meta[name=_csrf_header]');
    const headers = Object.assign({'Accept': 'application/json'}, extra || {});
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  /** Calls the API; resolves to {ok, status, body} with the body parsed when it is JSON. */
  async function api(method, url, body) {
    const options = {method: method, headers: csrfHeaders(), credentials: 'same-origin'};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(url, options);
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch (e) {
      // Not JSON: keep the text.
    }
    return {ok: response.ok, status: response.status, body: parsed};
  }

  /** An API refusal in words: the field it names, then what is wrong. */
  function refusal(answer) {
    const body = answer.body;
    if (body && typeof body === 'object' && body.error) {
      return body.field ? body.field + ': ' + body.error : body.error;
    }
    return 'the service answered ' + answer.status;
  }

  // --- times -------------------------------------------------------------------------------

  const FORMAT = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
  });

  /** 2026-11-22 19:02:00 in the viewer's time zone. */
  function local(date) {
    const p = {};
    FORMAT.formatToParts(date).forEach(part => { p[part.type] = part.value; });
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second;
  }

  function localTimes(root) {
    root.querySelectorAll('time[data-local]').forEach(t => {
      const date = new Date(t.getAttribute('datetime'));
      if (!isNaN(date)) {
        t.textContent = local(date);
        t.title = t.getAttribute('datetime') + ' (UTC)';
      }
    });
    root.querySelectorAll('[data-zone-note]').forEach(note => {
      note.textContent = 'Times are shown in your time zone, ' + ZONE + '.';
    });
  }

  // --- the live board ------------------------------------------------------------------------

  function liveBoard() {
    const board = document.getElementById('board');
    if (!board || !board.dataset.live) {
      return;
    }
    const url = board.dataset.live;
    setInterval(async () => {
      try {
        const response = await fetch(url, {credentials: 'same-origin'});
        if (!response.ok) {
          return;
        }
        const html = await response.text();
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('board');
        const current = document.getElementById('board');
        if (fresh && current) {
          localTimes(fresh);
          current.replaceWith(document.adoptNode(fresh));
        }
      } catch (e) {
        // The next refresh tries again.
      }
    }, BOARD_REFRESH_MS);
  }

  // --- buttons that call the API ---------------------------------------------------------------

  function apiButtons() {
    document.addEventListener('click', async event => {
      const button = event.target.closest('button[data-api-post]');
      if (!button) {
        return;
      }
      button.disabled = true;
      const answer = await api('POST', button.dataset.apiPost);
      if (answer.ok) {
        location.reload();
      } else {
        button.disabled = false;
        alert(refusal(answer));
      }
    });
  }

  // --- charts --------------------------------------------------------------------------------

  /** Every chart on the page, resized with the window. */
  const PLOTS = [];

  function size(box) {
    const width = Math.max(200, box.clientWidth - 8);
    return {width: width, height: width < 500 ? 220 : 300};
  }

  window.addEventListener('resize', () => {
    PLOTS.forEach(p => {
      if (p.box.isConnected) {
        p.plot.setSize(size(p.box));
      }
    });
  });

  const COLORS = {line: '#0b5c8c', limit: '#c62828', would: '#d49a00', open: '#c62828', past: '#8aa1b1'};

  /**
   * One metric's chart: the mean per bucket, an optional horizontal limit and markers (each
   * {at: Date, kind}) placed on the bucket nearest to them. Returns how many markers were drawn.
   */
  function chart(container, title, buckets, limit, markers) {
    const xs = buckets.map(b => Date.parse(b.start) / 1000);
    const ys = buckets.map(b => b.mean);
    const kinds = [...new Set(markers.map(m => m.kind))];
    const markerSeries = kinds.map(() => xs.map(() => null));
    let drawn = 0;
    markers.forEach(m => {
      if (!xs.length) {
        return;
      }
      const at = m.at.getTime() / 1000;
      let best = 0;
      xs.forEach((x, i) => { if (Math.abs(x - at) < Math.abs(xs[best] - at)) best = i; });
      if (at >= xs[0] - 3600 && at <= xs[xs.length - 1] + 3600) {
        markerSeries[kinds.indexOf(m.kind)][best] = ys[best];
        drawn++;
      }
    });
    const box = document.createElement('div');
    box.className = 'chart';
    box.dataset.metric = title;
    box.dataset.markers = String(drawn);
    if (limit != null) {
      box.dataset.limit = String(limit);
    }
    container.appendChild(box);
    const series = [{}, {label: title, stroke: COLORS.line, width: 2}];
    const data = [xs, ys];
    if (limit != null) {
      series.push({label: 'level ' + limit, stroke: COLORS.limit, dash: [6, 4], points: {show: false}});
      data.push(xs.map(() => limit));
    }
    kinds.forEach((kind, i) => {
      series.push({
        label: kind === 'would' ? 'would-be case' : kind + ' case',
        stroke: COLORS[kind], paths: () => null,
        points: {show: true, size: 11, fill: COLORS[kind], stroke: '#fff'}
      });
      data.push(markerSeries[i]);
    });
    if (typeof uPlot === 'undefined') {
      box.textContent = 'The chart library did not load.';
      return drawn;
    }
    const plot = new uPlot({title: title, series: series, scales: {x: {time: true}},
      legend: {show: false}, ...size(box)}, data, box);
    PLOTS.push({plot: plot, box: box});
    return drawn;
  }

  /** The level a rule's condition names (a threshold's level), looked for in nested conditions. */
  function conditionOf(rule) {
    const condition = rule.condition || rule;
    if (condition.metric) {
      return condition;
    }
    for (const child of condition.conditions || []) {
      const found = conditionOf({condition: child});
      if (found) {
        return found;
      }
    }
    return null;
  }

  function limitOf(condition) {
    if (!condition) {
      return null;
    }
    for (const name of ['level', 'limit', 'failureLevel', 'threshold']) {
      if (typeof condition[name] === 'number') {
        return condition[name];
      }
    }
    return null;
  }

  async function telemetry(device, metrics, from, to) {
    const query = new URLSearchParams({from: from, to: to, maxPoints: '400'});
    metrics.forEach(m => query.append('metric', m));
    return api('GET', '/api/devices/' + encodeURIComponent(device) + '/telemetry?' + query);
  }

  // --- the device page -----------------------------------------------------------------------

  async function deviceCharts() {
    const container = document.getElementById('device-charts');
    if (!container) {
      return;
    }
    const status = container.querySelector('[data-chart-status]');
    const markers = [...document.querySelectorAll('tr[data-opened]')].map(row => ({
      at: new Date(row.dataset.opened), kind: row.dataset.status === 'OPEN' ? 'open' : 'past'
    }));
    const answer = await telemetry(container.dataset.device, [], container.dataset.from, container.dataset.to);
    if (!answer.ok) {
      status.textContent = 'No readings: ' + refusal(answer);
      return;
    }
    const metrics = Object.keys(answer.body.metrics || {}).sort();
    const withData = metrics.filter(m => answer.body.metrics[m].length > 0);
    if (!withData.length) {
      status.textContent = 'No readings stored for this device in this range.';
      container.dataset.charts = '0';
      return;
    }
    status.remove();
    withData.forEach(m => chart(container, m, answer.body.metrics[m], null, markers));
    container.dataset.charts = String(withData.length);
  }

  // --- the rule editor -----------------------------------------------------------------------

  function ruleEditor() {
    const form = document.getElementById('rule-editor');
    if (!form) {
      return;
    }
    const textarea = document.getElementById('rule-document');
    const problem = document.getElementById('rule-problem');
    const ok = document.getElementById('rule-ok');
    if (textarea.value.trim()) {
      try {
        textarea.value = JSON.stringify(JSON.parse(textarea.value), null, 2);
      } catch (e) {
        // Leave it as stored.
      }
    } else {
      textarea.value = document.getElementById('rule-template').content.textContent.trim();
    }
    const from = document.getElementById('bt-from');
    const to = document.getElementById('bt-to');
    if (!to.value) {
      const now = new Date();
      to.value = now.toISOString().replace(/\.\d+Z$/, 'Z');
      from.value = new Date(now.getTime() - Number(from.dataset.defaultDays) * 86400000)
          .toISOString().replace(/\.\d+Z$/, 'Z');
    }

    function show(element, text) {
      problem.hidden = true;
      ok.hidden = true;
      textarea.removeAttribute('aria-invalid');
      delete problem.dataset.field;
      if (element) {
        element.textContent = text;
        element.hidden = false;
      }
    }

    function refused(answer) {
      show(problem, refusal(answer));
      if (answer.body && answer.body.field) {
        problem.dataset.field = answer.body.field;
      }
      textarea.setAttribute('aria-invalid', 'true');
    }

    async function check() {
      const answer = await api('POST', '/api/rules/validate', textarea.value);
      if (!answer.ok) {
        refused(answer);
        return null;
      }
      show(ok, 'The rule is valid.');
      return JSON.parse(textarea.value);
    }

    async function save(activate) {
      const rule = await check();
      if (!rule) {
        return;
      }
      const saved = await api('POST', '/api/rules?activate=false', textarea.value);
      if (!saved.ok) {
        refused(saved);
        return;
      }
      let view = saved.body;
      if (activate) {
        const activated = await api('POST', '/api/rules/' + encodeURIComponent(view.id) + '/activate');
        if (!activated.ok) {
          refused(activated);
          return;
        }
        view = activated.body;
      }
      show(ok, activate
          ? 'Saved as v' + view.version + ' and activated: the running job uses it from now on.'
          : 'Saved as v' + view.version + ', a draft: the version in force is unchanged.');
      ok.dataset.saved = activate ? 'active' : 'draft';
      form.dataset.ruleId = view.id;
    }

    form.addEventListener('click', async event => {
      const button = event.target.closest('button[data-rule-action]');
      if (!button) {
        return;
      }
      button.disabled = true;
      try {
        const action = button.dataset.ruleAction;
        if (action === 'check') {
          await check();
        } else if (action === 'draft') {
          await save(false);
        } else if (action === 'activate') {
          await save(true);
        }
      } catch (e) {
        show(problem, String(e));
      } finally {
        button.disabled = false;
      }
    });

    const backtestButton = document.querySelector('button[data-rule-action=backtest]');
    backtestButton.addEventListener('click', async () => {
      backtestButton.disabled = true;
      try {
        const rule = await check();
        if (rule) {
          await backtest(rule);
        }
      } catch (e) {
        show(problem, String(e));
      } finally {
        backtestButton.disabled = false;
      }
    });
  }

  async function backtest(rule) {
    const status = document.getElementById('bt-status');
    const result = document.getElementById('bt-result');
    const devices = document.getElementById('bt-devices').value.split(',').map(d => d.trim()).filter(d => d);
    const request = {
      rule: rule, devices: devices,
      from: document.getElementById('bt-from').value.trim(),
      to: document.getElementById('bt-to').value.trim()
    };
    result.hidden = true;
    status.dataset.status = 'STARTING';
    status.textContent = 'Starting the backtest…';
    const started = await api('POST', '/api/backtests', request);
    if (!started.ok) {
      status.dataset.status = 'REFUSED';
      status.textContent = 'The backtest was refused: ' + refusal(started);
      return;
    }
    let run = started.body;
    while (run.status === 'RUNNING' || run.status === 'QUEUED') {
      const p = run.progress || {};
      status.textContent = 'Running: ' + Math.round(100 * (p.fraction || 0)) + '% ('
          + (p.readings || 0) + ' readings so far)';
      await new Promise(resolve => setTimeout(resolve, BACKTEST_POLL_MS));
      const polled = await api('GET', '/api/backtests/' + run.id);
      if (!polled.ok) {
        status.textContent = 'Lost the backtest: ' + refusal(polled);
        return;
      }
      run = polled.body;
    }
    status.dataset.status = run.status;
    if (run.status !== 'DONE') {
      status.textContent = 'The backtest failed: ' + (run.error || run.status);
      return;
    }
    const outcome = run.result;
    status.textContent = 'Done: ' + outcome.readings + ' readings, ' + outcome.cases.length
        + ' case(s) would have opened.';
    result.hidden = false;
    const rows = document.querySelector('#bt-cases tbody');
    rows.replaceChildren();
    outcome.cases.forEach(c => {
      const row = document.createElement('tr');
      row.dataset.device = c.deviceId;
      [c.deviceId, c.openedAt, c.clearedAt, c.summary].forEach((value, i) => {
        const cell = document.createElement('td');
        if ((i === 1 || i === 2) && value) {
          const time = document.createElement('time');
          time.setAttribute('datetime', value);
          time.dataset.local = '';
          cell.appendChild(time);
        } else {
          cell.textContent = value == null ? '' : String(value);
        }
        if (i === 3) {
          cell.className = 'text';
        }
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    localTimes(rows);
    document.getElementById('bt-none').hidden = outcome.cases.length > 0;

    const select = document.getElementById('bt-chart-device');
    select.replaceChildren();
    const chartDevices = [...new Set(outcome.cases.map(c => c.deviceId).concat(run.devices || devices))];
    chartDevices.forEach(d => {
      const option = document.createElement('option');
      option.value = d;
      option.textContent = d;
      select.appendChild(option);
    });
    const condition = conditionOf(rule);
    const draw = async () => {
      const box = document.getElementById('bt-chart');
      box.replaceChildren();
      PLOTS.length = 0;
      delete box.dataset.markers;
      const device = select.value;
      if (!condition) {
        box.textContent = 'This rule names no single metric to chart.';
        return;
      }
      const answer = await telemetry(device, [condition.metric], request.from, request.to);
      if (!answer.ok) {
        box.textContent = 'No chart: ' + refusal(answer);
        return;
      }
      const buckets = (answer.body.metrics || {})[condition.metric] || [];
      const markers = outcome.cases.filter(c => c.deviceId === device)
          .map(c => ({at: new Date(c.openedAt), kind: 'would'}));
      const drawn = chart(box, condition.metric + ' on ' + device, buckets, limitOf(condition), markers);
      box.dataset.markers = String(drawn);
      box.dataset.device = device;
    };
    select.onchange = draw;
    await draw();
  }

  document.addEventListener('DOMContentLoaded', () => {
    localTimes(document);
    liveBoard();
    apiButtons();
    ruleEditor();
    deviceCharts();
  });
})();
