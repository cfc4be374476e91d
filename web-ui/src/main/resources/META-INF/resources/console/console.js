// Operon console behaviour: no inline scripts anywhere (the Content-Security-Policy forbids them), so every page's
// behaviour hangs off data- attributes here.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // htmx requests carry the session's CSRF token as a header
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  // theme: auto -> dark -> light, remembered in a cookie the server reads to render the next page
  function applyThemeLabel(button) {
    var theme = document.documentElement.getAttribute('data-theme') || 'auto';
    var label = button.getAttribute('data-name') + ': ' + button.getAttribute('data-label-' + theme);
    button.setAttribute('aria-label', label);
    button.setAttribute('title', label);
  }
  function setupTheme() {
    var button = document.getElementById('theme-toggle');
    if (!button) { return; }
    applyThemeLabel(button);
    button.addEventListener('click', function () {
      var order = ['auto', 'dark', 'light'];
      var current = document.documentElement.getAttribute('data-theme') || 'auto';
      var next = order[(order.indexOf(current) + 1) % order.length];
      document.documentElement.setAttribute('data-theme', next);
      document.cookie = 'operon_theme=' + next + '; path=/; max-age=31536000; samesite=strict';
      applyThemeLabel(button);
    });
  }

  // confirmation for destructive actions: <form data-confirm="question">
  function setupConfirm(root) {
    var dialog = document.getElementById('confirm-dialog');
    root.querySelectorAll('form[data-confirm]').forEach(function (form) {
      if (form.dataset.confirmBound) { return; }
      form.dataset.confirmBound = '1';
      form.addEventListener('submit', function (event) {
        if (form.dataset.confirmed === '1' || !dialog) { return; }
        event.preventDefault();
        document.getElementById('confirm-text').textContent = form.getAttribute('data-confirm');
        dialog.returnValue = '';
        dialog.showModal();
        dialog.addEventListener('close', function onClose() {
          dialog.removeEventListener('close', onClose);
          if (dialog.returnValue === 'ok') {
            form.dataset.confirmed = '1';
            if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
          }
        });
      });
    });
  }

  // charts: <div class="chart" data-chart='{"x":[...],"series":[{"label":..,"values":[...]}],"time":true}'>
  // Time axes are in UTC, as every other time in the console, whatever the browser's zone: ticks on UTC boundaries
  // (tzDate), labels in 24 hours, the legend's time as "2026-11-20 10:00 UTC" and the x series named by
  // <html data-time-label> ("Time (UTC)", translated).
  var palette = ['#0b5cad', '#1a7f37', '#b3261e', '#9a6700', '#8250df', '#bf3989'];
  function utcText(seconds) {
    return new Date(seconds * 1000).toISOString();
  }
  function utcLegend(u, seconds) {
    if (seconds === null || seconds === undefined) { return '--'; }
    var iso = utcText(seconds);
    return iso.slice(0, 10) + ' ' + iso.slice(11, 16) + ' UTC';
  }
  function utcTicks(u, splits) {
    var span = splits.length > 1 ? splits[splits.length - 1] - splits[0] : 0;
    return splits.map(function (seconds) {
      var iso = utcText(seconds);
      if (span >= 3 * 86400 && iso.slice(11, 16) === '00:00') { return iso.slice(5, 10); }
      if (span >= 86400) { return iso.slice(5, 10) + ' ' + iso.slice(11, 16); }
      return iso.slice(11, 16);
    });
  }
  function drawCharts(root) {
    if (typeof uPlot === 'undefined') { return; }
    var timeLabel = document.documentElement.getAttribute('data-time-label') || 'UTC';
    root.querySelectorAll('[data-chart]').forEach(function (element) {
      if (element.dataset.drawn) { return; }
      element.dataset.drawn = '1';
      var spec = JSON.parse(element.getAttribute('data-chart'));
      if (!spec.x || spec.x.length === 0) { return; }
      var spark = element.classList.contains('spark');
      var width = Math.max(200, element.clientWidth || 400);
      var color = getComputedStyle(document.body).color;
      var xAxis = spark ? { show: false } : { stroke: color };
      var xSeries = spec.xLabel ? { label: spec.xLabel } : {};
      if (spec.time) {
        xSeries = { label: timeLabel, value: utcLegend };
        if (!spark) { xAxis.values = utcTicks; }
      }
      if (!spec.time && !spark) {
        // a count such as a model version: whole ticks only (no "v0.1")
        xAxis.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
        xAxis.values = function (u, splits) {
          return splits.map(function (v) { return Number.isInteger(v) ? String(v) : ''; });
        };
      }
      var options = {
        width: width, height: spark ? 60 : 240,
        scales: { x: { time: !!spec.time } },
        legend: { show: !spark },
        cursor: { show: !spark },
        axes: [xAxis, spark ? { show: false } : { stroke: color }],
        series: [xSeries].concat(spec.series.map(function (s, i) {
          return { label: s.label, stroke: palette[i % palette.length], width: 2, points: { show: !spec.time } };
        }))
      };
      if (spec.time) {
        options.tzDate = function (seconds) { return uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'); };
      }
      var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
      new uPlot(options, data, element);
    });
  }

  // live run: <section data-run-stream="/runs/1/stream"> with [data-progress], [data-progress-text],
  // [data-state], [data-log] inside; the server sends JSON snapshots over SSE until the run ends
  function setupRunStream(root) {
    root.querySelectorAll('[data-run-stream]').forEach(function (section) {
      if (section.dataset.streaming || typeof EventSource === 'undefined') { return; }
      section.dataset.streaming = '1';
      var source = new EventSource(section.getAttribute('data-run-stream'));
      var log = section.querySelector('[data-log]');
      var shownState = (section.querySelector('[data-state]') || {}).textContent;
      source.addEventListener('run', function (event) {
        var run = JSON.parse(event.data);
        // a new state brings new facts (attempt, node, start and finish times, error): take them from the page
        if (run.stateLabel !== shownState) {
          shownState = run.stateLabel;
          refreshParts();
        }
        var bar = section.querySelector('[data-progress]');
        if (bar && run.progress !== null && run.progress !== undefined) { bar.value = run.progress; }
        var text = section.querySelector('[data-progress-text]');
        if (text) { text.textContent = (run.progress === null ? '' : run.progress + '%') + (run.message ? ' · ' + run.message : ''); }
        var state = section.querySelector('[data-state]');
        if (state) {
          state.textContent = run.stateLabel;
          state.className = 'badge state-' + run.state;
          state.setAttribute('data-state', run.state);
        }
        if (run.history) { appendTimeline(run.history); }
        if (log && run.logs) {
          run.logs.forEach(function (line) {
            var item = document.createElement('div');
            item.textContent = line.at + ' ' + line.level + ' ' + line.message;
            log.appendChild(item);
          });
          if (run.logs.length) { log.scrollTop = log.scrollHeight; }
        }
        if (run.terminal) {
          source.close();
          section.setAttribute('data-finished', run.state);
          var cancel = document.getElementById('cancel-form');
          if (cancel) { cancel.hidden = true; }
          var output = section.querySelector('[data-output]');
          if (output && run.output) { output.textContent = run.output; output.hidden = false; }
        }
      });
      source.onerror = function () { if (section.getAttribute('data-finished')) { source.close(); } };
    });
  }

  // the parts of this page marked data-refresh (with an id), replaced by the same parts of a fresh copy of the page
  function refreshParts() {
    if (typeof fetch === 'undefined' || typeof DOMParser === 'undefined') { return; }
    fetch(window.location.href, { credentials: 'same-origin' }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, 'text/html');
      document.querySelectorAll('[data-refresh][id]').forEach(function (part) {
        var replacement = fresh.getElementById(part.id);
        if (replacement) { part.replaceWith(document.importNode(replacement, true)); }
      });
    }).catch(function () { /* the stream keeps the essentials; the next state change tries again */ });
  }

  // the run's state timeline: <ol data-timeline data-attempt-label="Attempt">; the stream sends the whole history,
  // rows the page does not show yet are appended (built with textContent: nothing from the server is parsed as HTML)
  function appendTimeline(history) {
    var list = document.querySelector('[data-timeline]');
    if (!list) { return; }
    var label = list.getAttribute('data-attempt-label') || '';
    for (var i = list.children.length; i < history.length; i++) {
      var change = history[i];
      var item = document.createElement('li');
      item.setAttribute('data-live', '1');
      var badge = document.createElement('span');
      badge.className = 'badge state-' + change.state;
      badge.textContent = change.stateLabel;
      item.appendChild(badge);
      item.appendChild(document.createTextNode(' ' + change.at + ' · ' + label + ' ' + change.attempt
        + (change.reason ? ' · ' + change.reason : '')));
      list.appendChild(item);
    }
  }

  // dashboard: live counts over SSE, <span data-count="succeeded">
  function setupDashboardStream(root) {
    root.querySelectorAll('[data-dashboard-stream]').forEach(function (section) {
      if (section.dataset.streaming || typeof EventSource === 'undefined') { return; }
      section.dataset.streaming = '1';
      var source = new EventSource(section.getAttribute('data-dashboard-stream'));
      source.addEventListener('counts', function (event) {
        var counts = JSON.parse(event.data);
        section.querySelectorAll('[data-count]').forEach(function (cell) {
          var value = counts[cell.getAttribute('data-count')];
          cell.textContent = value === undefined ? '0' : String(value);
        });
      });
    });
  }

  // selects that reload the page with a new value: <select data-navigate="/tasks/new?type=">
  function setupNavigate(root) {
    root.querySelectorAll('select[data-navigate]').forEach(function (select) {
      if (select.dataset.bound) { return; }
      select.dataset.bound = '1';
      select.addEventListener('change', function () {
        window.location.assign(select.getAttribute('data-navigate') + encodeURIComponent(select.value));
      });
    });
  }

  // a page answering a POST names the address to show instead (<div data-replace-address>): the history entry becomes
  // that GET, so a reload shows the page again instead of sending the form a second time
  function replaceAddress() {
    var marker = document.querySelector('[data-replace-address]');
    if (marker && window.history && window.history.replaceState) {
      window.history.replaceState(null, '', marker.getAttribute('data-replace-address') + window.location.hash);
    }
  }

  function setup(root) {
    setupConfirm(root);
    drawCharts(root);
    setupRunStream(root);
    setupDashboardStream(root);
    setupNavigate(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    setupTheme();
    replaceAddress();
    setup(document);
  });
  document.addEventListener('htmx:afterSwap', function (event) { setup(event.detail.target); });
}());
