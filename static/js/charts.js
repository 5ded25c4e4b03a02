/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID">, on load and after
   each htmx swap. A canvas with data-month-filter narrows the filter form to the clicked month. */
(function () {
  "use strict";

  function lastDay(month) {
    var parts = month.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate();
    return month + "-" + String(day).padStart(2, "0");
  }

  function narrowToMonth(form, month) {
    form.querySelector("[name=since]").value = month + "-01";
    form.querySelector("[name=until]").value = lastDay(month);
    if (window.htmx) {
      window.htmx.trigger(form, "submit");
    } else {
      form.submit();
    }
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function monthLabel(key) {
    var parts = String(key).split("-");
    return parts.length === 2 ? MONTHS[Number(parts[1]) - 1] + " " + parts[0] : key;
  }

  function options(canvas, data) {
    var stacked = (canvas.dataset.kind || "bar") === "bar";
    var opts = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { title: function (items) {
          return items.length ? monthLabel(items[0].label) : "";
        } } }
      },
      scales: {
        x: { stacked: stacked,
             ticks: { callback: function (value) { return monthLabel(this.getLabelForValue(value)); } } },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 },
             title: { display: true, text: "statements" } }
      }
    };
    if (data.datasets.some(function (d) { return d.yAxisID === "y2"; })) {
      opts.scales.y2 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                         title: { display: true, text: canvas.dataset.y2Title || "cited figures" } };
    }
    var formSelector = canvas.dataset.monthFilter;
    if (formSelector) {
      opts.onClick = function (event, elements, chart) {
        var form = document.querySelector(formSelector);
        if (!form || !elements.length) { return; }
        narrowToMonth(form, chart.data.labels[elements[0].index]);
      };
      opts.onHover = function (event, elements) {
        event.native.target.style.cursor = elements.length ? "pointer" : "default";
      };
    }
    return opts;
  }

  function cell(tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (className) { el.className = className; }
    return el;
  }

  // Without Chart.js (an air-gapped site, a blocked CDN) the chart's data as a table, so the
  // box is never empty: one row per month, one column per series.
  function asTable(canvas, data) {
    var box = canvas.closest(".chart-box") || canvas.parentNode;
    var figure = box.parentNode;
    if (figure.querySelector(".chart-offline")) { return; }
    var note = cell("p", "The chart could not be drawn: its script did not load (offline, or a " +
                    "blocked network). Its data is shown as a table instead.", "chart-offline");
    note.setAttribute("role", "note");
    var table = document.createElement("table");
    table.className = "list sticky-first chart-table";
    var head = document.createElement("tr");
    head.appendChild(cell("th", "Month")).setAttribute("scope", "col");
    data.datasets.forEach(function (d) {
      head.appendChild(cell("th", d.label, "num")).setAttribute("scope", "col");
    });
    table.appendChild(document.createElement("thead")).appendChild(head);
    var body = table.appendChild(document.createElement("tbody"));
    data.labels.forEach(function (label, i) {
      var values = data.datasets.map(function (d) { return d.data[i]; });
      if (values.every(function (v) { return v === null || v === 0; })) { return; }
      var row = body.appendChild(document.createElement("tr"));
      row.appendChild(cell("th", monthLabel(label))).setAttribute("scope", "row");
      values.forEach(function (v) {
        row.appendChild(cell("td", v === null || v === undefined ? "—" : String(v), "num"));
      });
    });
    var wrap = cell("div", "", "table-wrap");
    wrap.appendChild(table);
    box.replaceWith(note);
    note.after(wrap);
    figure.classList.add("chart-as-table");
  }

  function draw(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      if (typeof window.Chart === "undefined") { asTable(canvas, data); return; }
      var existing = window.Chart.getChart(canvas);
      if (existing) { existing.destroy(); }
      new window.Chart(canvas, {
        type: canvas.dataset.kind === "mixed" ? "bar" : (canvas.dataset.kind || "bar"),
        data: data,
        options: options(canvas, data)
      });
    });
  }

  // Filter URLs stay short and shareable: empty fields are left out of htmx requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    var keys = [];
    if (params instanceof FormData) {
      params.forEach(function (value, key) { keys.push(key); });
      keys.forEach(function (key) {
        if (params.getAll(key).every(function (v) { return v === ""; })) { params.delete(key); }
      });
    } else {
      Object.keys(params).forEach(function (key) { if (params[key] === "") { delete params[key]; } });
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) { draw(event.detail.elt); });
  // Back/forward restores a snapshot of the page: its canvases need drawing again.
  document.addEventListener("htmx:historyRestore", function () { draw(document); });
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  window.ctCharts = { draw: draw };
})();
