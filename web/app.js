// The dashboard's entry point: sign-in, loading the API's documents and
// handing them to the views. Nothing is requested before a token is given.

import { ApiError, Unauthorized, call, signIn, signOut, takeTokenFromFragment, token } from './api.js';
import { clearAlerts, forgetRole, setAlerts, setupAlerts } from './alerts_view.js';
import { byId, clear, el } from './dom.js';
import { ruleRows, renderRules } from './rules_view.js';
import { clearSubject, renderSubject, setupSubject } from './subject_view.js';
import { cohortLabel, renderCategories, renderLabShifts, renderOverview, renderSocPt } from './summary_view.js';

const REFRESH_MS = 60000;

const state = {
  summary: null,
  summaryEtag: null,
  asof: '',
  cohort: null,
  timer: null,
};

function showSignIn(message) {
  byId('dashboard').hidden = true;
  byId('session').hidden = true;
  byId('signin').hidden = false;
  byId('signin-message').textContent = message || '';
  byId('token').value = '';
  byId('token').focus();
}

// Everything the page showed goes when the token goes.
function forget() {
  clearInterval(state.timer);
  Object.assign(state, { summary: null, summaryEtag: null, asof: '', cohort: null, timer: null });
  signOut();
  forgetRole();
  clearAlerts();
  clearSubject();
  for (const id of ['headline', 'category-charts', 'rule-charts', 'lab-shifts', 'cohort-tabs']) clear(byId(id));
  for (const id of ['summary-meta', 'after-cutoff', 'lab-no-baseline', 'rules-source']) byId(id).textContent = '';
  clear(byId('soc-pt').tHead);
  clear(byId('soc-pt').tBodies[0]);
  byId('asof').value = '';
}

function unauthorized(error) {
  if (error instanceof Unauthorized) {
    forget();
    showSignIn('The token was not accepted (wrong or revoked). Sign in again.');
    return true;
  }
  return false;
}

function reportError(error) {
  if (unauthorized(error)) return;
  const box = byId('load-error');
  box.hidden = false;
  box.textContent = error instanceof ApiError ? `The daemon answered ${error.status}: ${error.message}` : String(error.message || error);
}

function renderCohortTables() {
  const cohorts = (state.summary && state.summary.cohorts) || [];
  const cohort = cohorts.find((c) => c.id === state.cohort) || cohorts[0];
  if (!cohort) return;
  state.cohort = cohort.id;
  for (const tab of byId('cohort-tabs').children) tab.setAttribute('aria-selected', String(tab.dataset.cohort === cohort.id));
  renderSocPt(cohort, byId('ae-table-kind').value);
  renderLabShifts(cohort);
}

function renderSummary() {
  const summary = state.summary;
  renderOverview(summary);
  renderCategories(summary);
  clear(byId('cohort-tabs')).append(...(summary.cohorts || []).map((cohort) => el('button', {
    type: 'button', role: 'tab', class: 'tab', dataset: { cohort: cohort.id },
    onclick: () => { state.cohort = cohort.id; renderCohortTables(); },
  }, cohortLabel(cohort))));
  renderCohortTables();
  if (!state.asof && /^\d{4}-\d{2}-\d{2}$/.test(summary.asof || '')) byId('asof').value = summary.asof;
}

function query() {
  return state.asof ? `?asof=${encodeURIComponent(state.asof)}` : '';
}

async function loadSummary() {
  const result = await call(`/api/v1/summary${query()}`, { etag: state.summary ? state.summaryEtag : null });
  if (result.status === 304) return false;
  state.summary = result.data;
  state.summaryEtag = result.etag;
  renderSummary();
  return true;
}

// GET /api/v1/rules; until a daemon has it, the summary's own stopping-rule
// rows (the same evaluation).
async function loadRules() {
  try {
    const { data } = await call(`/api/v1/rules${query()}`);
    renderRules(ruleRows(data, null), 'From /api/v1/rules.');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    renderRules(ruleRows(null, state.summary), 'From the summary\'s stopping_rules.');
  }
}

async function loadAlerts() {
  const { data } = await call('/api/v1/alerts?state=open');
  setAlerts(data);
}

async function loadAll() {
  byId('load-error').hidden = true;
  try {
    await loadSummary();
    await Promise.all([loadRules(), loadAlerts()]);
  } catch (error) {
    reportError(error);
  }
}

async function refresh() {
  if (document.hidden || !token()) return;
  try {
    const changed = await loadSummary();
    if (changed) await loadRules();
    await loadAlerts();
  } catch (error) {
    reportError(error);
  }
}

function enter() {
  byId('signin').hidden = true;
  byId('signin-message').textContent = '';
  byId('dashboard').hidden = false;
  byId('session').hidden = false;
  loadAll();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, REFRESH_MS);
}

async function showSubject(event) {
  event.preventDefault();
  const id = byId('subject-id').value.trim();
  const message = byId('subject-message');
  if (!id) return;
  message.textContent = `Loading ${id}…`;
  try {
    const { data } = await call(`/api/v1/subjects/${encodeURIComponent(id)}`);
    message.textContent = '';
    renderSubject(data);
  } catch (error) {
    if (unauthorized(error)) return;
    byId('subject-view').hidden = true;
    message.textContent = error instanceof ApiError && error.status === 404 ? `No subject ${id}.` : `Could not load ${id}: ${error.message}`;
  }
}

function start() {
  byId('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = byId('token').value.trim();
    if (!value) return;
    signIn(value);
    forgetRole();
    byId('token').value = '';
    enter();
  });
  byId('sign-out').addEventListener('click', () => {
    forget();
    showSignIn('Signed out.');
  });
  byId('asof-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.asof = byId('asof').value;
    state.summary = null;
    loadAll();
  });
  byId('asof-latest').addEventListener('click', () => {
    state.asof = '';
    state.summary = null;
    byId('asof').value = '';
    loadAll();
  });
  byId('ae-table-kind').addEventListener('change', renderCohortTables);
  byId('subject-form').addEventListener('submit', showSubject);
  setupSubject();
  setupAlerts((error) => (unauthorized(error) ? null : reportError(error)));
  window.addEventListener('hashchange', () => {
    if (takeTokenFromFragment()) {
      forgetRole();
      enter();
    }
  });

  if (takeTokenFromFragment()) forgetRole();
  if (token()) enter();
  else showSignIn('');
}

start();
