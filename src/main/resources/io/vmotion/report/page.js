// vmotion report page: filtering and sorting of the VM table, and opening every section for print.
// The page reads its data from its own tables: no data is embedded in this script.
(function () {
  'use strict';
  var table = document.getElementById('vm-table');
  if (table) vmTable(table);
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });

  function vmTable(table) {
    var groups = Array.prototype.slice.call(table.tBodies);
    var rows = [];
    groups.forEach(function (g) {
      Array.prototype.forEach.call(g.rows, function (r) { if (!r.classList.contains('g')) rows.push(r); });
    });
    var info = rows.map(function (r) {
      var rules = {};
      r.cells[3].textContent.replace(/([^\s,]+) \d+/g, function (m, id) { rules[id] = true; return m; });
      var g = r.parentNode;
      return { row: r, name: r.cells[0].textContent.toLowerCase(), readiness: g.getAttribute('data-readiness'),
        cluster: g.getAttribute('data-cluster'), rules: rules };
    });
    var clusters = [];
    groups.forEach(function (g) { var c = g.getAttribute('data-cluster'); if (clusters.indexOf(c) < 0) clusters.push(c); });
    var readiness = ['ready', 'ready-with-warnings', 'blocked', 'unknown'];
    var ruleIds = {};
    info.forEach(function (i) { Object.keys(i.rules).forEach(function (k) { ruleIds[k] = true; }); });

    var controls = document.createElement('div');
    controls.className = 'controls';
    controls.setAttribute('role', 'search');
    var search = input('Find VM', 'search');
    var byCluster = select('Cluster', clusters);
    var byReadiness = select('Readiness', readiness);
    var byRule = select('Blocked by rule', Object.keys(ruleIds).sort());
    var count = document.createElement('span');
    count.className = 'note';
    count.setAttribute('aria-live', 'polite');
    controls.appendChild(count);
    table.parentNode.insertBefore(controls, table);
    apply();

    function label(text, el) {
      var l = document.createElement('label');
      l.appendChild(document.createTextNode(text + ' '));
      l.appendChild(el);
      controls.appendChild(l);
      return el;
    }
    function input(text, type) {
      var el = document.createElement('input');
      el.type = type;
      el.addEventListener('input', apply);
      return label(text, el);
    }
    function select(text, values) {
      var el = document.createElement('select');
      el.appendChild(new Option('all', ''));
      values.forEach(function (v) { el.appendChild(new Option(v, v)); });
      el.addEventListener('change', apply);
      return label(text, el);
    }
    function apply() {
      var q = search.value.trim().toLowerCase();
      var c = byCluster.value, rd = byReadiness.value, ru = byRule.value;
      var shown = 0;
      info.forEach(function (i) {
        var ok = (!q || i.name.indexOf(q) >= 0) && (!c || i.cluster === c) && (!rd || i.readiness === rd) && (!ru || i.rules[ru]);
        i.row.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) {
        g.hidden = !Array.prototype.some.call(g.rows, function (r) { return !r.classList.contains('g') && !r.hidden; });
      });
      count.textContent = shown + ' of ' + info.length + ' VMs shown';
    }

    // Sorting: within each cluster's rows, by the column's text, or its number where it starts with one.
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.getAttribute('data-sort') === null) return;
      var b = document.createElement('button');
      b.className = 'sort';
      b.type = 'button';
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      var ascending = true;
      b.addEventListener('click', function () {
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var dir = ascending ? 1 : -1;
        ascending = !ascending;
        groups.forEach(function (g) {
          var list = Array.prototype.filter.call(g.rows, function (r) { return !r.classList.contains('g'); });
          var keyed = list.map(function (r) { return { r: r, k: key(r.cells[col].textContent) }; });
          keyed.sort(function (a, b) {
            if (typeof a.k === 'number' && typeof b.k === 'number') return (a.k - b.k) * dir;
            return String(a.k).localeCompare(String(b.k)) * dir;
          });
          var frag = document.createDocumentFragment();
          keyed.forEach(function (x) { frag.appendChild(x.r); });
          g.appendChild(frag);
        });
      });
    });
    function key(text) {
      var m = /^\s*(\d+)/.exec(text);
      return m ? Number(m[1]) : text.trim().toLowerCase();
    }
  }
})();
