/* geomap map client: builds every layer from one JSON payload and adds small controls
 * (fullscreen, measure, legend, date filter) without any external dependency.
 *
 * Safety: the payload (geomap/render/layers.py) holds plain text and numbers, never HTML.
 * Every element here is made with document.createElement(NS) and filled with textContent or
 * createTextNode; Leaflet gets elements (or functions returning elements), never strings,
 * because it would parse a string as HTML. A link's href is set only to an absolute
 * http(s) URL with a host (checked in Python and again here). Nothing here parses HTML or
 * runs text as code (tests/reliability/test_rel_dom.py checks this file for such calls).
 */
(function () {
  'use strict';

  function el(tag, className, parent) {
    var node = L.DomUtil.create(tag, className || '', parent);
    return node;
  }

  /* an element showing `value` as text (never parsed as HTML) */
  function textEl(tag, className, value, parent) {
    var node = el(tag, className, parent);
    node.textContent = value === null || value === undefined ? '' : String(value);
    return node;
  }

  /* a <span> of plain text: what Leaflet tooltips and popups get instead of an HTML string */
  function textSpan(value) { return textEl('span', '', value); }

  function addText(parent, value) {
    parent.appendChild(document.createTextNode(String(value)));
    return parent;
  }

  /* the URL when it is an absolute http(s) URL with a host (no control characters), else null */
  function webUrl(value) {
    if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value)) { return null; }
    var url;
    try { url = new URL(value); } catch (err) { return null; }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) { return null; }
    return value;
  }

  /* a link for a web URL, plain text for anything else */
  function linkOrText(parent, value) {
    var href = webUrl(value);
    if (href === null) { return addText(parent, value); }
    var a = textEl('a', '', value, parent);
    a.setAttribute('href', href);
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return parent;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function iconFullscreen(parent) {
    var icon = svg('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' },
      parent);
    svg('path', { d: 'M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5', fill: 'none', stroke: '#222',
      'stroke-width': 2 }, icon);
  }

  function iconMeasure(parent) {
    var icon = svg('svg', { width: 18, height: 18, viewBox: '0 0 18 18', 'aria-hidden': 'true' },
      parent);
    var g = svg('g', { transform: 'rotate(-45 9 9)' }, icon);
    svg('rect', { x: 0.5, y: 6, width: 17, height: 6, fill: '#fff', stroke: '#222' }, g);
    svg('path', { d: 'M3 6v3M6 6v2M9 6v3M12 6v2M15 6v3', stroke: '#222' }, g);
  }

  function kmLabel(km) {
    return km < 10 ? km.toFixed(1) + ' km' : Math.round(km) + ' km';
  }

  function stop(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  /* ---- fullscreen (the Fullscreen API, else a fixed-position fallback) ---- */
  var Fullscreen = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function (map) {
      var box = el('div', 'leaflet-bar gm-fullscreen');
      var link = el('a', '', box);
      link.href = '#';
      link.title = 'Full screen';
      link.setAttribute('role', 'button');
      iconFullscreen(link);
      stop(box);
      L.DomEvent.on(link, 'click', function (ev) {
        L.DomEvent.preventDefault(ev);
        var container = map.getContainer();
        var doc = document;
        if (doc.fullscreenElement) {
          doc.exitFullscreen();
        } else if (container.requestFullscreen && doc.fullscreenEnabled) {
          container.requestFullscreen().catch(function () {
            L.DomUtil.addClass(container, 'gm-pseudo-fullscreen');
            map.invalidateSize();
          });
        } else if (L.DomUtil.hasClass(container, 'gm-pseudo-fullscreen')) {
          L.DomUtil.removeClass(container, 'gm-pseudo-fullscreen');
        } else {
          L.DomUtil.addClass(container, 'gm-pseudo-fullscreen');
        }
        setTimeout(function () { map.invalidateSize(); }, 50);
      });
      document.addEventListener('fullscreenchange', function () { map.invalidateSize(); });
      return box;
    }
  });

  /* ---- measure: click points, see the great-circle length; double-click or Esc ends ---- */
  var Measure = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function (map) {
      var self = this;
      var box = el('div', 'leaflet-bar gm-measure');
      var link = el('a', '', box);
      link.href = '#';
      link.title = 'Measure a distance (click points; double-click or Esc to finish)';
      link.setAttribute('role', 'button');
      iconMeasure(link);
      this._out = el('div', 'gm-measure-out', box);
      this._map = map;
      this._active = false;
      this._layer = L.layerGroup().addTo(map);
      stop(box);
      L.DomEvent.on(link, 'click', function (ev) {
        L.DomEvent.preventDefault(ev);
        if (self._active) { self.finish(); self.clear(); } else { self.start(); }
      });
      return box;
    },
    start: function () {
      this.clear();
      this._active = true;
      this._points = [];
      this._line = L.polyline([], { color: '#000', weight: 2, dashArray: '6 4', interactive: false })
        .addTo(this._layer);
      L.DomUtil.addClass(this._map.getContainer(), 'gm-measuring');
      this._map.doubleClickZoom.disable();
      this._map.on('click', this._add, this);
      this._map.on('dblclick', this.finish, this);
      L.DomEvent.on(document, 'keydown', this._key, this);
      this._out.textContent = 'Click on the map';
      this._out.style.display = 'block';
    },
    _key: function (ev) { if (ev.key === 'Escape') { this.finish(); } },
    _add: function (ev) {
      this._points.push(ev.latlng);
      this._line.setLatLngs(this._points);
      L.circleMarker(ev.latlng, { radius: 3, color: '#000', weight: 1, fillOpacity: 1, interactive: false })
        .addTo(this._layer);
      this._out.textContent = kmLabel(this.lengthKm());
    },
    lengthKm: function () {
      var total = 0;
      for (var i = 1; i < this._points.length; i++) {
        total += this._map.distance(this._points[i - 1], this._points[i]);
      }
      return total / 1000;
    },
    finish: function () {
      if (!this._active) { return; }
      this._active = false;
      this._map.off('click', this._add, this);
      this._map.off('dblclick', this.finish, this);
      L.DomEvent.off(document, 'keydown', this._key, this);
      this._map.doubleClickZoom.enable();
      L.DomUtil.removeClass(this._map.getContainer(), 'gm-measuring');
      if (this._points.length > 1) {
        this._out.textContent = kmLabel(this.lengthKm()) + ' (great circle)';
      }
    },
    clear: function () {
      this._layer.clearLayers();
      this._points = [];
      this._out.textContent = '';
      this._out.style.display = 'none';
    }
  });

  /* ---- legend ---- */
  function legendControl(data, counts) {
    var Legend = L.Control.extend({
      options: { position: 'bottomright' },
      onAdd: function () {
        var box = el('div', 'gm-legend leaflet-control-layers');
        stop(box);
        var details = el('details', '', box);
        details.open = true;
        textEl('summary', '', 'Legend', details);
        textEl('div', 'gm-legend-title', 'Events by type', details);
        if (!data.types.length) { textEl('div', 'gm-muted', 'no events', details); }
        for (var i = 0; i < data.types.length; i++) {
          var t = data.types[i];
          var line = el('div', '', details);
          el('span', 'gm-dot', line).style.background = t.c;
          addText(line, t.n + ' ');
          textEl('span', 'gm-muted', '(' + t.k + ')', line);
        }
        textEl('div', 'gm-legend-title', 'Symbols', details);
        var symbols = [
          [['gm-size gm-s1', 'gm-size gm-s2', 'gm-size gm-s3'], 'size: fatalities (none, 10, 100)'],
          [['gm-dot gm-bg'], 'background event (faded, dashed)'],
          [['gm-ring'], 'location uncertainty'],
          [['gm-line gm-line-anchor'], 'distance to anchor place'],
          [['gm-line gm-line-border'], 'distance to nearest border'],
          [['gm-line gm-line-hl'], 'border near events'],
          [['gm-line gm-line-named'], 'border named in an article'],
          [['gm-mention'], 'place mentioned in articles']
        ];
        symbols.forEach(function (sym) {
          var div = el('div', '', details);
          sym[0].forEach(function (cls) { el('span', cls, div); });
          addText(div, ' ' + sym[1]);
        });
        var summary = counts.events + ' event' +
          (counts.events === 1 ? '' : 's') + ', ' + counts.mentions + ' place' +
          (counts.mentions === 1 ? '' : 's') + ' mentioned';
        if (data.unresolved) {
          summary += ', ' + data.unresolved + ' mention' + (data.unresolved === 1 ? '' : 's') +
            ' unresolved';
        }
        textEl('div', 'gm-muted', summary, details);
        return box;
      }
    });
    return new Legend();
  }

  /* ---- date filter (two range sliders over the distinct event dates) ---- */
  function dateFilterControl(dates, onChange) {
    var Filter = L.Control.extend({
      options: { position: 'bottomleft' },
      onAdd: function () {
        var box = el('div', 'gm-dates leaflet-control-layers');
        stop(box);
        var head = el('div', 'gm-legend-title', box);
        head.textContent = 'Event dates';
        var from = el('input', 'gm-from', box);
        var to = el('input', 'gm-to', box);
        [from, to].forEach(function (input) {
          input.type = 'range';
          input.min = 0;
          input.max = dates.length - 1;
          input.step = 1;
        });
        from.value = 0;
        to.value = dates.length - 1;
        from.title = 'first date shown';
        to.title = 'last date shown';
        var label = el('div', 'gm-dates-label', box);
        var undated = el('label', 'gm-muted', box);
        var check = el('input', '', undated);
        check.type = 'checkbox';
        check.checked = true;
        undated.appendChild(document.createTextNode(' show undated events'));
        function update() {
          var a = Math.min(+from.value, +to.value);
          var b = Math.max(+from.value, +to.value);
          label.textContent = dates[a] + ' \u2013 ' + dates[b];
          onChange(dates[a], dates[b], check.checked);
        }
        from.addEventListener('input', update);
        to.addEventListener('input', update);
        check.addEventListener('change', update);
        label.textContent = dates[0] + ' \u2013 ' + dates[dates.length - 1];
        this.set = function (a, b) { from.value = a; to.value = b; update(); };
        return box;
      }
    });
    return new Filter();
  }

  /* ---- the layers ---- */
  window.geomapRender = function (map, data, groups, opts) {
    var t0 = performance.now();
    opts = opts || {};
    /* no tile layer sets these on the offline base, and markercluster needs maxZoom */
    map.options.minZoom = 1;
    map.options.maxZoom = 18;
    var registry = window.geomap = {
      map: map, layers: groups, counts: {}, ready: false, filter: null, timings: {}
    };
    function mark(name) { registry.timings[name] = Math.round(performance.now() - t0); }
    registry.timings.start = Math.round(t0);
    var panes = [['gm-land', 250], ['gm-outline', 390], ['gm-uncertainty', 395],
      ['gm-lines', 405], ['gm-mentions', 410], ['gm-events', 420]];
    panes.forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
    L.Icon.Default.imagePath = '';
    if (opts.icons) { L.Icon.Default.mergeOptions(opts.icons); }

    /* base: land and country polygons from our own data */
    /* polygons and lines of our own data draw on canvases (far cheaper than SVG nodes) */
    var landCanvas = L.canvas({ pane: 'gm-land', padding: 0.3 });
    var outlineCanvas = L.canvas({ pane: 'gm-outline', padding: 0.3 });
    L.geoJSON(data.countries, {
      pane: 'gm-land', interactive: false, renderer: landCanvas,
      style: function () {
        return { color: '#9a9482', weight: 0.7, fillColor: '#f4f1e8', fillOpacity: 1 };
      }
    }).addTo(groups.base);

    /* names of the countries drawn in detail (those around the events) */
    data.countries.features.forEach(function (f) {
      if (f.properties.lp) {
        L.tooltip({ permanent: true, direction: 'center', interactive: false,
          className: 'gm-country-label' }).setLatLng(f.properties.lp)
          .setContent(textSpan(f.properties.n)).addTo(groups.base);
      }
    });
    /* capitals and big cities around the events, for orientation */
    (data.cities || []).forEach(function (c) {
      L.circleMarker([c.lat, c.lon], {
        pane: 'gm-outline', renderer: outlineCanvas, interactive: false, radius: c.c ? 3.5 : 2.5,
        color: '#333', weight: c.c ? 1.5 : 1, fillColor: c.c ? '#fff' : '#333', fillOpacity: 1
      }).bindTooltip(textSpan(c.n), { permanent: true, direction: 'right', offset: [3, 0],
        interactive: false, className: 'gm-city-label' + (c.c ? ' gm-capital' : '') })
        .addTo(groups.base);
    });
    function zoomClass() {
      var low = map.getZoom() < 5;
      L.DomUtil[low ? 'addClass' : 'removeClass'](map.getContainer(), 'gm-low-zoom');
    }
    map.on('zoomend', zoomClass);
    mark('land');

    /* borders: outlines of the countries around the events, their land borders,
       highlighted and labelled where events were measured to them or articles named them */
    var outlines = { type: 'FeatureCollection', features: data.countries.features.filter(
      function (f) { return f.properties.d === 1; }) };
    L.geoJSON(outlines, {
      pane: 'gm-outline', interactive: false, renderer: outlineCanvas,
      style: function () { return { color: '#555', weight: 1, fill: false }; }
    }).addTo(groups.borders);
    var nBorders = 0;
    var borderLabels = [];
    var labelGroup = L.layerGroup().addTo(groups.borders);
    /* border names only where few are in view, so a world view is not buried in labels */
    function showBorderLabels() {
      var view = map.getBounds();
      var inView = borderLabels.filter(function (t) { return view.contains(t.getLatLng()); });
      labelGroup.clearLayers();
      if (inView.length <= (opts.borderLabelsMax || 12)) {
        inView.forEach(function (t) { labelGroup.addLayer(t); });
      }
      registry.counts.borderLabels = labelGroup.getLayers().length;
    }
    data.borders.forEach(function (b) {
      var style = b.v === 2 ? { color: '#b10026', weight: 5, opacity: 0.9 }
        : b.v === 1 ? { color: '#e31a1c', weight: 3.5, opacity: 0.85 }
          : { color: '#444', weight: 1.6, opacity: 0.8 };
      style.pane = 'gm-outline';
      style.renderer = outlineCanvas;
      var layer = L.geoJSON(b.g, { style: function () { return style; } });
      var tip = b.l + (b.v === 2 ? ' (named in an article)' : '') +
        (b.n ? ' \u00b7 ' + b.n + ' distance' + (b.n > 1 ? 's' : '') + ' measured' : '');
      layer.bindTooltip(textSpan(tip), { sticky: true });
      layer.addTo(groups.borders);
      if (b.at) {
        borderLabels.push(L.tooltip({ permanent: true, direction: 'center', interactive: false,
          className: 'gm-border-label' + (b.v === 2 ? ' gm-named' : '') })
          .setLatLng(b.at).setContent(textSpan(b.l)));
      }
      nBorders++;
    });

    mark('borders');

    /* events: one circle marker each, clustered when there are many */
    var events = data.events;
    var types = data.types;
    var many = events.length > (opts.clusterAbove || 150);
    var cluster = many && typeof L.markerClusterGroup === 'function';
    /* many vector shapes draw far faster on one canvas than as thousands of SVG nodes */
    var bulk = many ? L.canvas({ padding: 0.3 }) : undefined;
    var container = cluster ? L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      spiderfyOnMaxZoom: true, disableClusteringAtZoom: 12
    }) : L.featureGroup();
    container.addTo(groups.events);
    /* one table row; `value` is text, an array of text lines (shown one per line), or an
       array of [text, named] lines (borders: "named" adds a bold note) */
    function row(table, label, value) {
      var tr = el('tr', '', table);
      textEl('th', '', label, tr);
      var td = el('td', '', tr);
      if (!Array.isArray(value)) { return addText(td, value); }
      value.forEach(function (line, k) {
        if (k) { el('br', '', td); }
        if (Array.isArray(line)) {
          addText(td, line[0]);
          if (line[1]) {
            addText(td, ' ');
            textEl('b', '', '(named in the article)', td);
          }
        } else {
          addText(td, line);
        }
      });
      return td;
    }
    function popupBox(title) {
      var box = el('div', 'gm-popup');
      textEl('div', 'gm-title', title, box);
      return box;
    }
    function popupOf(layer) {
      var e = events[layer.gmIndex];
      var art = data.articles[e.a] || { t: '' };
      var t = types[e.t] || { n: '?' };
      var box = popupBox(art.t);
      var table = el('table', 'gm-table', box);
      row(table, 'Date', (e.d || 'unknown') + (e.w ? ' (' + e.w + ')' : ''));
      row(table, 'Type', t.n + (e.s ? ' / ' + e.s : '') + (e.m ? '' : ' (background)'));
      row(table, 'Fatalities', (e.f === null ? 'not reported' : e.f + ' killed') +
        (e.c ? ', ' + e.c : ''));
      row(table, 'Location', [e.n, e.lat.toFixed(4) + ', ' + e.lon.toFixed(4)]);
      row(table, 'Precision', e.p + ' \u2013 ' + (data.precision[e.p] || '?') + '; \u00b1\u00a0' +
        Math.round(e.k) + '\u00a0km (' + e.g + ')');
      (e.x || []).forEach(function (r) { row(table, r[0], r[1]); });
      row(table, 'Event', e.i);
      textEl('blockquote', 'gm-evidence', e.v, box);
      if (art.l || art.u) {
        linkOrText(textEl('div', 'gm-source', 'Source: ', box), art.l || art.u);
      }
      return box;
    }
    function tooltipOf(layer) {
      var e = events[layer.gmIndex];
      return textSpan((types[e.t] || { n: '?' }).n + (e.d ? ' \u00b7 ' + e.d : '') +
        (e.f !== null ? ' \u00b7 ' + e.f + ' killed' : '') + ' \u00b7 ' + e.n);
    }
    var markers = new Array(events.length);
    var circles = new Array(events.length);
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      var colour = (types[e.t] || { c: '#666' }).c;
      var m = L.circleMarker([e.lat, e.lon], {
        pane: 'gm-events', radius: e.r, color: '#1a1a1a', weight: e.m ? 1.5 : 1,
        dashArray: e.m ? null : '3 2', fillColor: colour, fillOpacity: e.m ? 0.9 : 0.5
      });
      m.gmIndex = i;
      m.bindPopup(popupOf, { maxWidth: 380, minWidth: 260, className: 'gm-event-popup' });
      m.bindTooltip(tooltipOf, { direction: 'top' });
      markers[i] = m;
    }
    function circleOf(k) {
      var e = events[k];
      if (!(e.u > 0)) { return null; }
      if (!circles[k]) {
        var colour = (types[e.t] || { c: '#666' }).c;
        circles[k] = L.circle([e.lat, e.lon], {
          pane: 'gm-uncertainty', radius: e.u, color: colour, weight: 1, dashArray: '4 3',
          fillColor: colour, fillOpacity: 0.08, interactive: false, renderer: bulk
        });
      }
      return circles[k];
    }
    mark('events');

    /* distances: event -> anchor and event -> nearest border point, labelled in km.
       Lines (and uncertainty circles) are made when first needed: with many events only
       those in view are drawn, once few enough are in view. */
    var linesOf = new Array(events.length);
    data.lines.forEach(function (ln) { (linesOf[ln.e] = linesOf[ln.e] || []).push(ln); });
    var labelled = data.lines.length <= (opts.labelLinesUpTo || 300);
    function lineOf(ln) {
      if (ln.layer) { return ln.layer; }
      var ev = events[ln.e];
      var tip = ln.k === 'a' ? ln.l + ' from ' + ln.w + ' (anchor)'
        : ln.l + ' to the ' + ln.w + ' border' + (ln.k === 'n' ? ' (named in the article)' : '');
      var style = ln.k === 'a' ? { color: '#08519c', weight: 2.5, dashArray: '8 5' }
        : { color: ln.k === 'n' ? '#b10026' : '#e31a1c', weight: 2, dashArray: '2 5' };
      style.pane = 'gm-lines';
      style.renderer = bulk;
      var line = L.polyline([[ev.lat, ev.lon], ln.to], style);
      if (labelled) {
        line.bindPopup(textSpan(tip));
        if (ln.k === 'a') {
          line.bindTooltip(textSpan(ln.l), { permanent: true, direction: 'top', offset: [0, -3],
            className: 'gm-distance-label' });
        } else {
          /* beyond the border end of the line, so a short line does not hide its event */
          line.gmLabel = L.tooltip({ permanent: true, interactive: false,
            direction: ln.to[1] < ev.lon ? 'left' : 'right',
            className: 'gm-distance-label gm-border-distance' }).setLatLng(ln.to)
            .setContent(textSpan(ln.l));
        }
      } else {
        line.bindTooltip(textSpan(tip), { sticky: true });
      }
      ln.layer = line;
      return line;
    }
    var anchorGroup = L.featureGroup().addTo(groups.distances);
    data.anchors.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], {
        pane: 'gm-lines', radius: 4, color: '#08519c', weight: 2, fillColor: '#fff',
        fillOpacity: 1, renderer: bulk
      }).bindTooltip(textSpan(labelled ? a.nm : 'Anchor: ' + a.nm), labelled ? {
        permanent: true, direction: 'right', offset: [4, 0], className: 'gm-anchor-label'
      } : {}).addTo(anchorGroup);
    });
    var distanceGroup = L.featureGroup().addTo(groups.distances);
    var circleGroup = L.featureGroup().addTo(groups.uncertainty);
    mark('distances');

    /* mentions: every resolved place mention, grey-rimmed, fuller when more confident */
    var mentions = data.mentions;
    function mentionPopup(layer) {
      var p = mentions[layer.gmIndex];
      var box = popupBox(p.n);
      var table = el('table', 'gm-table', box);
      row(table, 'Place', [p.w, p.lat.toFixed(4) + ', ' + p.lon.toFixed(4)]);
      row(table, 'Mentions', p.c + ': ' + p.x);
      row(table, 'Confidence', p.q.toFixed(2) + ' (best); ' + p.r);
      return box;
    }
    function mentionTip(layer) {
      var p = mentions[layer.gmIndex];
      return textSpan(p.n + ' \u00b7 ' + p.c + ' mention' + (p.c === 1 ? '' : 's') +
        ' \u00b7 confidence ' + p.q.toFixed(2));
    }
    for (var j = 0; j < mentions.length; j++) {
      var p = mentions[j];
      var mm = L.circleMarker([p.lat, p.lon], {
        pane: 'gm-mentions', radius: 4, color: '#4d4d4d', weight: 1.5, fillColor: '#ffffff',
        fillOpacity: 0.35 + 0.6 * p.q, renderer: bulk
      });
      mm.gmIndex = j;
      mm.bindTooltip(mentionTip).bindPopup(mentionPopup).addTo(groups.mentions);
    }
    mark('mentions');

    /* apply a date window to events, and draw the circles and lines of the kept events */
    var keep = [];
    var detailMax = opts.detailMax || 1500;
    function showDetail() {
      circleGroup.clearLayers();
      distanceGroup.clearLayers();
      var view = many ? map.getBounds().pad(0.3) : null;
      var chosen = [];
      for (var k = 0; k < events.length; k++) {
        if (keep[k] && (!view || view.contains([events[k].lat, events[k].lon]))) { chosen.push(k); }
      }
      registry.detailHidden = chosen.length > detailMax;
      if (registry.detailHidden) {
        chosen = [];
        groups.distances.removeLayer(anchorGroup);
      } else if (!groups.distances.hasLayer(anchorGroup)) {
        groups.distances.addLayer(anchorGroup);
      }
      chosen.forEach(function (k) {
        var c = circleOf(k);
        if (c) { circleGroup.addLayer(c); }
        (linesOf[k] || []).forEach(function (ln) {
          var line = lineOf(ln);
          distanceGroup.addLayer(line);
          if (line.gmLabel) { distanceGroup.addLayer(line.gmLabel); }
        });
      });
      registry.counts.shownDetail = chosen.length;
      if (hint) { hint.style.display = registry.detailHidden ? 'block' : 'none'; }
    }
    function show(first, last, undated) {
      var ms = [];
      for (var k = 0; k < events.length; k++) {
        var d = events[k].d;
        keep[k] = d === null ? undated : (first === null || (d >= first && d <= last));
        if (keep[k]) { ms.push(markers[k]); }
      }
      container.clearLayers();
      if (cluster) { container.addLayers(ms); } else { ms.forEach(function (x) { container.addLayer(x); }); }
      registry.counts.shownEvents = ms.length;
      if (registry.ready || !many) { showDetail(); }
    }
    var hint = null;
    show(null, null, true);
    mark('shown');

    var dates = [];
    var seen = {};
    events.forEach(function (e) { if (e.d && !seen[e.d]) { seen[e.d] = 1; dates.push(e.d); } });
    dates.sort();
    if (dates.length > 1) {
      registry.filter = dateFilterControl(dates, show).addTo(map);
    }

    registry.counts.events = events.length;
    registry.counts.uncertainty = events.filter(function (e) { return e.u > 0; }).length;
    registry.counts.distances = data.lines.length;
    registry.counts.mentions = data.mentions.length;
    registry.counts.borders = nBorders;
    registry.counts.countries = data.countries.features.length;
    registry.counts.cities = (data.cities || []).length;
    registry.markers = markers;
    registry.clustered = cluster;
    registry.dates = dates;
    registry.show = show;

    new Fullscreen().addTo(map);
    registry.measure = new Measure().addTo(map);
    var legend = legendControl(data, registry.counts).addTo(map);
    hint = el('div', 'gm-hint', legend.getContainer());
    hint.textContent = 'Zoom in to see distances and uncertainty circles';
    hint.style.display = 'none';
    var title = el('div', 'gm-map-title', map.getContainer());
    title.textContent = data.title;
    stop(title);

    if (data.bounds) {
      map.fitBounds(data.bounds, { padding: [30, 30], maxZoom: 9 });
    } else {
      map.setView([25, 15], 2);
    }
    registry.ready = true;
    showBorderLabels();
    map.on('moveend', showBorderLabels);
    zoomClass();
    if (many) {
      showDetail();
      map.on('moveend', showDetail);
    }
    mark('done');
    registry.renderMs = performance.now() - t0;
    return registry;
  };
}());
