// Each stopping rule drawn against its boundary: events (y) against
// evaluable patients (x), the boundary as a step (the fewest events that
// stop the cohort at each n) with the stopping region shaded, and the
// cohort's current point, red when the rule is triggered.

import { byId, clear, el, raw, show, svg } from './dom.js';

// The boundary curve as [{n, min}] when the API gives one. Names accepted:
// what GET /api/v1/rules carries (see docs/http-api.md).
function curveOf(rule) {
  const list = rule.boundary_curve || rule.curve || rule.boundaries;
  if (!Array.isArray(list)) return [];
  return list
    .map((p) => (Array.isArray(p) ? { n: p[0], min: p[1] } : { n: p.n ?? p.evaluable, min: p.min_x_to_stop ?? p.boundary ?? p.events }))
    .filter((p) => Number.isFinite(p.n));
}

// Rows from GET /api/v1/rules or, before that existed, from the summary's
// stopping_rules and stopping_rules_pooled: [{id, cohort, events, evaluable,
// boundary, statistic, threshold, triggered, ...}].
export function ruleRows(rulesDocument, summary) {
  const rows = [];
  const visit = (value, cohort) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, cohort);
    } else if (value && typeof value === 'object') {
      if ('events' in value && 'evaluable' in value && 'id' in value) {
        rows.push({ cohort, ...value });
      } else {
        const next = typeof value.id === 'string' && Array.isArray(value.stopping_rules) ? value.id : cohort;
        for (const [key, child] of Object.entries(value)) if (typeof child === 'object') visit(child, key === 'cohorts' ? cohort : next);
      }
    }
  };
  if (rulesDocument) {
    visit(rulesDocument, undefined);
  } else if (summary) {
    for (const cohort of summary.cohorts || []) visit(cohort.stopping_rules || [], cohort.id);
    visit(summary.stopping_rules_pooled || [], 'ALL');
  }
  return rows;
}

