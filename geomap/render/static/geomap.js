/* geomap map client: builds every layer from one JSON payload and adds small controls
 * (fullscreen, measure, legend, date filter) without any external dependency.
 *
 * Safety: every string in the payload that came from an article was HTML-escaped in Python
 * (geomap/render/layers.py); this code only concatenates those fragments with fixed markup,
 * and uses textContent for anything it computes itself.
 */
(function () {
  'use strict';

  function el(tag, className, parent) {
    var node = L.DomUtil.create(tag, className || '', parent);
    return node;
  }

  function kmLabel(km) {
    return km < 10 ? km.toFixed(1) + ' km' : Math.round(km) + ' km';
  }

  function stop(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  var ICON_FULLSCREEN = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">' +
    '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#222" stroke-width="2"/></svg>';
  var ICON_MEASURE = '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">' +
    '<g transform="rotate(-45 9 9)"><rect x="0.5" y="6" width="17" height="6" fill="#fff" stroke="#222"/>' +
    '<path d="M3 6v3M6 6v2M9 6v3M12 6v2M15 6v3" stroke="#222"/></g></svg>';

  /* ---- fullscreen (the Fullscreen API, else a fixed-position fallback) ---- */
  var Fullscreen = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function (map) {
      var box = el('div', 'leaflet-bar gm-fullscreen');
      var link = el('a', '', box);
      link.href = '#';
      link.title = 'Full screen';
      link.setAttribute('role', 'button');
      link.innerHTML = ICON_FULLSCREEN;
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
      link.innerHTML = ICON_MEASURE;
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
        var html = '<div class="gm-legend-title">Events by type</div>';
        if (!data.types.length) { html += '<div class="gm-muted">no events</div>'; }
        for (var i = 0; i < data.types.length; i++) {
          var t = data.types[i];
          html += '<div><span class="gm-dot" style="background:' + t.c + '"></span>' + t.n +
            ' <span class="gm-muted">(' + t.k + ')</span></div>';
        }
        html += '<div class="gm-legend-title">Symbols</div>' +
          '<div><span class="gm-size gm-s1"></span><span class="gm-size gm-s2"></span>' +
          '<span class="gm-size gm-s3"></span> size: fatalities (none, 10, 100)</div>' +
          '<div><span class="gm-dot gm-bg"></span> background event (faded, dashed)</div>' +
          '<div><span class="gm-ring"></span> location uncertainty</div>' +
          '<div><span class="gm-line gm-line-anchor"></span> distance to anchor place</div>' +
          '<div><span class="gm-line gm-line-border"></span> distance to nearest border</div>' +
          '<div><span class="gm-line gm-line-hl"></span> border near events</div>' +
          '<div><span class="gm-line gm-line-named"></span> border named in an article</div>' +
          '<div><span class="gm-mention"></span> place mentioned in articles</div>';
        html += '<div class="gm-muted">' + counts.events + ' events, ' + counts.mentions +
          ' places mentioned';
        if (data.unresolved) { html += ', ' + data.unresolved + ' mentions unresolved'; }
        html += '</div>';
        box.innerHTML = html;
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
    var registry = window.geomap = {
      map: map, layers: groups, counts: {}, ready: false, filter: null
    };
    var panes = [['gm-land', 250], ['gm-outline', 390], ['gm-uncertainty', 395],
      ['gm-lines', 405], ['gm-mentions', 410], ['gm-events', 420]];
    panes.forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
    L.Icon.Default.imagePath = '';
    if (opts.icons) { L.Icon.Default.mergeOptions(opts.icons); }

    /* base: land and country polygons from our own data */
    L.geoJSON(data.countries, {
      pane: 'gm-land', interactive: false,
      style: function () {
        return { color: '#9a9482', weight: 0.7, fillColor: '#f4f1e8', fillOpacity: 1 };
      }
    }).addTo(groups.base);

    /* borders: outlines of the countries around the events, their land borders,
       highlighted and labelled where events were measured to them or articles named them */
    var outlines = { type: 'FeatureCollection', features: data.countries.features.filter(
      function (f) { return f.properties.d === 1; }) };
    L.geoJSON(outlines, {
      pane: 'gm-outline', interactive: false,
      style: function () { return { color: '#555', weight: 1, fill: false }; }
    }).addTo(groups.borders);
    var nBorders = 0;
    data.borders.forEach(function (b) {
      var style = b.v === 2 ? { color: '#b10026', weight: 5, opacity: 0.9 }
        : b.v === 1 ? { color: '#e31a1c', weight: 3.5, opacity: 0.85 }
          : { color: '#444', weight: 1.6, opacity: 0.8 };
      style.pane = 'gm-outline';
      var layer = L.geoJSON(b.g, { style: function () { return style; } });
      var tip = b.l + (b.v === 2 ? ' (named in an article)' : '') +
        (b.n ? ' \u00b7 ' + b.n + ' distance' + (b.n > 1 ? 's' : '') + ' measured' : '');
      layer.bindTooltip(tip, { sticky: true });
      layer.addTo(groups.borders);
      if (b.at) {
        L.tooltip({ permanent: true, direction: 'center', className: 'gm-border-label' +
          (b.v === 2 ? ' gm-named' : ''), interactive: false })
          .setLatLng(b.at).setContent(b.l).addTo(groups.borders);
      }
      nBorders++;
    });

    /* events: one circle marker each, clustered when there are many */
    var events = data.events;
    var many = events.length > (opts.clusterAbove || 150);
    var container = many ? L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
      spiderfyOnMaxZoom: true, disableClusteringAtZoom: 12
    }) : L.featureGroup();
    container.addTo(groups.events);
    function popupOf(layer) {
      var e = events[layer.gmIndex];
      var art = data.articles[e.a] || { t: '', l: '' };
      return '<div class="gm-popup"><div class="gm-title">' + art.t + '</div>' + e.h +
        (art.l ? '<div class="gm-source">Source: ' + art.l + '</div>' : '') + '</div>';
    }
    var markers = new Array(events.length);
    var circles = new Array(events.length);
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      var m = L.circleMarker([e.lat, e.lon], {
        pane: 'gm-events', radius: e.r, color: '#1a1a1a', weight: e.m ? 1.5 : 1,
        dashArray: e.m ? null : '3 2', fillColor: e.c, fillOpacity: e.m ? 0.9 : 0.5
      });
      m.gmIndex = i;
      m.bindPopup(popupOf, { maxWidth: 380, minWidth: 260, className: 'gm-event-popup' });
      m.bindTooltip(e.tt, { direction: 'top' });
      markers[i] = m;
      if (e.u > 0) {
        circles[i] = L.circle([e.lat, e.lon], {
          pane: 'gm-uncertainty', radius: e.u, color: e.c, weight: 1, dashArray: '4 3',
          fillColor: e.c, fillOpacity: 0.08, interactive: false
        });
      }
    }

    /* distances: event -> anchor and event -> nearest border point, labelled in km */
    var lineLayers = [];
    var labelled = data.lines.length <= (opts.labelLinesUpTo || 300);
    data.lines.forEach(function (ln) {
      var style = ln.k === 'anchor' ? { color: '#08519c', weight: 2.5, dashArray: '8 5' }
        : { color: ln.k === 'named' ? '#b10026' : '#e31a1c', weight: 2, dashArray: '2 5' };
      style.pane = 'gm-lines';
      var line = L.polyline(ln.pts, style);
      if (labelled) {
        line.bindPopup(ln.tt);
        if (ln.k === 'anchor') {
          line.bindTooltip(ln.l, { permanent: true, direction: 'top', offset: [0, -3],
            className: 'gm-distance-label' });
        } else {
          /* beyond the border end of the line, so a short line does not hide its event */
          var end = ln.pts[1];
          line.gmLabel = L.tooltip({ permanent: true, interactive: false,
            direction: end[1] < ln.pts[0][1] ? 'left' : 'right',
            className: 'gm-distance-label gm-border-distance' }).setLatLng(end).setContent(ln.l);
        }
      } else {
        line.bindTooltip(ln.tt, { sticky: true });
      }
      line.gmEvent = ln.e;
      lineLayers.push(line);
    });
    data.anchors.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], {
        pane: 'gm-lines', radius: 4, color: '#08519c', weight: 2, fillColor: '#fff', fillOpacity: 1
      }).bindTooltip(labelled ? a.nm : a.tt, labelled ? {
        permanent: true, direction: 'right', offset: [4, 0], className: 'gm-anchor-label'
      } : {}).addTo(groups.distances);
    });
    var distanceGroup = L.featureGroup().addTo(groups.distances);
    var circleGroup = L.featureGroup().addTo(groups.uncertainty);

    /* mentions: every resolved place mention, as small squares-ish diamonds */
    data.mentions.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], {
        pane: 'gm-mentions', radius: 4, color: '#4d4d4d', weight: 1.5, fillColor: '#ffffff',
        fillOpacity: 0.35 + 0.6 * p.q, dashArray: null
      }).bindTooltip(p.tt).bindPopup('<div class="gm-popup">' + p.h + '</div>')
        .addTo(groups.mentions);
    });

    /* apply a date window to events, their circles and their lines */
    function show(first, last, undated) {
      var keep = new Array(events.length);
      var ms = [];
      var cs = [];
      for (var k = 0; k < events.length; k++) {
        var d = events[k].d;
        keep[k] = d === null ? undated : (first === null || (d >= first && d <= last));
        if (keep[k]) {
          ms.push(markers[k]);
          if (circles[k]) { cs.push(circles[k]); }
        }
      }
      container.clearLayers();
      if (many) { container.addLayers(ms); } else { ms.forEach(function (x) { container.addLayer(x); }); }
      circleGroup.clearLayers();
      cs.forEach(function (x) { circleGroup.addLayer(x); });
      distanceGroup.clearLayers();
      lineLayers.forEach(function (x) {
        if (keep[x.gmEvent]) {
          distanceGroup.addLayer(x);
          if (x.gmLabel) { distanceGroup.addLayer(x.gmLabel); }
        }
      });
      registry.counts.shownEvents = ms.length;
    }
    show(null, null, true);

    var dates = [];
    var seen = {};
    events.forEach(function (e) { if (e.d && !seen[e.d]) { seen[e.d] = 1; dates.push(e.d); } });
    dates.sort();
    if (dates.length > 1) {
      registry.filter = dateFilterControl(dates, show).addTo(map);
    }

    registry.counts.events = events.length;
    registry.counts.uncertainty = circles.filter(Boolean).length;
    registry.counts.distances = lineLayers.length;
    registry.counts.mentions = data.mentions.length;
    registry.counts.borders = nBorders;
    registry.counts.countries = data.countries.features.length;
    registry.markers = markers;
    registry.clustered = many;
    registry.dates = dates;
    registry.show = show;

    new Fullscreen().addTo(map);
    registry.measure = new Measure().addTo(map);
    legendControl(data, registry.counts).addTo(map);
    var title = el('div', 'gm-map-title', map.getContainer());
    title.innerHTML = data.title;
    stop(title);

    if (data.bounds) {
      map.fitBounds(data.bounds, { padding: [30, 30], maxZoom: 9 });
    } else {
      map.setView([25, 15], 2);
    }
    registry.renderMs = performance.now() - t0;
    registry.ready = true;
    return registry;
  };
}());
