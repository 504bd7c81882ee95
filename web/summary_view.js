// The summary document (GET /api/v1/summary) as tables and charts. Every
// number is read from the document; none is computed here.

import { byId, ci, clear, el, raw, show, svg } from './dom.js';

// The headline measures, in the order of an ICH E3 overview table.
const HEADLINE = [
  ['any_ae', 'Any adverse event'],
  ['grade3plus', 'Grade ≥ 3'],
  ['sae', 'Serious (SAE)'],
  ['deaths', 'Deaths'],
];

const CATEGORY_LABELS = {
  immune_related: 'Immune-related',
  adebrelimab_related: 'Adebrelimab-related',
  apatinib_related: 'Apatinib-related',
  chemotherapy_related: 'Chemotherapy-related',
  radiotherapy_related: 'Radiotherapy-related',
};

export function categoryLabel(key) {
  return CATEGORY_LABELS[key] || key.replaceAll('_', ' ');
}

export function cohortLabel(cohort) {
  return cohort.id === 'ALL' ? 'All cohorts' : `Cohort ${cohort.id}`;
}

function cell(cohort, measure, field, value, text) {
  return el('td', { class: 'num', dataset: { cohort, measure, field, value: raw(value) } }, text ?? show(value));
}

function intervalCell(cohort, measure, interval) {
  const ok = Array.isArray(interval) && interval.length === 2;
  return el(
    'td',
    {
      class: 'num ci',
      dataset: { cohort, measure, field: 'ci95', lo: raw(ok ? interval[0] : null), hi: raw(ok ? interval[1] : null) },
    },
    ci(interval),
  );
}

function headlineTable(cohort) {
  const id = cohort.id;
  const body = el('tbody', {},
    el('tr', { dataset: { measure: 'treated' } },
      el('th', { scope: 'row' }, 'Treated (safety population)'),
      cell(id, 'treated', 'subjects', cohort.treated),
      el('td', { class: 'muted note', colspan: 2 }, `of ${show(cohort.subjects)} enrolled · ${show(cohort.patient_years)} patient-years`)),
    HEADLINE.map(([key, label]) => {
      const m = cohort[key] || {};
      return el('tr', { dataset: { measure: key } },
        el('th', { scope: 'row' }, label),
        cell(id, key, 'subjects', m.subjects ?? null),
        cell(id, key, 'pct', m.pct ?? null),
        intervalCell(id, key, m.ci95));
    }));
  return el('table', { class: 'numbers headline', dataset: { cohort: id } },
    el('caption', {}, el('strong', {}, cohortLabel(cohort)), cohort.name ? el('span', { class: 'muted' }, ` ${cohort.name}`) : null),
    el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { class: 'num' }, 'n'), el('th', { class: 'num' }, '%'), el('th', { class: 'num' }, '95% CI'))),
    body);
}

export function renderOverview(summary) {
  const meta = [
    `Data cut-off ${show(summary.asof)}`,
    `generated ${show(summary.generated_at)}`,
    `CTCAE v${show(summary.ctcae_version)}`,
  ];
  if (summary.known_at) meta.push(`as known at ${summary.known_at}`);
  byId('summary-meta').textContent = meta.join(' · ');
  const after = summary.after_cutoff || {};
  const later = Object.entries(after).filter(([, n]) => n > 0);
  const note = byId('after-cutoff');
  note.hidden = later.length === 0;
  note.textContent = later.length
    ? `Records dated after the cut-off, not in this summary: ${later.map(([d, n]) => `${d} ${n}`).join(', ')}.`
    : '';
  clear(byId('headline')).append(...(summary.cohorts || []).map(headlineTable));
}

// One chart per category: a bar per cohort for any grade, the grade >= 3
// bar inside it, and the any-grade interval as a whisker. The scale is
// 0-100 %; the bars are the API's percentages.
function categoryChart(key, cohorts) {
  const rowHeight = 34;
  const left = 44;
  const right = 96;
  const width = 360;
  const track = width - left - right;
  const height = cohorts.length * rowHeight + 26;
  const x = (pct) => left + (track * Math.max(0, Math.min(100, pct ?? 0))) / 100;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': `${categoryLabel(key)} by cohort`,
    dataset: { category: key },
  });
  for (const tick of [0, 25, 50, 75, 100]) {
    chart.append(
      svg('line', { x1: x(tick), x2: x(tick), y1: 4, y2: height - 20, class: 'grid' }),
      svg('text', { x: x(tick), y: height - 6, class: 'tick', 'text-anchor': 'middle' }, `${tick}%`),
    );
  }
  cohorts.forEach((cohort, i) => {
    const category = (cohort.categories || {})[key] || {};
    const any = category.any || {};
    const g3 = category.grade3plus || {};
    const y = 6 + i * rowHeight;
    const common = { cohort: cohort.id, category: key };
    chart.append(
      svg('text', { x: 4, y: y + 17, class: 'label' }, cohort.id),
      svg('rect', { x: left, y, width: Math.max(0, x(any.pct) - left), height: 22, class: 'bar any', dataset: { ...common, measure: 'any', value: raw(any.pct ?? null) } },
        svg('title', {}, `${cohortLabel(cohort)}: any grade ${show(any.subjects)} subjects, ${show(any.pct)}% (95% CI ${ci(any.ci95)})`)),
      svg('rect', { x: left, y: y + 6, width: Math.max(0, x(g3.pct) - left), height: 10, class: 'bar g3', dataset: { ...common, measure: 'grade3plus', value: raw(g3.pct ?? null) } },
        svg('title', {}, `${cohortLabel(cohort)}: grade ≥ 3 ${show(g3.subjects)} subjects, ${show(g3.pct)}% (95% CI ${ci(g3.ci95)})`)),
    );
    if (Array.isArray(any.ci95)) {
      chart.append(svg('line', { x1: x(any.ci95[0]), x2: x(any.ci95[1]), y1: y + 11, y2: y + 11, class: 'whisker' }));
    }
    chart.append(svg('text', { x: width - right + 6, y: y + 15, class: 'value' }, `${show(any.pct)}% · ≥3 ${show(g3.pct)}%`));
  });
  return el('figure', { class: 'chart-box' }, el('figcaption', {}, categoryLabel(key)), chart);
}