function ruleChart(rule) {
  const width = 320;
  const height = 200;
  const pad = { left: 36, right: 12, top: 12, bottom: 30 };
  const curve = curveOf(rule);
  const evaluable = Number(rule.evaluable) || 0;
  const events = Number(rule.events) || 0;
  const boundary = Number.isFinite(rule.boundary) ? rule.boundary : null;
  const xMax = Math.max(1, evaluable, ...curve.map((p) => p.n));
  const inRange = curve.filter((p) => Number.isFinite(p.min)).map((p) => p.min);
  const yMax = Math.max(1, events, boundary ?? 0, ...inRange) + 1;
  const x = (n) => pad.left + ((width - pad.left - pad.right) * n) / xMax;
  const y = (k) => height - pad.bottom - ((height - pad.top - pad.bottom) * k) / yMax;
  const triggered = rule.triggered === true;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: `chart rule${triggered ? ' triggered' : ''}`,
    role: 'img',
    'aria-label': `Rule ${rule.id}, ${rule.cohort ?? ''}: ${events} events in ${evaluable} evaluable, boundary ${show(boundary)}`,
  });
  // Axes and ticks (integers: patients and events are counts).
  const xStep = Math.max(1, Math.ceil(xMax / 6));
  for (let n = 0; n <= xMax; n += xStep) {
    chart.append(svg('line', { x1: x(n), x2: x(n), y1: y(0), y2: y(0) + 4, class: 'axis' }),
      svg('text', { x: x(n), y: y(0) + 15, class: 'tick', 'text-anchor': 'middle' }, n));
  }
  const yStep = Math.max(1, Math.ceil(yMax / 5));
  for (let k = 0; k <= yMax; k += yStep) {
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(k), y2: y(k), class: 'grid' }),
      svg('text', { x: pad.left - 5, y: y(k) + 4, class: 'tick', 'text-anchor': 'end' }, k));
  }
  chart.append(
    svg('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis' }),
    svg('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: y(0), class: 'axis' }),
    svg('text', { x: (pad.left + width - pad.right) / 2, y: height - 3, class: 'axis-label', 'text-anchor': 'middle' }, 'evaluable patients'),
    svg('text', { x: 10, y: pad.top + (height - pad.bottom - pad.top) / 2, class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 10 ${pad.top + (height - pad.bottom - pad.top) / 2})` }, 'events'),
  );
  if (curve.length) {
    // Step after each look: at n the cohort stops with min(n) events or more.
    let line = '';
    let region = '';
    const points = curve.filter((p) => Number.isFinite(p.min) && p.n <= xMax).sort((a, b) => a.n - b.n);
    points.forEach((p, i) => {
      const next = i + 1 < points.length ? points[i + 1].n : xMax;
      const x0 = x(p.n - 0.5 < 0 ? 0 : p.n - 0.5);
      const x1 = x(Math.min(xMax, next - 0.5 < p.n ? p.n : next - 0.5));
      line += `${i === 0 ? 'M' : 'L'}${x0},${y(p.min)} L${x1},${y(p.min)} `;
      region += `M${x0},${y(yMax)} L${x0},${y(p.min)} L${x1},${y(p.min)} L${x1},${y(yMax)} Z `;
    });
    if (points.length) {
      chart.append(svg('path', { d: region, class: 'stop-region' }), svg('path', { d: line, class: 'boundary', dataset: { kind: 'curve' } }));
    }
  } else if (boundary !== null) {
    // Only the boundary at the current n is known: the stopping region at
    // that n as a band, the boundary as its edge.
    const x0 = x(Math.max(0, evaluable - 0.5));
    const x1 = x(Math.min(xMax, evaluable + 0.5));
    chart.append(
      svg('rect', { x: x0, y: y(yMax), width: Math.max(2, x1 - x0), height: y(boundary) - y(yMax), class: 'stop-region' }),
      svg('line', { x1: x0 - 10, x2: x1 + 10, y1: y(boundary), y2: y(boundary), class: 'boundary', dataset: { kind: 'current' } }),
      svg('text', { x: x0 - 12, y: y(boundary) + 4, class: 'tick', 'text-anchor': 'end' }, `stop at ${boundary}`),
    );
  }
  chart.append(svg('circle', {
    cx: x(evaluable), cy: y(events), r: 6,
    class: `point${triggered ? ' triggered' : ''}`,
    dataset: { events: raw(rule.events ?? null), evaluable: raw(rule.evaluable ?? null) },
  }, svg('title', {}, `${events} events in ${evaluable} evaluable patients`)));

  const facts = [
    `${show(rule.events)} events / ${show(rule.evaluable)} evaluable`,
    `boundary ${show(rule.boundary)}`,
  ];
  if (rule.statistic !== undefined) facts.push(`statistic ${show(rule.statistic)}${rule.threshold !== undefined ? ` (threshold ${show(rule.threshold)})` : ''}`);
  return el('figure', {
    class: `chart-box rule-box${triggered ? ' triggered' : ''}`,
    dataset: { rule: rule.id, cohort: rule.cohort ?? '', triggered: raw(triggered), events: raw(rule.events ?? null), evaluable: raw(rule.evaluable ?? null), boundary: raw(rule.boundary ?? null) },
  },
  el('figcaption', {},
    el('strong', {}, `${rule.id}`), ` · ${rule.cohort === 'ALL' ? 'pooled' : `cohort ${show(rule.cohort)}`}`,
    el('span', { class: `state ${triggered ? 'bad' : 'ok'}` }, triggered ? 'TRIGGERED' : 'not triggered'),
    rule.name || rule.title ? el('span', { class: 'rule-title' }, rule.name || rule.title) : null),
  chart,
  el('p', { class: 'facts' }, facts.join(' · ')));
}

export function renderRules(rows, sourceText) {
  byId('rules-source').textContent = sourceText;
  const box = clear(byId('rule-charts'));
  if (!rows.length) box.append(el('p', { class: 'muted' }, 'No stopping rules are configured.'));
  box.append(...rows.map(ruleChart));
}
