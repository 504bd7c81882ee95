// One subject's timeline (GET /api/v1/subjects/{USUBJID}): study treatment
// as bars per treatment, adverse events as bars coloured by CTCAE grade from
// onset to resolution, laboratory grades >= 3 as marks, then the graded
// laboratory results as a table.

import { byId, clear, el, raw, show, svg } from './dom.js';

// A field of a record under the API's name or its SDTM variable, wherever
// the record keeps its variables.
function pick(item, names) {
  for (const source of [item, item && item.current, item && item.values, item && item.record, item && item.variables]) {
    if (!source || typeof source !== 'object') continue;
    for (const name of names) {
      if (source[name] !== undefined && source[name] !== null && source[name] !== '') return source[name];
    }
  }
  return null;
}

// The current version of an AE given with its versions.
function currentVersion(ae) {
  if (Array.isArray(ae.versions) && ae.versions.length && !pick(ae, ['AESTDTC', 'start', 'onset'])) {
    const open = ae.versions.filter((v) => v.valid_to === null || v.valid_to === undefined);
    return open.length ? open[open.length - 1] : ae.versions[ae.versions.length - 1];
  }
  return ae;
}

// A day from an ISO 8601 date, date-time or partial date (the earliest day
// it can be, as the summary places partial onsets); null when unreadable.
function day(text) {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text);
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) / 86400000;
}

function isoDay(d) {
  return new Date(d * 86400000).toISOString().slice(0, 10);
}

function gradeClass(grade) {
  const g = Number(grade);
  return Number.isInteger(g) && g >= 1 && g <= 5 ? `g${g}` : 'gna';
}

function timeline(subject) {
  const doses = (subject.dosing || []).map((d) => ({
    treatment: pick(d, ['treatment', 'EXTRT', 'extrt', 'trt']) ?? '?',
    start: day(pick(d, ['start', 'EXSTDTC', 'exstdtc', 'dtc'])),
    end: day(pick(d, ['end', 'EXENDTC', 'exendtc'])),
    text: `${show(pick(d, ['treatment', 'EXTRT']))} ${show(pick(d, ['dose', 'EXDOSE']))} ${show(pick(d, ['unit', 'EXDOSU']))}, ${show(pick(d, ['start', 'EXSTDTC']))} – ${show(pick(d, ['end', 'EXENDTC']))}`,
  })).filter((d) => d.start !== null);
  const aes = (subject.aes || []).map((ae) => {
    const v = currentVersion(ae);
    return {
      term: pick(v, ['decod', 'pt', 'AEDECOD', 'term', 'AETERM']) ?? '?',
      grade: pick(v, ['grade', 'AETOXGR']),
      serious: pick(v, ['serious', 'AESER']),
      start: day(pick(v, ['start', 'onset', 'AESTDTC'])),
      end: day(pick(v, ['end', 'AEENDTC'])),
      startText: pick(v, ['start', 'onset', 'AESTDTC']),
      endText: pick(v, ['end', 'AEENDTC']),
    };
  }).filter((a) => a.start !== null).sort((a, b) => a.start - b.start);
  const severeLabs = (subject.labs || []).filter((l) => Number(l.grade) >= 3 && day(l.dtc) !== null);

  const days = [...doses.flatMap((d) => [d.start, d.end]), ...aes.flatMap((a) => [a.start, a.end]), ...severeLabs.map((l) => day(l.dtc))]
    .filter((d) => d !== null);
  if (!days.length) return el('p', { class: 'muted' }, 'No dated dosing or adverse events.');
  const first = Math.min(...days);
  const last = Math.max(...days, first + 1);
  const treatments = [...new Set(doses.map((d) => d.treatment))];
  const lanes = [...treatments.map((t) => ({ kind: 'dose', label: t })), ...(severeLabs.length ? [{ kind: 'lab', label: 'Lab grade ≥ 3' }] : []), ...aes.map((a) => ({ kind: 'ae', label: a.term, ae: a }))];
  const laneHeight = 20;
  const left = 185;
  const width = 760;
  const top = 8;
  const height = top + lanes.length * laneHeight + 28;
  const right = 45;
  const x = (d) => left + ((width - left - right) * (d - first)) / (last - first);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart timeline-chart', role: 'img', 'aria-label': `timeline of ${subject.usubjid}` });
  const ticks = 6;
  for (let i = 0; i <= ticks; i += 1) {
    const d = Math.round(first + ((last - first) * i) / ticks);
    chart.append(svg('line', { x1: x(d), x2: x(d), y1: top, y2: height - 24, class: 'grid' }),
      svg('text', { x: x(d), y: height - 8, class: 'tick', 'text-anchor': 'middle' }, isoDay(d)));
  }
  lanes.forEach((lane, i) => {
    const y = top + i * laneHeight;
    chart.append(svg('text', { x: left - 6, y: y + 14, class: `label lane-${lane.kind}`, 'text-anchor': 'end' }, lane.label.length > 24 ? `${lane.label.slice(0, 23)}…` : lane.label));
    if (lane.kind === 'dose') {
      for (const d of doses.filter((dose) => dose.treatment === lane.label)) {
        const x0 = x(d.start);
        const x1 = x(d.end ?? d.start);
        chart.append(svg('rect', { x: x0, y: y + 4, width: Math.max(3, x1 - x0), height: 12, class: 'dose' }, svg('title', {}, d.text)));
      }
    } else if (lane.kind === 'lab') {
      for (const l of severeLabs) {
        chart.append(svg('circle', { cx: x(day(l.dtc)), cy: y + 10, r: 4, class: `lab ${gradeClass(l.grade)}` },
          svg('title', {}, `${show(l.term)} grade ${show(l.grade)}: ${show(l.value)} ${show(l.unit)} on ${show(l.dtc)}`)));
      }
    } else {
      const a = lane.ae;
      const x0 = x(a.start);
      const x1 = a.end === null ? width - right : x(a.end);
      chart.append(svg('rect', { x: x0, y: y + 3, width: Math.max(4, x1 - x0), height: 14, class: `ae ${gradeClass(a.grade)}${a.end === null ? ' ongoing' : ''}`, dataset: { grade: raw(a.grade) } },
        svg('title', {}, `${a.term}: grade ${show(a.grade)}${a.serious === 'Y' || a.serious === true ? ', serious' : ''}; ${show(a.startText)} – ${a.endText ? a.endText : 'ongoing'}`)),
      svg('text', { x: x0 + 4, y: y + 14, class: 'in-bar' }, `G${show(a.grade)}`));
    }
  });
  return chart;
}