export function renderCategories(summary) {
  const cohorts = summary.cohorts || [];
  const keys = [];
  for (const cohort of cohorts) {
    for (const key of Object.keys(cohort.categories || {})) if (!keys.includes(key)) keys.push(key);
  }
  clear(byId('category-charts')).append(...keys.map((key) => categoryChart(key, cohorts)));
}

const GRADE_COLUMNS = [
  ['grade1', '1'], ['grade2', '2'], ['grade3', '3'], ['grade4', '4'], ['grade5', '5'],
  ['missing', 'missing'], ['grade3plus', '≥ 3'], ['any', 'any'],
];

function gradeCells(grades, kind) {
  return GRADE_COLUMNS.map(([key]) => {
    const c = (grades || {})[key] || {};
    return el('td', { class: `num ${kind}`, dataset: { grade: key, value: raw(c.subjects ?? null), pct: raw(c.pct ?? null) } },
      show(c.subjects), c.pct === undefined ? null : el('small', {}, ` (${show(c.pct)}%)`));
  });
}

export function renderSocPt(cohort, tableKey) {
  const table = byId('soc-pt');
  table.dataset.cohort = cohort.id;
  table.dataset.table = tableKey;
  clear(table.tHead).append(el('tr', {},
    el('th', {}, 'System organ class / preferred term'),
    GRADE_COLUMNS.map(([, label]) => el('th', { class: 'num' }, label === '1' ? 'Grade 1' : label))));
  const data = cohort[tableKey] || {};
  const body = clear(table.tBodies[0]);
  body.append(el('tr', { class: 'total' }, el('th', { scope: 'row' }, `Any (${show(data.treated)} treated)`), gradeCells((data.total || {}).grades || data.total, 'total')));
  for (const soc of data.socs || []) {
    body.append(el('tr', { class: 'soc' }, el('th', { scope: 'row' }, soc.soc ?? '—'), gradeCells(soc.grades, 'soc')));
    for (const pt of soc.pts || []) {
      body.append(el('tr', { class: 'pt' }, el('th', { scope: 'row' }, pt.pt ?? '—'), gradeCells(pt.grades, 'pt')));
    }
  }
  if (!(data.socs || []).length) body.append(el('tr', {}, el('td', { colspan: GRADE_COLUMNS.length + 1, class: 'muted' }, 'No adverse events in this table.')));
}

// A term's shift table: baseline grade (rows) by worst post-baseline grade
// (columns; "none yet" when no post-baseline value exists).
function shiftTable(term, rows) {
  const baselines = [...new Set(rows.map((r) => r.baseline_grade))].sort((a, b) => (a ?? 99) - (b ?? 99));
  const worsts = [...new Set(rows.map((r) => r.worst_grade))].sort((a, b) => (a ?? 99) - (b ?? 99));
  const find = (b, w) => rows.find((r) => r.baseline_grade === b && r.worst_grade === w);
  const denominator = rows[0] ? rows[0].denominator : null;
  return el('table', { class: 'numbers shift', dataset: { term } },
    el('caption', {}, term, el('span', { class: 'muted' }, ` (n = ${show(denominator)})`)),
    el('thead', {}, el('tr', {}, el('th', {}, 'baseline ↓ / worst →'),
      worsts.map((w) => el('th', { class: 'num' }, w === null ? 'none yet' : `G${w}`)))),
    el('tbody', {}, baselines.map((b) => el('tr', {},
      el('th', { scope: 'row' }, b === null ? '—' : `G${b}`),
      worsts.map((w) => {
        const row = find(b, w);
        const worse = row && w !== null && b !== null && w > b;
        return el('td', { class: `num${worse ? ' worse' : ''}${w !== null && w >= 3 && row ? ' severe' : ''}` }, row ? show(row.subjects) : '');
      })))));
}

export function renderLabShifts(cohort) {
  const byTerm = new Map();
  for (const row of cohort.lab_shift || []) {
    if (!byTerm.has(row.term)) byTerm.set(row.term, []);
    byTerm.get(row.term).push(row);
  }
  const box = clear(byId('lab-shifts'));
  box.dataset.cohort = cohort.id;
  if (byTerm.size === 0) box.append(el('p', { class: 'muted' }, 'No graded laboratory results with a baseline.'));
  for (const [term, rows] of byTerm) box.append(shiftTable(term, rows));
  const none = cohort.lab_shift_no_baseline || [];
  byId('lab-no-baseline').textContent = none.length
    ? `Post-baseline grades without a gradable baseline (subjects): ${none.map((r) => `${r.term} ${show(r.subjects)}`).join('; ')}.`
    : '';
}
