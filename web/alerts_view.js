// Open alerts, newest first as the API lists them, with an acknowledge
// control per alert. Whether the token's role may acknowledge is learnt
// from the API: a 403 hides the controls for the rest of the session.

import { ApiError, call } from './api.js';
import { byId, clear, el, show } from './dom.js';

const PAGE = 50;
const MAY_ACK_KEY = 'vigil.mayAck';

let alerts = [];
let shown = PAGE;
let onUnauthorized = () => {};

export function mayAcknowledge() {
  return sessionStorage.getItem(MAY_ACK_KEY) !== 'no';
}

export function forgetRole() {
  sessionStorage.removeItem(MAY_ACK_KEY);
}

function filtered() {
  const kind = byId('alert-kind').value;
  const cohort = byId('alert-cohort').value;
  return alerts.filter((a) => (!kind || a.kind === kind) && (!cohort || a.cohort === cohort));
}

function options(select, values) {
  const current = select.value;
  clear(select).append(el('option', { value: '' }, 'all'), ...values.map((v) => el('option', { value: v }, v)));
  select.value = values.includes(current) ? current : '';
}

async function acknowledge(alert, note, button) {
  const message = byId('ack-message');
  button.disabled = true;
  try {
    const { data } = await call(`/api/v1/alerts/${encodeURIComponent(alert.id)}/ack`, { method: 'POST', body: { note } });
    const by = data && data.acknowledged_by ? ` by ${data.acknowledged_by}` : '';
    message.className = 'message ok';
    message.textContent = `Alert ${alert.id} acknowledged${by}.`;
    alerts = alerts.filter((a) => a.id !== alert.id);
    render();
  } catch (error) {
    button.disabled = false;
    if (error instanceof ApiError && error.status === 403) {
      sessionStorage.setItem(MAY_ACK_KEY, 'no');
      message.className = 'message error';
      message.textContent = 'Your role may not acknowledge alerts (physician or admin tokens may).';
      message.dataset.reason = 'forbidden';
      render();
    } else if (error instanceof ApiError) {
      message.className = 'message error';
      message.textContent = `Alert ${alert.id} was not acknowledged: ${error.message}`;
    } else {
      onUnauthorized(error);
    }
  }
}

function ackCell(alert) {
  if (!mayAcknowledge()) return el('td', { class: 'muted' }, '—');
  const note = el('input', { type: 'text', class: 'ack-note', placeholder: 'note', 'aria-label': `note for ${alert.id}`, maxlength: 2000 });
  const button = el('button', { type: 'button', class: 'ack', dataset: { alertId: alert.id } }, 'Acknowledge');
  button.addEventListener('click', () => acknowledge(alert, note.value, button));
  return el('td', { class: 'ack-cell' }, el('div', { class: 'ack-controls' }, note, button));
}

function row(alert) {
  return el('tr', { dataset: { alertId: alert.id, kind: alert.kind ?? '', severity: alert.severity ?? '', subject: alert.subject ?? '' } },
    el('td', { class: 'nowrap' }, show(alert.created_at)),
    el('td', {}, el('span', { class: `severity ${alert.severity ?? ''}` }, show(alert.severity))),
    el('td', {}, show(alert.kind)),
    el('td', {}, show(alert.cohort)),
    el('td', { class: 'nowrap' }, show(alert.subject)),
    el('td', { class: 'title' }, el('div', {}, show(alert.title)), alert.reason ? el('div', { class: 'muted small' }, alert.reason) : null),
    el('td', { class: 'nowrap' }, show(alert.due_at)),
    ackCell(alert));
}

// Notes being typed survive a re-render (the minute's refresh).
function typedNotes() {
  const notes = new Map();
  for (const input of byId('alert-table').querySelectorAll('input.ack-note')) {
    if (input.value) notes.set(input.closest('tr').dataset.alertId, input.value);
  }
  return notes;
}

function render() {
  const notes = typedNotes();
  const list = filtered();
  byId('alert-count').textContent = String(alerts.length);
  const body = clear(byId('alert-table').tBodies[0]);
  body.append(...list.slice(0, shown).map(row));
  for (const input of body.querySelectorAll('input.ack-note')) {
    const note = notes.get(input.closest('tr').dataset.alertId);
    if (note) input.value = note;
  }
  if (!list.length) body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No open alerts.')));
  const more = byId('alerts-more');
  more.hidden = list.length <= shown;
  more.textContent = `Show more (${Math.max(0, list.length - shown)} not shown)`;
}

export function setAlerts(document) {
  let next = Array.isArray(document) ? document : (document && document.alerts) || [];
  next = next.filter((a) => !a.state || a.state === 'open');
  const unchanged = next.length === alerts.length && next.every((a, i) => a.id === alerts[i].id);
  alerts = next;
  if (unchanged && byId('alert-table').tBodies[0].children.length) return;
  options(byId('alert-kind'), [...new Set(alerts.map((a) => a.kind))].filter(Boolean).sort());
  options(byId('alert-cohort'), [...new Set(alerts.map((a) => a.cohort))].filter(Boolean).sort());
  render();
}

export function clearAlerts() {
  alerts = [];
  shown = PAGE;
  clear(byId('alert-table').tBodies[0]);
  byId('alert-count').textContent = '';
  byId('ack-message').textContent = '';
}

export function setupAlerts(unauthorized) {
  onUnauthorized = unauthorized;
  byId('alert-kind').addEventListener('change', () => { shown = PAGE; render(); });
  byId('alert-cohort').addEventListener('change', () => { shown = PAGE; render(); });
  byId('alerts-more').addEventListener('click', () => { shown += PAGE; render(); });
}