const LAB_COLUMNS = ['record_key', 'test_code', 'term', 'dtc', 'value', 'unit', 'grade', 'baseline_grade', 'treatment_emergent'];

// Graded results by default (a record CTCAE does not grade has term and
// grade null); every result with the box ticked.
function labTable(all) {
  const labs = byId('subject-all-labs').checked ? all : all.filter((l) => l.term !== null && l.term !== undefined);
  byId('subject-labs-count').textContent = `${labs.length} of ${all.length} results`;
  const table = byId('subject-labs');
  clear(table.tHead).append(el('tr', {}, LAB_COLUMNS.map((c) => el('th', {}, c.replaceAll('_', ' ')))));
  clear(table.tBodies[0]).append(...labs.map((l) => el('tr', { class: Number(l.grade) >= 3 ? 'severe' : '', dataset: { recordKey: l.record_key ?? '' } },
    LAB_COLUMNS.map((c) => el('td', { class: ['value', 'grade', 'baseline_grade'].includes(c) ? 'num' : '' }, show(l[c]))))));
  if (!labs.length) table.tBodies[0].append(el('tr', {}, el('td', { colspan: LAB_COLUMNS.length, class: 'muted' }, 'No graded laboratory results.')));
}

export function renderSubject(subject) {
  byId('subject-view').hidden = false;
  byId('subject-view').dataset.usubjid = subject.usubjid ?? '';
  const alerts = subject.alerts || [];
  byId('subject-title').textContent = `${show(subject.usubjid)} · cohort ${show(subject.cohort)} · ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  clear(byId('subject-chart')).append(timeline(subject));
  current = subject;
  labTable(subject.labs || []);
}

let current = null;

export function setupSubject() {
  byId('subject-all-labs').addEventListener('change', () => {
    if (current) labTable(current.labs || []);
  });
}

export function clearSubject() {
  current = null;
  byId('subject-view').hidden = true;
  clear(byId('subject-chart'));
  clear(byId('subject-labs').tHead);
  clear(byId('subject-labs').tBodies[0]);
  byId('subject-message').textContent = '';
  byId('subject-id').value = '';
}
