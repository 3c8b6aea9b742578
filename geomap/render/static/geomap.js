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

  /* blob: URLs this page made for a download (never taken from the data) */
  var ownBlobs = Object.create(null);

  /* point a link at a checked URL: a web URL, or a download this page made; false otherwise */
  function setLink(a, value) {
    var href = webUrl(value);
    if (href === null && typeof value === 'string' && ownBlobs[value] === true) { href = value; }
    if (href === null) { return false; }
    a.setAttribute('href', href);
    return true;
  }

  /* a link for a web URL, plain text for anything else */
  function linkOrText(parent, value) {
    if (webUrl(value) === null) { return addText(parent, value); }
    var a = textEl('a', '', value, parent);
    setLink(a, value);
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
    svg('path', { d: 'M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5', fill: 'none', stroke: '@icon@',
      'stroke-width': 2 }, icon);
  }

  function iconMeasure(parent) {
    var icon = svg('svg', { width: 18, height: 18, viewBox: '0 0 18 18', 'aria-hidden': 'true' },
      parent);
    var g = svg('g', { transform: 'rotate(-45 9 9)' }, icon);
    svg('rect', { x: 0.5, y: 6, width: 17, height: 6, fill: '@icon_fill@', stroke: '@icon@' }, g);
    svg('path', { d: 'M3 6v3M6 6v2M9 6v3M12 6v2M15 6v3', stroke: '@icon@' }, g);
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
      this._line = L.polyline([], { color: '@measure@', weight: 2, dashArray: '6 4', interactive: false })
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
      L.circleMarker(ev.latlng, { radius: 3, color: '@measure@', weight: 1, fillOpacity: 1, interactive: false })
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

  /* ---- tuned numbers (opts may override them; tests do) ---- */
  var DEFAULTS = {
    svgUpTo: 300,         /* up to this many events, markers are SVG elements (clickable, testable);
                             above, one canvas draws them (thousands of SVG nodes pan at a few fps) */
    clusterRadius: 80,    /* supercluster radius in its 512-px tile units: 40 screen px */
    clusterMaxZoom: 16,   /* above this zoom every event is drawn on its own (stacks spiderfy) */
    spiderMax: 300,       /* most events a spiderfied stack spreads out */
    pageRows: 100,        /* events table rows per page */
    detailZoom: 7,        /* opt-in distance lines and uncertainty discs only from this zoom on */
    detailMax: 400,       /* ... and only while this few events are in view */
    selectZoom: 8,        /* a table row click zooms to at least this */
    borderLabelsMax: 12,  /* border names only where few are in view */
    labelGapX: 150,       /* a border name is left out when one more important is this close */
    labelGapY: 24,        /* ... (px across and up or down) */
    textDelayMs: 250,     /* typing in a text box filters after this pause */
    timelineTrimFrom: 50, /* from this many dated events the timeline starts at the 1st percentile */
    legendOpenFromPx: 760 /* the legend starts open on maps at least this tall (the panel lists the types too) */
  };

  /* canvases reach this share of the view beyond each edge (Leaflet's default): 0.3 drew
     2.56x the view's pixels on every pan end and panned at about half the frame rate */
  var CANVAS_PADDING = 0.1;

  function option(opts, key) { return opts[key] !== undefined ? opts[key] : DEFAULTS[key]; }

  function fmtInt(n) { return Number(n).toLocaleString('en-US'); }

  function dayNumber(iso) {
    return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5);
  }

  function isoOfDay(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }

  /* ---- the analyst's map ---- */
  window.geomapRender = function (map, data, groups, opts) {
    var t0 = performance.now();
    opts = opts || {};
    /* no tile layer sets these on the offline base */
    map.options.minZoom = 1;
    map.options.maxZoom = 18;
    var registry = window.geomap = {
      map: map, layers: groups, counts: {}, ready: false, timings: {}
    };
    function mark(name) { registry.timings[name] = Math.round(performance.now() - t0); }
    registry.timings.start = Math.round(t0);
    var panes = [['gm-land', 250], ['gm-outline', 390], ['gm-uncertainty', 395],
      ['gm-lines', 405], ['gm-border-labels', 408], ['gm-mentions', 410], ['gm-events', 420],
      ['gm-selection', 430]];
    panes.forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
    L.Icon.Default.imagePath = '';
    if (opts.icons) { L.Icon.Default.mergeOptions(opts.icons); }

    var events = data.events;
    var types = data.types;
    var N = events.length;
    var nTypes = types.length;

    /* ---- page layout: map, side panel (filters, summary, export), dock (timeline, table) ---- */
    document.body.classList.add('gm-app');
    map.getContainer().classList.add('gm-map');
    var side = el('div', 'gm-side', document.body);
    side.id = 'geomap-panel';
    stop(side);
    var dock = el('div', 'gm-dock', document.body);
    dock.id = 'geomap-dock';
    var timelineBox = el('div', 'gm-timeline', dock);
    timelineBox.id = 'geomap-timeline';
    var tableWrap = el('div', 'gm-table-wrap', dock);
    map.invalidateSize();

    /* ---- base: land and country polygons from our own data, on canvases ---- */
    var landCanvas = L.canvas({ pane: 'gm-land', padding: CANVAS_PADDING });
    var outlineCanvas = L.canvas({ pane: 'gm-outline', padding: CANVAS_PADDING });
    L.geoJSON(data.countries, {
      pane: 'gm-land', interactive: false, renderer: landCanvas,
      style: function () {
        return { color: '@land_edge@', weight: 0.7, fillColor: '@land@', fillOpacity: 1 };
      }
    }).addTo(groups.base);
    /* names of the countries with events (and, on small maps, their neighbours), capitals and
       big towns: dots on a canvas, their labels made only for what is in view at a zoom where
       they fit (hundreds of permanent labels would slow every pan) */
    var labelSpots = [];
    data.countries.features.forEach(function (f) {
      if (f.properties.lp) {
        labelSpots.push({ ll: L.latLng(f.properties.lp), text: f.properties.n, minZoom: 3,
          options: { permanent: true, direction: 'center', interactive: false,
            className: 'gm-country-label' } });
      }
    });
    (data.cities || []).forEach(function (c) {
      L.circleMarker([c.lat, c.lon], {
        pane: 'gm-outline', renderer: outlineCanvas, interactive: false, radius: c.c ? 3.5 : 2.5,
        color: '@city@', weight: c.c ? 1.5 : 1, fillColor: c.c ? '@capital_fill@' : '@city@', fillOpacity: 1
      }).addTo(groups.base);
      labelSpots.push({ ll: L.latLng(c.lat, c.lon), text: c.n, minZoom: c.c ? 3 : 5,
        options: { permanent: true, direction: 'right', offset: [3, 0], interactive: false,
          className: 'gm-city-label' + (c.c ? ' gm-capital' : '') } });
    });
    var placeLabels = L.layerGroup().addTo(groups.base);
    function showPlaceLabels() {
      var view = map.getBounds().pad(0.1);
      var z = map.getZoom();
      var n = 0;
      labelSpots.forEach(function (spot) {
        var want = z >= spot.minZoom && view.contains(spot.ll);
        if (want && !spot.tip) {
          spot.tip = L.tooltip(spot.options).setLatLng(spot.ll).setContent(textSpan(spot.text));
        }
        if (want && !placeLabels.hasLayer(spot.tip)) { placeLabels.addLayer(spot.tip); }
        if (!want && spot.tip && placeLabels.hasLayer(spot.tip)) { placeLabels.removeLayer(spot.tip); }
        if (want) { n++; }
      });
      registry.counts.placeLabels = n;
    }
    function zoomClass() {
      var z = map.getZoom();
      var box = map.getContainer();
      L.DomUtil[z < 3 ? 'addClass' : 'removeClass'](box, 'gm-world-zoom');
      L.DomUtil[z < 5 ? 'addClass' : 'removeClass'](box, 'gm-low-zoom');
    }
    map.on('zoomend', zoomClass);
    mark('land');

    /* ---- borders: outlines around the events, land borders highlighted where measured ---- */
    var outlines = { type: 'FeatureCollection', features: data.countries.features.filter(
      function (f) { return f.properties.d === 1; }) };
    L.geoJSON(outlines, {
      pane: 'gm-outline', interactive: false, renderer: outlineCanvas,
      style: function () { return { color: '@country_outline@', weight: 1, fill: false }; }
    }).addTo(groups.borders);
    var nBorders = 0;
    var borderLabels = [];
    var labelGroup = L.layerGroup().addTo(groups.borders);
    /* border names only where few are in view, the most important first, none on another */
    function showBorderLabels() {
      var view = map.getBounds();
      var inView = borderLabels.filter(function (t) { return view.contains(t.getLatLng()); });
      labelGroup.clearLayers();
      if (inView.length > option(opts, 'borderLabelsMax')) {
        registry.counts.borderLabels = 0;
        return;
      }
      inView.sort(function (a, b) { return b.gmRank - a.gmRank; });
      var placed = [];
      inView.forEach(function (t) {
        var at = map.latLngToContainerPoint(t.getLatLng());
        var clash = placed.some(function (q) {
          return Math.abs(q.x - at.x) < option(opts, 'labelGapX') &&
            Math.abs(q.y - at.y) < option(opts, 'labelGapY');
        });
        if (!clash) {
          placed.push(at);
          labelGroup.addLayer(t);
        }
      });
      registry.counts.borderLabels = placed.length;
    }
    data.borders.forEach(function (b) {
      var style = b.v === 2 ? { color: '@border_named@', weight: 5, opacity: 0.9 }
        : b.v === 1 ? { color: '@border_measured@', weight: 3.5, opacity: 0.85 }
          : { color: '@border@', weight: 1.6, opacity: 0.8 };
      style.pane = 'gm-outline';
      style.renderer = outlineCanvas;
      var layer = L.geoJSON(b.g, { style: function () { return style; } });
      var tip = b.l + (b.v === 2 ? ' (named in an article)' : '') +
        (b.n ? ' \u00b7 ' + b.n + ' distance' + (b.n > 1 ? 's' : '') + ' measured' : '');
      layer.bindTooltip(textSpan(tip), { sticky: true });
      layer.addTo(groups.borders);
      if (b.at) {
        var label = L.tooltip({ permanent: true, direction: 'center', interactive: false,
          pane: 'gm-border-labels', className: 'gm-border-label' + (b.v === 2 ? ' gm-named' : '')
        }).setLatLng(b.at).setContent(textSpan(b.l));
        label.gmRank = b.v * 1e6 + b.n;
        borderLabels.push(label);
      }
      nBorders++;
    });
    mark('borders');

    /* ---- event popups and tooltips: elements with text, never HTML strings ---- */
    function colourOf(e) { return (types[e.t] || { c: '@unknown_type@' }).c; }
    function typeName(e) { return (types[e.t] || { n: '?' }).n; }
    function locName(e) { return e.nl !== undefined ? e.n.slice(0, e.nl) : e.n; }
    function articleOf(e) { return data.articles[e.a] || { t: '' }; }
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
      var art = articleOf(e);
      var box = popupBox(art.t);
      var table = el('table', 'gm-table', box);
      row(table, 'Date', (e.d || 'unknown') + (e.w ? ' (' + e.w + ')' : ''));
      row(table, 'Type', typeName(e) + (e.s && e.s !== typeName(e) ? ' / ' + e.s : '') +
        (e.m ? '' : ' (background)'));
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
      return textSpan(typeName(e) + (e.d ? ' \u00b7 ' + e.d : '') +
        (e.f !== null ? ' \u00b7 ' + e.f + ' killed' : '') + ' \u00b7 ' + e.n);
    }
    var popupOptions = { maxWidth: 380, minWidth: 260, className: 'gm-event-popup',
      autoPanPaddingTopLeft: [20, 60], autoPanPaddingBottomRight: [60, 20] };

    /* ---- markers: made when first drawn or asked for (registry.markers[i]) ---- */
    var bulk = L.canvas({ pane: 'gm-events', padding: CANVAS_PADDING });
    var lineCanvas = L.canvas({ pane: 'gm-lines', padding: CANVAS_PADDING });
    var markerRenderer = N <= option(opts, 'svgUpTo') ? undefined : bulk;
    var pointLayer = L.featureGroup().addTo(groups.events);
    var clusterLayer = L.layerGroup().addTo(groups.events);
    var spiderLayer = L.layerGroup().addTo(groups.events);
    var shownPoints = Object.create(null);
    var pinned = Object.create(null);
    var markerCache = new Array(N);
    var selected = null;
    /* a marker asked to open its popup or tooltip shows itself even when it sits in a cluster */
    function reveal(m) {
      if (m._map || !map.hasLayer(groups.events)) { return; }
      pinned[m.gmIndex] = true;
      shownPoints[m.gmIndex] = true;
      pointLayer.addLayer(m);
    }
    var GmMarker = L.CircleMarker.extend({
      openPopup: function () {
        reveal(this);
        return L.CircleMarker.prototype.openPopup.apply(this, arguments);
      },
      openTooltip: function () {
        reveal(this);
        return L.CircleMarker.prototype.openTooltip.apply(this, arguments);
      }
    });
    function markerOf(i) {
      var m = markerCache[i];
      if (m) { return m; }
      var e = events[i];
      m = new GmMarker([e.lat, e.lon], {
        pane: 'gm-events', renderer: markerRenderer, radius: e.r, color: '@event_edge@',
        weight: e.m ? 1.5 : 1, dashArray: e.m ? null : '3 2', fillColor: colourOf(e),
        fillOpacity: e.m ? 0.9 : 0.5
      });
      m.gmIndex = i;
      m.bindPopup(popupOf, popupOptions);
      m.bindTooltip(tooltipOf, { direction: 'top' });
      m.on('popupopen', function () { select(i); });
      m.on('popupclose', function () {
        delete pinned[i];
        if (selected === i) { unselect(); }
      });
      m.on('tooltipclose', function () { if (selected !== i) { delete pinned[i]; } });
      markerCache[i] = m;
      return m;
    }
    function isIndex(prop) { return typeof prop === 'string' && /^[0-9]+$/.test(prop); }
    /* markers[i] is event i's marker (made on first use), so 100,000 events need no
       100,000 Leaflet layers up front */
    registry.markers = new Proxy([], {
      get: function (target, prop) {
        if (prop === 'length') { return N; }
        if (isIndex(prop)) { return +prop < N ? markerOf(+prop) : undefined; }
        return Reflect.get(target, prop);
      },
      has: function (target, prop) {
        return isIndex(prop) ? +prop < N : Reflect.has(target, prop);
      }
    });
    mark('events');

    /* ---- distances and uncertainty: for the selected event, or opted in at close zoom ---- */
    var linesOf = new Array(N);
    data.lines.forEach(function (ln) { (linesOf[ln.e] = linesOf[ln.e] || []).push(ln); });
    function circleOf(k) {
      var e = events[k];
      if (!(e.u > 0)) { return null; }
      var colour = colourOf(e);
      return L.circle([e.lat, e.lon], {
        pane: 'gm-uncertainty', radius: e.u, color: colour, weight: 1, dashArray: '4 3',
        fillColor: colour, fillOpacity: 0.08, interactive: false, renderer: lineCanvas
      });
    }
    /* a distance line with its km label (a permanent tooltip, or a label at the border end) */
    function lineOf(ln, pane) {
      var ev = events[ln.e];
      var tip = ln.k === 'a' ? ln.l + ' from ' + ln.w + ' (anchor)'
        : ln.l + ' to the ' + ln.w + ' border' + (ln.k === 'n' ? ' (named in the article)' : '');
      var style = ln.k === 'a' ? { color: '@anchor@', weight: 2.5, dashArray: '8 5' }
        : { color: ln.k === 'n' ? '@border_named@' : '@border_measured@', weight: 2, dashArray: '2 5' };
      style.pane = pane;
      var line = L.polyline([[ev.lat, ev.lon], ln.to], style);
      line.bindPopup(textSpan(tip));
      var parts = [line];
      if (ln.k === 'a') {
        line.bindTooltip(textSpan(ln.l), { permanent: true, direction: 'top', offset: [0, -3],
          className: 'gm-distance-label' });
        parts.push(L.circleMarker(ln.to, {
          pane: pane, radius: 4, color: '@anchor@', weight: 2, fillColor: '@anchor_fill@', fillOpacity: 1
        }).bindTooltip(textSpan(ln.w), {
          permanent: true, direction: 'right', offset: [4, 0], className: 'gm-anchor-label'
        }));
      } else {
        /* beyond the border end of the line, so a short line does not hide its event */
        parts.push(L.tooltip({ permanent: true, interactive: false,
          direction: ln.to[1] < ev.lon ? 'left' : 'right',
          className: 'gm-distance-label gm-border-distance' }).setLatLng(ln.to)
          .setContent(textSpan(ln.l)));
      }
      return parts;
    }
    var selectionLayer = L.layerGroup().addTo(map);
    var circleGroup = L.featureGroup().addTo(groups.uncertainty);
    var distanceGroup = L.featureGroup().addTo(groups.distances);
    function select(i) {
      selected = i;
      pinned[i] = true;
      selectionLayer.clearLayers();
      var c = circleOf(i);
      if (c) { c.options.pane = 'gm-selection'; selectionLayer.addLayer(c); }
      (linesOf[i] || []).forEach(function (ln) {
        lineOf(ln, 'gm-selection').forEach(function (p) { selectionLayer.addLayer(p); });
      });
      registry.counts.selectedDetail = selectionLayer.getLayers().length;
      highlightRow(i);
    }
    function unselect() {
      selected = null;
      selectionLayer.clearLayers();
      registry.counts.selectedDetail = 0;
      highlightRow(null);
    }
    var hint = null;
    function showDetail() {
      circleGroup.clearLayers();
      distanceGroup.clearLayers();
      var wantLines = map.hasLayer(groups.distances);
      var wantCircles = map.hasLayer(groups.uncertainty);
      var chosen = [];
      var tooFar = map.getZoom() < option(opts, 'detailZoom');
      if ((wantLines || wantCircles) && !tooFar) {
        var view = map.getBounds().pad(0.2);
        for (var k = 0; k < visibleList.length; k++) {
          var e = events[visibleList[k]];
          if (view.contains([e.lat, e.lon])) { chosen.push(visibleList[k]); }
        }
      }
      registry.detailHidden = (wantLines || wantCircles) &&
        (tooFar || chosen.length > option(opts, 'detailMax'));
      if (registry.detailHidden) { chosen = []; }
      chosen.forEach(function (k) {
        if (wantCircles) {
          var c = circleOf(k);
          if (c) { circleGroup.addLayer(c); }
        }
        if (wantLines) {
          (linesOf[k] || []).forEach(function (ln) {
            lineOf(ln, 'gm-lines').forEach(function (p) { distanceGroup.addLayer(p); });
          });
        }
      });
      registry.counts.shownDetail = chosen.length;
      if (hint) { hint.style.display = registry.detailHidden ? 'block' : 'none'; }
    }
    mark('distances');

    /* ---- mentions: every resolved place mention, grey-rimmed, fuller when more confident ---- */
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
    var mentionCanvas = mentions.length > option(opts, 'svgUpTo') ?
      L.canvas({ pane: 'gm-mentions', padding: CANVAS_PADDING }) : undefined;
    for (var j = 0; j < mentions.length; j++) {
      var p = mentions[j];
      var mm = L.circleMarker([p.lat, p.lon], {
        pane: 'gm-mentions', radius: 4, color: '@mention_edge@', weight: 1.5, fillColor: '@mention_fill@',
        fillOpacity: 0.35 + 0.6 * p.q, renderer: mentionCanvas
      });
      mm.gmIndex = j;
      mm.bindTooltip(mentionTip).bindPopup(mentionPopup, popupOptions).addTo(groups.mentions);
    }
    mark('mentions');

    /* ---- filters: one spec for the page's controls and for window.geomap.filter ---- */
    var visible = new Uint8Array(N);
    var visibleList = [];
    var spec = {};
    var lowCache = new Array(N);
    function lowText(i) {
      var t = lowCache[i];
      if (t === undefined) {
        var e = events[i];
        t = lowCache[i] = (locName(e) + '\n' + (e.v || '')).toLowerCase();
      }
      return t;
    }
    function strings(list, upper) {
      if (!Array.isArray(list)) { return null; }
      var out = list.filter(function (x) { return typeof x === 'string' && x.trim() !== ''; })
        .map(function (x) { return upper ? x.trim().toUpperCase() : x.trim().toLowerCase(); });
      return out.length ? out : null;
    }
    function setOf(list) {
      if (!list) { return null; }
      var out = Object.create(null);
      list.forEach(function (x) { out[x] = true; });
      return out;
    }
    /* the spec's keys that filter, normalised; absent or empty keys do not filter */
    function compile(s) {
      var typeSet = null;
      if (Array.isArray(s.types) && s.types.length) {
        typeSet = Object.create(null);
        types.forEach(function (t, k) { if (s.types.indexOf(t.n) >= 0) { typeSet[k] = true; } });
      }
      var subs = Array.isArray(s.subtypes) && s.subtypes.length ? s.subtypes : null;
      var text = typeof s.text === 'string' && s.text.trim() ? s.text.trim().toLowerCase() : null;
      var date = /^\d{4}-\d{2}-\d{2}$/;
      return {
        types: typeSet,
        subtypes: subs ? setOf(subs) : null,
        countries: setOf(strings(s.countries, true)),
        actors: strings(s.actors, false),
        text: text,
        from: typeof s.from === 'string' && date.test(s.from) ? s.from : null,
        to: typeof s.to === 'string' && date.test(s.to) ? s.to : null,
        main: s.main === true || s.main === false ? s.main : null,
        precision: typeof s.precision === 'number' ? s.precision : null
      };
    }
    function matches(i, c, withDates) {
      var e = events[i];
      if (c.types && !c.types[e.t]) { return false; }
      if (c.subtypes && !c.subtypes[e.s || '']) { return false; }
      if (c.countries && !(e.cc && c.countries[e.cc.toUpperCase()])) { return false; }
      if (c.main !== null && (e.m === 1) !== c.main) { return false; }
      if (c.precision !== null && !(e.p <= c.precision)) { return false; }
      if (withDates && (c.from || c.to)) {
        if (!e.d || (c.from && e.d < c.from) || (c.to && e.d > c.to)) { return false; }
      }
      if (c.actors) {
        var acts = e.ac || [];
        var hit = false;
        for (var a = 0; a < acts.length && !hit; a++) {
          var low = acts[a].toLowerCase();
          for (var b = 0; b < c.actors.length; b++) {
            if (low.indexOf(c.actors[b]) >= 0) { hit = true; break; }
          }
        }
        if (!hit) { return false; }
      }
      if (c.text && lowText(i).indexOf(c.text) < 0) { return false; }
      return true;
    }
    var compiled = compile({});
    function applyFilter(newSpec) {
      spec = {};
      Object.keys(newSpec || {}).forEach(function (k) {
        if (newSpec[k] !== undefined && newSpec[k] !== null) { spec[k] = newSpec[k]; }
      });
      compiled = compile(spec);
      var list = [];
      for (var i = 0; i < N; i++) {
        var ok = matches(i, compiled, true);
        visible[i] = ok ? 1 : 0;
        if (ok) { list.push(i); }
      }
      visibleList = list;
      var first = !registry.ready;
      function step(name) { if (first) { mark(name); } }
      step('filter');
      sortList();
      step('sort');
      rebuildIndex();
      step('cluster index');
      redraw();
      showDetail();
      step('clusters drawn');
      if (selected !== null && !visible[selected]) { map.closePopup(); }
      tablePage = 0;
      renderTable();
      step('table');
      drawTimeline();
      step('timeline drawn');
      renderSummary();
      syncControls();
      registry.counts.shownEvents = list.length;
      return list.length;
    }
    registry.filter = function (s) { return applyFilter(s || {}); };
    registry.count = function () { return { events: N, visible: visibleList.length }; };
    registry.spec = function () { return JSON.parse(JSON.stringify(spec)); };
    registry.visibleIds = function () {
      return visibleList.map(function (i) { return events[i].i; });
    };

    /* ---- clustering (supercluster): counts and the mix of types in the legend's colours ---- */
    var index = null;
    var clusterCache = Object.create(null);
    var maxZoom = option(opts, 'clusterMaxZoom');
    function rebuildIndex() {
      clusterLayer.clearLayers();
      clusterCache = Object.create(null);
      var pts = new Array(visibleList.length);
      for (var k = 0; k < visibleList.length; k++) {
        var e = events[visibleList[k]];
        pts[k] = { type: 'Feature', properties: { i: visibleList[k] },
          geometry: { type: 'Point', coordinates: [e.lon, e.lat] } };
      }
      index = new Supercluster({
        radius: option(opts, 'clusterRadius'), maxZoom: maxZoom, minPoints: 2,
        map: function (props) {
          var e = events[props.i];
          var out = { f: e.f || 0 };
          out['t' + e.t] = 1;
          return out;
        },
        reduce: function (acc, props) {
          Object.keys(props).forEach(function (key) { acc[key] = (acc[key] || 0) + props[key]; });
        }
      });
      index.load(pts);
    }
    function shortCount(n) {
      if (n < 1000) { return String(n); }
      return (n / 1000).toFixed(n < 10000 ? 1 : 0) + 'k';
    }
    /* the ring of a cluster: the share of each type, in the legend's colours, drawn on a small
       canvas (with a CSS conic-gradient per cluster, one run panned at 17.6 frames/s, against
       29.6 with flat-coloured clusters) */
    function drawRing(canvas, size, parts, n) {
      var ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(size * ratio);
      canvas.height = Math.round(size * ratio);
      canvas.style.width = size + 'px';
      canvas.style.height = size + 'px';
      var ctx = canvas.getContext('2d');
      ctx.scale(ratio, ratio);
      var r = size / 2;
      var a = -Math.PI / 2;
      parts.forEach(function (part) {
        var b = a + 2 * Math.PI * part[1] / n;
        ctx.beginPath();
        ctx.moveTo(r, r);
        ctx.arc(r, r, r - 1, a, b);
        ctx.closePath();
        ctx.fillStyle = part[0];
        ctx.fill();
        a = b;
      });
      ctx.beginPath();
      ctx.arc(r, r, r - 1, 0, 2 * Math.PI);
      ctx.lineWidth = 1;
      ctx.strokeStyle = '@cluster_edge@';
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(r, r, r * 0.64, 0, 2 * Math.PI);
      ctx.fillStyle = '@cluster_hole@';
      ctx.fill();
    }
    function clusterMarker(f) {
      var p = f.properties;
      var n = p.point_count;
      var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 42 : 50;
      var box = document.createElement('div');
      box.className = 'gm-cluster';
      box.style.width = size + 'px';
      box.style.height = size + 'px';
      var parts = [];
      var mix = [];
      for (var t = 0; t < nTypes; t++) {
        var c = p['t' + t];
        if (!c) { continue; }
        parts.push([types[t].c, c]);
        mix.push(fmtInt(c) + ' ' + types[t].n);
      }
      drawRing(el('canvas', 'gm-cluster-ring', box), size, parts, n);
      box.dataset.colours = parts.map(function (part) { return part[0]; }).join(' ');
      textEl('span', 'gm-cluster-n', shortCount(n), box);
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var m = L.marker(ll, {
        icon: L.divIcon({ html: box, className: 'gm-cluster-icon', iconSize: [size, size] }),
        pane: 'gm-events', keyboard: false, riseOnHover: true
      });
      m.bindTooltip(textSpan(fmtInt(n) + ' events: ' + mix.join(', ') +
        (p.f ? '; ' + fmtInt(p.f) + ' killed' : '') + ' (click to open)'), { direction: 'top' });
      m.on('click', function () { openCluster(m, p.cluster_id); });
      m.gmCluster = p.cluster_id;
      m.gmCount = n;
      return m;
    }
    function openCluster(m, id) {
      var zoom = index.getClusterExpansionZoom(id);
      if (zoom <= maxZoom && zoom > map.getZoom()) {
        map.setView(m.getLatLng(), zoom);
      } else {
        spiderfy(m, id);
      }
    }
    registry.openCluster = function (k) {
      var cms = clusterLayer.getLayers();
      if (!cms[k]) { return false; }
      openCluster(cms[k], cms[k].gmCluster);
      return true;
    };

    /* stacked events (same place, or still clustered at the closest zoom) spread on a spiral */
    var spider = null;
    function spiderfy(cm, id) {
      unspiderfy();
      var leaves = index.getLeaves(id, option(opts, 'spiderMax'));
      var centre = map.latLngToLayerPoint(cm.getLatLng());
      var n = leaves.length;
      var points = [];
      var k;
      if (n <= 8) {
        var r = 26 + n * 4;
        for (k = 0; k < n; k++) {
          var a = 2 * Math.PI * k / n - Math.PI / 2;
          points.push(centre.add([r * Math.cos(a), r * Math.sin(a)]));
        }
      } else {
        var leg = 14;
        var angle = 0;
        for (k = 0; k < n; k++) {
          angle += 28 / leg + k * 0.0005;
          points.push(centre.add([leg * Math.cos(angle), leg * Math.sin(angle)]));
          leg += 2 * Math.PI * 2.2 / angle;
        }
      }
      spider = { cluster: cm, markers: [] };
      cm.setOpacity(0.35);
      leaves.forEach(function (f, q) {
        var m = markerOf(f.properties.i);
        var to = map.layerPointToLatLng(points[q]);
        L.polyline([cm.getLatLng(), to], { pane: 'gm-events', weight: 1.2, color: '@spider_leg@',
          opacity: 0.6, interactive: false, renderer: markerRenderer }).addTo(spiderLayer);
        if (m._map) { pointLayer.removeLayer(m); delete shownPoints[f.properties.i]; }
        m.gmHome = m.getLatLng();
        m.setLatLng(to);
        spiderLayer.addLayer(m);
        spider.markers.push(m);
      });
      registry.counts.spiderfied = n;
    }
    function unspiderfy() {
      if (!spider) { return; }
      var old = spider;
      spider = null;
      old.markers.forEach(function (m) { m.setLatLng(m.gmHome); });
      spiderLayer.clearLayers();
      old.cluster.setOpacity(1);
      registry.counts.spiderfied = 0;
    }
    registry.unspiderfy = function () { unspiderfy(); redraw(); };
    map.on('zoomstart', unspiderfy);
    map.on('click', function () { if (spider) { unspiderfy(); redraw(); } });

    /* draw the clusters and single events in view */
    function redraw() {
      if (!index) { return; }
      var z = Math.max(0, Math.min(Math.round(map.getZoom()), 20));
      var b = map.getBounds().pad(0.25);
      var west = b.getWest();
      var east = b.getEast();
      var bbox = east - west >= 360 ? [-180, -85, 180, 85]
        : [west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())];
      var items = index.getClusters(bbox, z);
      var next = Object.create(null);
      var clusters = Object.create(null);
      var nc = 0;
      var inClusters = 0;
      items.forEach(function (f) {
        if (f.properties.cluster) {
          /* a cluster id names the same cluster until the index is rebuilt: keep its marker */
          var id = f.properties.cluster_id;
          clusters[id] = clusterCache[id] || clusterMarker(f);
          nc++;
          inClusters += f.properties.point_count;
        } else {
          next[f.properties.i] = true;
        }
      });
      Object.keys(clusterCache).forEach(function (id) {
        if (!clusters[id]) { clusterLayer.removeLayer(clusterCache[id]); }
      });
      Object.keys(clusters).forEach(function (id) {
        if (!clusterCache[id]) { clusterLayer.addLayer(clusters[id]); }
      });
      clusterCache = clusters;
      Object.keys(pinned).forEach(function (k) { if (visible[k]) { next[k] = true; } });
      var inSpider = Object.create(null);
      if (spider) { spider.markers.forEach(function (m) { inSpider[m.gmIndex] = true; }); }
      Object.keys(shownPoints).forEach(function (k) {
        if (!next[k] && !inSpider[k] && markerCache[k]) { pointLayer.removeLayer(markerCache[k]); }
      });
      var shown = Object.create(null);
      Object.keys(next).forEach(function (k) {
        if (inSpider[k]) { return; }
        var m = markerOf(+k);
        if (!pointLayer.hasLayer(m)) { pointLayer.addLayer(m); }
        shown[k] = true;
      });
      shownPoints = shown;
      registry.counts.clusters = nc;
      registry.counts.inClusters = inClusters;
      registry.counts.points = Object.keys(shown).length;
    }
    registry.clustered = true;
    mark('index');

    /* ---- the events table: sortable, paginated, linked both ways to the markers ---- */
    var COLUMNS = [
      ['date', 'Date', function (e) { return e.d || ''; }],
      ['type', 'Type', function (e) { return typeName(e); }],
      ['subtype', 'Sub-type', function (e) { return e.s || ''; }],
      ['location', 'Location', function (e) { return locName(e); }],
      ['country', 'Country', function (e) { return e.cc || ''; }],
      ['fatalities', 'Killed', function (e) { return e.f === null ? -1 : e.f; }],
      ['actors', 'Actors', function (e) { return (e.ac || []).join('; '); }],
      ['precision', 'Prec.', function (e) { return e.p; }],
      ['source', 'Source', function (e) { return articleOf(e).t || ''; }]
    ];
    var sortKey = 'date';
    var sortDir = -1;
    var tablePage = 0;
    var pageRows = option(opts, 'pageRows');
    var pager = el('div', 'gm-pager', tableWrap);
    var prev = textEl('button', 'gm-prev', '\u25c0 previous', pager);
    var pageLabel = textEl('span', 'gm-page-label', '', pager);
    var next = textEl('button', 'gm-next', 'next \u25b6', pager);
    prev.type = next.type = 'button';
    textEl('span', 'gm-muted', ' \u00b7 click a row to show the event; a column head sorts',
      pager);
    var table = el('table', 'gm-events-table', tableWrap);
    table.id = 'geomap-table';
    var thead = el('thead', '', table);
    var headRow = el('tr', '', thead);
    var tbody = el('tbody', '', table);
    var heads = {};
    COLUMNS.forEach(function (col) {
      var th = textEl('th', '', col[1], headRow);
      th.dataset.key = col[0];
      th.title = 'sort by ' + col[1];
      heads[col[0]] = th;
      th.addEventListener('click', function () {
        if (sortKey === col[0]) { sortDir = -sortDir; } else { sortKey = col[0]; sortDir = 1; }
        sortList();
        tablePage = 0;
        renderTable();
      });
    });
    function sortList() {
      var col = COLUMNS.filter(function (c) { return c[0] === sortKey; })[0];
      var keys = new Array(N);
      visibleList.forEach(function (i) { keys[i] = col[2](events[i]); });
      var dir = sortDir;
      visibleList.sort(function (a, b) {
        var x = keys[a];
        var y = keys[b];
        return x < y ? -dir : x > y ? dir : a - b;
      });
      Object.keys(heads).forEach(function (k) {
        heads[k].className = k === sortKey ? (sortDir > 0 ? 'gm-asc' : 'gm-desc') : '';
      });
      registry.sort = { key: sortKey, dir: sortDir };
    }
    registry.sortBy = function (key, dir) {
      sortKey = key;
      sortDir = dir || 1;
      sortList();
      tablePage = 0;
      renderTable();
    };
    function renderTable() {
      var pages = Math.max(1, Math.ceil(visibleList.length / pageRows));
      tablePage = Math.max(0, Math.min(tablePage, pages - 1));
      tbody.textContent = '';
      var first = tablePage * pageRows;
      var last = Math.min(visibleList.length, first + pageRows);
      for (var k = first; k < last; k++) {
        var i = visibleList[k];
        var e = events[i];
        var tr = el('tr', i === selected ? 'gm-selected' : '', tbody);
        tr.dataset.i = i;
        COLUMNS.forEach(function (col) {
          var v = col[0] === 'fatalities' ? (e.f === null ? '' : e.f) : col[2](e);
          var td = textEl('td', 'gm-col-' + col[0], v, tr);
          if (col[0] === 'type') { el('span', 'gm-dot', td).style.background = colourOf(e); }
          if (col[0] === 'type') { td.insertBefore(td.lastChild, td.firstChild); }
        });
      }
      table.dataset.visible = visibleList.length;
      table.dataset.page = tablePage;
      pageLabel.textContent = visibleList.length ?
        ' ' + fmtInt(first + 1) + '\u2013' + fmtInt(last) + ' of ' + fmtInt(visibleList.length) +
        ' events ' : ' no events match ';
      prev.disabled = tablePage === 0;
      next.disabled = tablePage >= pages - 1;
    }
    prev.addEventListener('click', function () { tablePage--; renderTable(); });
    next.addEventListener('click', function () { tablePage++; renderTable(); });
    tbody.addEventListener('click', function (ev) {
      var tr = ev.target.closest('tr');
      if (tr && tr.dataset.i !== undefined) { registry.select(+tr.dataset.i); }
    });
    registry.page = function (k) { tablePage = k; renderTable(); return tablePage; };
    function highlightRow(i) {
      var old = tbody.querySelectorAll('tr.gm-selected');
      for (var q = 0; q < old.length; q++) { old[q].className = ''; }
      if (i === null || !visible[i]) { return; }
      var pos = visibleList.indexOf(i);
      var page = Math.floor(pos / pageRows);
      if (page !== tablePage) { tablePage = page; renderTable(); }
      var tr = tbody.querySelector('tr[data-i="' + i + '"]');
      if (tr) {
        tr.className = 'gm-selected';
        if (tr.scrollIntoView) { tr.scrollIntoView({ block: 'nearest' }); }
      }
    }
    /* show an event: zoom to it and open its popup (the table's rows do this) */
    registry.select = function (i) {
      var e = events[i];
      if (!e) { return null; }
      unspiderfy();
      map.setView([e.lat, e.lon], Math.max(map.getZoom(), option(opts, 'selectZoom')),
        { animate: false });
      var m = markerOf(i);
      m.openPopup();
      return m;
    };
    registry.selected = function () { return selected; };

    /* ---- the timeline: events stacked by type and fatalities per period; drag to brush ---- */
    var dayOf = new Int32Array(N);
    var days = [];
    for (var q = 0; q < N; q++) {
      if (events[q].d) {
        dayOf[q] = dayNumber(events[q].d);
        days.push(dayOf[q]);
      }
    }
    days.sort(function (a, b) { return a - b; });
    /* the axis starts at the first percentile of the dates once there are many: a story
       recalling 1976 must not squeeze years of events into a few bars */
    var firstDay = days.length ? days[days.length >= option(opts, 'timelineTrimFrom') ?
      Math.floor(days.length * 0.01) : 0] : Infinity;
    var lastDay = days.length ? days[days.length - 1] : -Infinity;
    var span = lastDay - firstDay;
    var unit = span <= 150 ? 'day' : span <= 3 * 366 ? 'week' : span <= 40 * 366 ? 'month' : 'year';
    function binOf(day) {
      if (unit === 'day') { return day - firstDay; }
      if (unit === 'week') { return Math.floor((day - firstDay) / 7); }
      var a = new Date(firstDay * 864e5);
      var b = new Date(day * 864e5);
      var months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
      return unit === 'month' ? months : b.getUTCFullYear() - a.getUTCFullYear();
    }
    function binStart(k) {
      if (unit === 'day') { return isoOfDay(firstDay + k); }
      if (unit === 'week') { return isoOfDay(firstDay + 7 * k); }
      var a = new Date(firstDay * 864e5);
      if (unit === 'month') {
        return new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + k, 1)).toISOString().slice(0, 10);
      }
      return (a.getUTCFullYear() + k) + '-01-01';
    }
    function binEnd(k) {
      if (unit === 'day') { return binStart(k); }
      if (unit === 'week') { return isoOfDay(firstDay + 7 * k + 6); }
      return isoOfDay(dayNumber(binStart(k + 1)) - 1);
    }
    var nBins = N && isFinite(span) ? binOf(lastDay) + 1 : 0;
    var binIndex = new Int32Array(N);
    for (q = 0; q < N; q++) {
      binIndex[q] = !events[q].d ? -1 : dayOf[q] < firstDay ? -2 : binOf(dayOf[q]);
    }
    var SVG_H = 104;
    var PAD = { l: 44, r: 52, t: 10, b: 20 };
    var timelineSvg = null;
    var brushDrag = null;
    function drawTimeline() {
      timelineBox.textContent = '';
      if (!nBins) {
        textEl('div', 'gm-muted gm-timeline-empty', 'No dated events: no timeline.', timelineBox);
        return;
      }
      var counts = new Array(nBins * nTypes).fill(0);
      var killed = new Array(nBins).fill(0);
      var undated = 0;
      var earlier = 0;
      for (var i = 0; i < N; i++) {
        if (!matches(i, compiled, false)) { continue; }
        var k = binIndex[i];
        if (k === -2) { earlier++; continue; }
        if (k < 0) { undated++; continue; }
        counts[k * nTypes + events[i].t]++;
        killed[k] += events[i].f || 0;
      }
      var totals = new Array(nBins).fill(0);
      for (var b = 0; b < nBins; b++) {
        for (var t = 0; t < nTypes; t++) { totals[b] += counts[b * nTypes + t]; }
      }
      var maxCount = Math.max(1, Math.max.apply(null, totals));
      var maxKilled = Math.max(0, Math.max.apply(null, killed));
      var W = Math.max(300, timelineBox.clientWidth || 600);
      var plotW = W - PAD.l - PAD.r;
      var plotH = SVG_H - PAD.t - PAD.b;
      var bw = plotW / nBins;
      var root = svg('svg', { width: W, height: SVG_H, class: 'gm-timeline-svg',
        role: 'img' }, timelineBox);
      timelineSvg = root;
      var bars = svg('g', {}, root);
      for (b = 0; b < nBins; b++) {
        var y = PAD.t + plotH;
        for (t = 0; t < nTypes; t++) {
          var c = counts[b * nTypes + t];
          if (!c) { continue; }
          var h = c / maxCount * plotH;
          y -= h;
          svg('rect', { x: (PAD.l + b * bw).toFixed(2), y: y.toFixed(2),
            width: Math.max(0.8, bw - (bw > 4 ? 1 : 0)).toFixed(2), height: h.toFixed(2),
            fill: types[t].c, class: 'gm-bar' }, bars);
        }
        if (totals[b] || killed[b]) {
          var hit = svg('rect', { x: (PAD.l + b * bw).toFixed(2), y: PAD.t, width: bw.toFixed(2),
            height: plotH, fill: 'transparent', class: 'gm-bin' }, bars);
          var tip = document.createElementNS(SVG_NS, 'title');
          tip.textContent = (unit === 'day' ? binStart(b) : unit + ' from ' + binStart(b)) +
            ': ' + fmtInt(totals[b]) + ' events, ' + fmtInt(killed[b]) + ' killed';
          hit.appendChild(tip);
        }
      }
      if (maxKilled > 0) {
        var pts = [];
        for (b = 0; b < nBins; b++) {
          pts.push((PAD.l + (b + 0.5) * bw).toFixed(1) + ',' +
            (PAD.t + plotH - killed[b] / maxKilled * plotH).toFixed(1));
        }
        svg('polyline', { points: pts.join(' '), fill: 'none', stroke: '@timeline_killed@',
          'stroke-width': 1.4, 'stroke-linejoin': 'round', class: 'gm-killed-line' }, root);
      }
      var axis = svg('g', { class: 'gm-axis' }, root);
      svg('line', { x1: PAD.l, x2: PAD.l + plotW, y1: PAD.t + plotH, y2: PAD.t + plotH,
        stroke: '@timeline_axis@' }, axis);
      function label(x, y, text, anchor, cls) {
        var node = svg('text', { x: x, y: y, 'text-anchor': anchor, class: cls || '' }, axis);
        node.textContent = text;
      }
      label(PAD.l - 4, PAD.t + 8, fmtInt(maxCount), 'end');
      label(PAD.l - 4, PAD.t + plotH, '0', 'end');
      label(PAD.l - 4, PAD.t + plotH / 2 + 4, 'events', 'end', 'gm-axis-name');
      if (maxKilled > 0) {
        label(PAD.l + plotW + 4, PAD.t + 8, fmtInt(maxKilled), 'start');
        label(PAD.l + plotW + 4, PAD.t + plotH / 2 + 4, 'killed \u2014', 'start', 'gm-axis-name');
      }
      var ticks = nBins < 3 ? [0] : [0, Math.floor(nBins / 2), nBins - 1];
      ticks.forEach(function (k2, n2) {
        label(PAD.l + (k2 + 0.5) * bw, SVG_H - 5, binStart(k2),
          n2 === 0 ? 'start' : n2 === ticks.length - 1 ? 'end' : 'middle');
      });
      label(PAD.l + plotW, PAD.t - 1, 'per ' + unit + (undated ? '; ' + fmtInt(undated) +
        ' undated' : '') + (earlier ? '; ' + fmtInt(earlier) + ' earlier' : '') +
        (undated || earlier ? ' not shown' : '') + '; drag to choose dates, click to clear',
      'end', 'gm-axis-name');
      /* the date range chosen (by brushing or in the panel) */
      if (compiled.from || compiled.to) {
        var a0 = compiled.from ? Math.max(0, binOf(dayNumber(compiled.from))) : 0;
        var a1 = compiled.to ? Math.min(nBins - 1, binOf(dayNumber(compiled.to))) : nBins - 1;
        if (a1 >= a0) {
          svg('rect', { x: PAD.l + a0 * bw, y: PAD.t, width: (a1 - a0 + 1) * bw, height: plotH,
            class: 'gm-brush' }, root);
        }
      }
      registry.timeline = { unit: unit, bins: nBins, totals: totals, killed: killed,
        undated: undated, earlier: earlier, first: binStart(0) };
    }
    function binAt(clientX) {
      var box = timelineSvg.getBoundingClientRect();
      var W = box.width;
      var bw = (W - PAD.l - PAD.r) / nBins;
      return Math.max(0, Math.min(nBins - 1, Math.floor((clientX - box.left - PAD.l) / bw)));
    }
    /* brush the bins a..b (inclusive): the date filter becomes their first..last day */
    registry.brush = function (a, b) {
      var lo = Math.max(0, Math.min(a, b));
      var hi = Math.min(nBins - 1, Math.max(a, b));
      var s = registry.spec();
      s.from = binStart(lo);
      s.to = binEnd(hi);
      return applyFilter(s);
    };
    timelineBox.addEventListener('mousedown', function (ev) {
      if (!timelineSvg || ev.button !== 0) { return; }
      brushDrag = { a: binAt(ev.clientX), x: ev.clientX };
      ev.preventDefault();
    });
    document.addEventListener('mouseup', function (ev) {
      if (!brushDrag) { return; }
      var drag = brushDrag;
      brushDrag = null;
      if (Math.abs(ev.clientX - drag.x) < 4) {
        var s = registry.spec();
        if (s.from || s.to) {
          delete s.from;
          delete s.to;
          applyFilter(s);
        }
        return;
      }
      registry.brush(drag.a, binAt(ev.clientX));
    });
    mark('timeline');

    /* ---- the side panel: filters, fatalities by type, export ---- */
    var head = el('div', 'gm-side-head', side);
    textEl('div', 'gm-side-title', data.title, head);
    var countLine = textEl('div', 'gm-count', '', head);
    countLine.id = 'geomap-count';
    var form = el('div', 'gm-filters', side);
    function field(label) {
      var box = el('label', 'gm-field', form);
      textEl('span', 'gm-field-name', label, box);
      return box;
    }
    var textBox = el('input', 'gm-text', field('Search location and evidence'));
    textBox.type = 'search';
    textBox.placeholder = 'e.g. checkpoint, Kabul';
    var actorBox = el('input', 'gm-actors', field('Actor (any of, comma-separated)'));
    actorBox.type = 'search';
    actorBox.placeholder = 'e.g. police, Taliban';
    var typeBox = el('div', 'gm-types', field('Event type (also in the legend)'));
    var typeChecks = types.map(function (t, k) {
      var line = el('label', 'gm-type-line', typeBox);
      var box = el('input', '', line);
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.type = k;
      el('span', 'gm-dot', line).style.background = t.c;
      addText(line, t.n + ' ');
      textEl('span', 'gm-muted', '(' + fmtInt(t.k) + ')', line);
      box.addEventListener('change', fromControls);
      return box;
    });
    function distinct(fn) {
      var seen = Object.create(null);
      var out = [];
      events.forEach(function (e) {
        var v = fn(e);
        if (v && !seen[v]) { seen[v] = true; out.push(v); }
      });
      return out.sort();
    }
    function multiSelect(label, values, text) {
      var box = el('select', 'gm-multi', field(label));
      box.multiple = true;
      box.size = Math.min(5, Math.max(2, values.length));
      values.forEach(function (v) {
        var o = textEl('option', '', text ? text(v) : v, box);
        o.value = v;
      });
      box.addEventListener('change', fromControls);
      return box;
    }
    var subSelect = multiSelect('Sub-type (none selected = all)',
      distinct(function (e) { return e.s; }));
    var cnames = data.cnames || {};
    var countrySelect = multiSelect('Country (none selected = all)',
      distinct(function (e) { return e.cc ? e.cc.toUpperCase() : null; }),
      function (c) { return cnames[c] ? cnames[c] + ' (' + c + ')' : c; });
    var dates = el('div', 'gm-daterow', field('Dates (or drag on the timeline)'));
    var fromBox = el('input', 'gm-from', dates);
    addText(dates, ' \u2013 ');
    var toBox = el('input', 'gm-to', dates);
    [fromBox, toBox].forEach(function (b) {
      b.type = 'date';
      if (nBins) { b.min = isoOfDay(firstDay); b.max = isoOfDay(lastDay); }
      b.addEventListener('change', fromControls);
    });
    function plainSelect(label, choices) {
      var box = el('select', 'gm-select', field(label));
      choices.forEach(function (c) { textEl('option', '', c[1], box).value = c[0]; });
      box.addEventListener('change', fromControls);
      return box;
    }
    var mainSelect = plainSelect('Main or background events', [['', 'all events'],
      ['main', 'main events only'], ['background', 'background events only']]);
    var precSelect = plainSelect('Location precision at least', [['', 'any'],
      ['1', '1 \u2013 exact town'], ['2', '2 \u2013 near a town, or better'],
      ['3', '3 \u2013 region or border area, or better']]);
    var buttons = el('div', 'gm-buttons', side);
    var clearButton = textEl('button', 'gm-clear', 'Clear filters', buttons);
    var csvButton = textEl('button', 'gm-export-csv', 'Export CSV', buttons);
    var geoButton = textEl('button', 'gm-export-geojson', 'Export GeoJSON', buttons);
    var hideButton = textEl('button', 'gm-hide', 'Map only', buttons);
    [clearButton, csvButton, geoButton, hideButton].forEach(function (b) { b.type = 'button'; });
    textEl('div', 'gm-muted', 'Exports hold the events shown (the filters applied).', side);
    textEl('div', 'gm-legend-title', 'Fatalities by type (events shown)', side);
    var summary = el('table', 'gm-summary', side);
    summary.id = 'geomap-summary';

    var textTimer = null;
    [textBox, actorBox].forEach(function (b) {
      b.addEventListener('input', function () {
        clearTimeout(textTimer);
        textTimer = setTimeout(fromControls, option(opts, 'textDelayMs'));
      });
    });
    function selectedValues(box) {
      return Array.prototype.filter.call(box.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; });
    }
    /* the spec the controls say */
    function fromControls() {
      var s = {};
      var on = typeChecks.filter(function (b) { return b.checked; });
      if (on.length && on.length < types.length) {
        s.types = on.map(function (b) { return types[+b.dataset.type].n; });
      }
      var subs = selectedValues(subSelect);
      if (subs.length) { s.subtypes = subs; }
      var cs = selectedValues(countrySelect);
      if (cs.length) { s.countries = cs; }
      var acts = actorBox.value.split(',').map(function (x) { return x.trim(); })
        .filter(function (x) { return x; });
      if (acts.length) { s.actors = acts; }
      if (textBox.value.trim()) { s.text = textBox.value.trim(); }
      if (fromBox.value) { s.from = fromBox.value; }
      if (toBox.value) { s.to = toBox.value; }
      if (mainSelect.value) { s.main = mainSelect.value === 'main'; }
      if (precSelect.value) { s.precision = +precSelect.value; }
      return applyFilter(s);
    }
    /* the controls show the spec (after window.geomap.filter, brushing, clearing) */
    function syncControls() {
      var typeList = Array.isArray(spec.types) && spec.types.length ? spec.types : null;
      typeChecks.forEach(function (b) {
        b.checked = !typeList || typeList.indexOf(types[+b.dataset.type].n) >= 0;
      });
      legendChecks.forEach(function (b, k) { b.checked = typeChecks[k].checked; });
      function setMulti(box, values, upper) {
        var want = (values || []).map(function (v) { return upper ? String(v).toUpperCase() : v; });
        Array.prototype.forEach.call(box.options, function (o) {
          o.selected = want.indexOf(o.value) >= 0;
        });
      }
      setMulti(subSelect, spec.subtypes, false);
      setMulti(countrySelect, spec.countries, true);
      var acts = (Array.isArray(spec.actors) ? spec.actors : []).join(', ');
      if (actorBox.value.split(',').map(function (x) { return x.trim(); })
        .filter(function (x) { return x; }).join(', ') !== acts) { actorBox.value = acts; }
      if (textBox.value.trim() !== (spec.text || '')) { textBox.value = spec.text || ''; }
      fromBox.value = compiled.from || '';
      toBox.value = compiled.to || '';
      mainSelect.value = compiled.main === null ? '' : compiled.main ? 'main' : 'background';
      precSelect.value = compiled.precision === null ? '' : String(compiled.precision);
      countLine.textContent = fmtInt(visibleList.length) + ' of ' + fmtInt(N) + ' events shown';
    }
    clearButton.addEventListener('click', function () { applyFilter({}); });
    hideButton.addEventListener('click', function () { togglePanels(); });
    function renderSummary() {
      summary.textContent = '';
      var hr = el('tr', '', summary);
      ['Type', 'Events', 'Killed'].forEach(function (h) { textEl('th', '', h, hr); });
      var n = new Array(nTypes).fill(0);
      var f = new Array(nTypes).fill(0);
      visibleList.forEach(function (i) { n[events[i].t]++; f[events[i].t] += events[i].f || 0; });
      var totalN = 0;
      var totalF = 0;
      types.forEach(function (t, k) {
        if (!n[k]) { return; }
        var tr = el('tr', '', summary);
        var td = el('td', '', tr);
        el('span', 'gm-dot', td).style.background = t.c;
        addText(td, t.n);
        textEl('td', 'gm-num', fmtInt(n[k]), tr);
        textEl('td', 'gm-num', fmtInt(f[k]), tr);
        totalN += n[k];
        totalF += f[k];
      });
      var tr = el('tr', 'gm-total', summary);
      textEl('td', '', 'All', tr);
      textEl('td', 'gm-num', fmtInt(totalN), tr);
      textEl('td', 'gm-num', fmtInt(totalF), tr);
      registry.summary = { events: n, killed: f };
    }

    /* ---- export of the events shown, built from the data (never from the page's HTML) ---- */
    var EXPORT_FIELDS = ['event_id', 'date', 'event_type', 'sub_event_type', 'fatalities', 'main',
      'precision', 'location', 'country_code', 'latitude', 'longitude', 'actors', 'evidence',
      'title', 'source_url'];
    function exportRecord(i) {
      var e = events[i];
      var art = articleOf(e);
      return {
        event_id: e.i, date: e.d, event_type: typeName(e), sub_event_type: e.s || null,
        fatalities: e.f, main: e.m === 1, precision: e.p, location: locName(e),
        /* actors as events.geojson has them: one "A; B" string, which every OGR driver keeps */
        country_code: e.cc || null, latitude: e.lat, longitude: e.lon,
        actors: (e.ac || []).join('; '),
        evidence: e.v, title: art.t, source_url: art.l || art.u || null
      };
    }
    /* one CSV cell (RFC 4180); text that a spreadsheet would run as a formula is prefixed */
    function csvCell(v) {
      if (v === null || v === undefined) { return ''; }
      if (Array.isArray(v)) { v = v.join('; '); }
      if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) { v = "'" + v; }
      v = String(v);
      return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }
    registry.exportCSV = function () {
      var lines = [EXPORT_FIELDS.join(',')];
      visibleList.forEach(function (i) {
        var r = exportRecord(i);
        lines.push(EXPORT_FIELDS.map(function (k) { return csvCell(r[k]); }).join(','));
      });
      return lines.join('\r\n') + '\r\n';
    };
    registry.exportGeoJSON = function () {
      return JSON.stringify({
        type: 'FeatureCollection',
        features: visibleList.map(function (i) {
          var r = exportRecord(i);
          var props = {};
          EXPORT_FIELDS.forEach(function (k) {
            if (k !== 'latitude' && k !== 'longitude') { props[k] = r[k]; }
          });
          return { type: 'Feature', geometry: { type: 'Point', coordinates: [r.longitude, r.latitude] },
            properties: props };
        })
      });
    };
    function download(name, mime, text) {
      var url = URL.createObjectURL(new Blob([text], { type: mime }));
      ownBlobs[url] = true;
      var a = el('a', 'gm-download', document.body);
      a.download = name;
      setLink(a, url);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); delete ownBlobs[url]; }, 60000);
      registry.lastDownload = { name: name, bytes: text.length };
      return url;
    }
    csvButton.addEventListener('click', function () {
      download('geomap-events.csv', 'text/csv;charset=utf-8', registry.exportCSV());
    });
    geoButton.addEventListener('click', function () {
      download('geomap-events.geojson', 'application/geo+json', registry.exportGeoJSON());
    });

    /* ---- legend (types tick on and off, like the panel's) ---- */
    var legendChecks = [];
    var Legend = L.Control.extend({
      options: { position: 'bottomright' },
      onAdd: function () {
        var box = el('div', 'gm-legend leaflet-control-layers');
        stop(box);
        var details = el('details', '', box);
        /* open where there is room for it beside the events */
        details.open = map.getSize().y >= option(opts, 'legendOpenFromPx');
        textEl('summary', '', 'Legend', details);
        textEl('div', 'gm-legend-title', 'Events by type (tick to filter)', details);
        if (!types.length) { textEl('div', 'gm-muted', 'no events', details); }
        types.forEach(function (t, k) {
          var line = el('label', 'gm-legend-type', details);
          var check = el('input', '', line);
          check.type = 'checkbox';
          check.checked = true;
          check.addEventListener('change', function () {
            typeChecks[k].checked = check.checked;
            fromControls();
          });
          legendChecks.push(check);
          el('span', 'gm-dot', line).style.background = t.c;
          addText(line, t.n + ' ');
          textEl('span', 'gm-muted', '(' + t.k + ')', line);
        });
        textEl('div', 'gm-legend-title', 'Symbols', details);
        var symbols = [
          [['gm-size gm-s1', 'gm-size gm-s2', 'gm-size gm-s3'], 'size: fatalities (none, 10, 100)'],
          [['gm-dot gm-bg'], 'background event (faded, dashed)'],
          [['gm-cluster-sym'], 'cluster: count, ring = mix of types'],
          [['gm-ring'], 'location uncertainty (selected event)'],
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
        var text = N + ' event' + (N === 1 ? '' : 's') + ', ' + mentions.length + ' place' +
          (mentions.length === 1 ? '' : 's') + ' mentioned';
        if (data.unresolved) {
          text += ', ' + data.unresolved + ' mention' + (data.unresolved === 1 ? '' : 's') +
            ' unresolved';
        }
        textEl('div', 'gm-muted', text, details);
        textEl('div', 'gm-muted', 'Click an event for its distances and uncertainty; the layer ' +
          'menu (top right) shows them for all events in view.', details);
        return box;
      }
    });

    /* ---- panel toggle (map only / with panels) and print ---- */
    function togglePanels(force) {
      var hide = force !== undefined ? force : !document.body.classList.contains('gm-map-only');
      document.body.classList[hide ? 'add' : 'remove']('gm-map-only');
      map.invalidateSize();
      if (!hide) { drawTimeline(); }
      return hide;
    }
    registry.togglePanels = togglePanels;
    var PanelToggle = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: function () {
        var box = el('div', 'leaflet-bar gm-panel-toggle');
        var link = textEl('a', '', '\u2630', box);
        link.href = '#';
        link.title = 'Show or hide the filters, table and timeline';
        link.setAttribute('role', 'button');
        stop(box);
        L.DomEvent.on(link, 'click', function (ev) {
          L.DomEvent.preventDefault(ev);
          togglePanels();
        });
        return box;
      }
    });
    window.addEventListener('beforeprint', function () { map.invalidateSize(); });
    window.addEventListener('afterprint', function () { map.invalidateSize(); });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(drawTimeline, 200);
    });

    /* ---- first draw ---- */
    mark('panel');
    new Fullscreen().addTo(map);
    registry.measure = new Measure().addTo(map);
    new PanelToggle().addTo(map);
    var legend = new Legend().addTo(map);
    hint = el('div', 'gm-hint', legend.getContainer());
    hint.textContent = 'Zoom in to see distances and uncertainty for all events in view';
    hint.style.display = 'none';
    var title = el('div', 'gm-map-title', map.getContainer());
    title.textContent = data.title;
    stop(title);

    registry.counts.events = N;
    registry.counts.uncertainty = events.filter(function (e) { return e.u > 0; }).length;
    registry.counts.distances = data.lines.length;
    registry.counts.mentions = mentions.length;
    registry.counts.borders = nBorders;
    registry.counts.countries = data.countries.features.length;
    registry.counts.cities = (data.cities || []).length;

    if (data.view || data.bounds) {
      map.fitBounds(data.view || data.bounds, { padding: [30, 30], maxZoom: 9, animate: false });
    } else {
      map.setView([25, 15], 2, { animate: false });
    }
    zoomClass();
    mark('view');
    applyFilter({});
    mark('shown');
    showBorderLabels();
    showPlaceLabels();
    map.on('moveend', function () { redraw(); showDetail(); showBorderLabels(); showPlaceLabels(); });
    map.on('overlayadd overlayremove', showDetail);
    registry.ready = true;
    mark('done');
    registry.renderMs = performance.now() - t0;
    return registry;
  };
}());
