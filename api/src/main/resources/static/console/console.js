// The IVR operator console: vanilla JS, no build step. Reads /api/me, /api/calls (+ SSE streams),
// /api/calls/{id}/timeline, /api/flows/{id}/graph; operators POST /api/calls/{id}/actions.
'use strict';

const $ = (sel) => document.querySelector(sel);
const state = { me: null, calls: [], selected: null, snapshot: null, graphKey: null, graph: null,
  listStream: null, callStream: null, pending: null };
// E.164-looking values are never shown, even when a flow forgot to redact them
const PHONE = /^\+?[0-9][0-9 ()-]{6,}$/;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

async function api(path, options = {}) {
  const request = Object.assign({ credentials: 'same-origin', headers: { Accept: 'application/json' } }, options);
  // a state change carries the session's CSRF token (GET /api/me names the header)
  const csrf = state.me && state.me.csrf;
  if (csrf && request.method && request.method !== 'GET') {
    request.headers = Object.assign({}, request.headers, { [csrf.header]: csrf.token });
  }
  const response = await fetch(path, request);
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (response.status === 401) signedOut();
  if (!response.ok) {
    const error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

function banner(text) {
  const b = $('#banner');
  b.textContent = text || '';
  b.hidden = !text;
}

// the session ended (signed out elsewhere, idle, or past its lifetime): say so, and stop the live streams
function signedOut() {
  if (state.listStream) state.listStream.close();
  if (state.callStream) state.callStream.close();
  const b = $('#banner');
  b.replaceChildren('Your session has ended. ', el('a', { id: 'sign-in-again', href: '/console/', text: 'Sign in again' }));
  b.hidden = false;
}

// a stream that fails may mean the session ended: ask who we are, once
function watchSession(stream) {
  stream.addEventListener('error', () => {
    fetch('/api/me', { credentials: 'same-origin' }).then((r) => { if (r.status === 401) signedOut(); }).catch(() => {});
  });
}

function time(ms) { return ms ? new Date(ms).toLocaleTimeString() : ''; }
function duration(row) {
  if (!row.startedAtMillis) return '';
  const end = row.endedAtMillis || (row.live ? Date.now() : 0);
  if (!end) return '';
  const s = Math.max(0, Math.round((end - row.startedAtMillis) / 1000));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}
function shown(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return PHONE.test(text.trim()) ? '[number hidden]' : text;
}

// ---- the call list -------------------------------------------------------------------------
function renderList() {
  const filter = $('#filter').value.trim().toLowerCase();
  const body = $('#calls tbody');
  body.replaceChildren();
  for (const row of state.calls) {
    const hay = [row.workflowId, row.callId, row.flowId, row.callState, row.outcome, row.live ? 'live' : 'ended']
      .join(' ').toLowerCase();
    if (filter && !hay.includes(filter)) continue;
    const tr = el('tr', { 'data-id': row.workflowId, tabindex: '0', class: row.workflowId === state.selected ? 'selected' : '' },
      el('td', { class: 'mono', text: row.workflowId }),
      el('td', { text: (row.flowId || '') + (row.flowVersion ? ' @' + row.flowVersion.slice(0, 7) : '') }),
      el('td', { text: row.direction || '' }),
      el('td', { class: row.live ? 'live' : '', text: row.live ? (row.callState || 'live') : 'ended' }),
      el('td', { text: row.currentNode || '' }),
      el('td', { text: time(row.startedAtMillis) }),
      el('td', { text: duration(row) }),
      el('td', { class: 'outcome', text: row.outcome || '' }));
    tr.addEventListener('click', () => { location.hash = '#/calls/' + row.workflowId; });
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') location.hash = '#/calls/' + row.workflowId; });
    body.append(tr);
  }
}

function showCalls(list) {
  state.calls = list.calls || [];
  const note = $('#index-note');
  note.hidden = list.indexAvailable !== false;
  note.textContent = list.indexAvailable === false ? (list.note || 'No call index yet.') : '';
  renderList();
}

function watchList() {
  api('/api/calls').then(showCalls).catch((e) => banner('Calls: ' + e.message));
  const stream = new EventSource('/api/calls/stream');
  stream.addEventListener('calls', (e) => { banner(''); showCalls(JSON.parse(e.data)); });
  stream.addEventListener('unavailable', () => banner('The workflow service cannot be reached; retrying…'));
  watchSession(stream);
  state.listStream = stream;
}

// ---- one call ------------------------------------------------------------------------------
function openCall(workflowId) {
  if (state.callStream) state.callStream.close();
  // an action asked on the previous call must never be confirmed on this one
  state.pending = null;
  $('#confirm').hidden = true;
  state.selected = workflowId;
  state.snapshot = null;
  renderList();
  $('#call-pane').hidden = false;
  $('#call-title').textContent = 'Call ' + workflowId;
  api('/api/calls/' + workflowId).then(showSnapshot).catch((e) => banner('Call: ' + e.message));
  const stream = new EventSource('/api/calls/' + workflowId + '/stream');
  stream.addEventListener('snapshot', (e) => { banner(''); showSnapshot(JSON.parse(e.data)); });
  stream.addEventListener('ended', () => stream.close());
  stream.addEventListener('unknown', () => { stream.close(); banner('No such call: ' + workflowId); });
  stream.addEventListener('unavailable', () => banner('The workflow service cannot be reached; retrying…'));
  watchSession(stream);
  state.callStream = stream;
}

function showSnapshot(s) {
  if (!s || s.workflowId !== state.selected) return;
  state.snapshot = s;
  $('#call-flow').textContent = (s.flowId || '') + (s.flowVersion ? ' @' + s.flowVersion : '');
  $('#call-direction').textContent = s.direction || '';
  $('#call-state').textContent = s.callState || '';
  $('#call-node').textContent = s.currentNode ? s.currentNode + ' (' + (s.currentNodeType || '') + ')' : '';
  $('#call-outcome').textContent = s.outcome || 'in progress';
  $('#call-started').textContent = s.startedAtMillis ? new Date(s.startedAtMillis).toLocaleString() : '';
  renderVariables(s.variables || {});
  renderAudit(s.audit || []);
  renderRecordings(s);
  renderActions(s);
  loadGraph(s).then(() => renderDiagram(s));
  api('/api/calls/' + s.workflowId + '/timeline').then(renderTimeline).catch(() => {});
}

function renderVariables(vars) {
  const body = $('#variables tbody');
  body.replaceChildren();
  for (const [name, value] of Object.entries(vars)) {
    const text = shown(value);
    const redacted = /redacted|hidden/.test(text);
    body.append(el('tr', {}, el('td', { class: 'mono', text: name }), el('td', { class: redacted ? 'redacted' : '', text })));
  }
}

function renderAudit(entries) {
  const list = $('#audit');
  list.replaceChildren();
  if (!entries.length) list.append(el('li', { text: 'No operator actions.' }));
  for (const a of entries) {
    const act = a.action || {};
    list.append(el('li', {}, el('time', { text: time(a.receivedAtMillis) }),
      (act.operator || '?') + ': ' + act.type + (act.promptKey ? ' ' + act.promptKey : '') +
      (act.reason ? ' — ' + act.reason : '') + ' at ' + (a.atNode || '?') + ' → ' + (a.result || '')));
  }
}

function renderTimeline(t) {
  if (!state.snapshot || t.workflowId !== state.snapshot.workflowId) return;
  const list = $('#timeline');
  list.replaceChildren();
  for (const entry of t.entries) {
    list.append(el('li', { class: 'kind-' + entry.kind, 'data-kind': entry.kind },
      el('time', { text: time(entry.atMillis) }), entry.text));
  }
}

function renderRecordings(s) {
  const list = $('#recordings');
  const recs = s.recordings || [];
  if (list.childElementCount === recs.length && list.dataset.call === s.workflowId) return; // keep players as they are
  list.dataset.call = s.workflowId;
  list.replaceChildren();
  if (!recs.length) list.append(el('li', { text: 'No recordings.' }));
  recs.forEach((r, i) => {
    const audio = el('audio', { controls: '', preload: 'metadata', src: '/api/calls/' + s.workflowId + '/recordings/' + i,
      'aria-label': 'Recording ' + (i + 1) + ' at ' + r.nodeId });
    list.append(el('li', {}, 'At ' + r.nodeId + ', ' + (r.durationMillis / 1000).toFixed(1) + ' s (' +
      (r.completionReason || '') + ') ', audio));
  });
}

function renderActions(s) {
  const can = !!(state.me && state.me.canAct);
  const live = !s.outcome;
  for (const id of ['#btn-hangup', '#btn-transfer', '#btn-announce', '#transfer-target', '#transfer-kind', '#announce-key']) {
    $(id).disabled = !can || !live;
  }
  $('#actions-note').textContent = !can ? 'Read-only: your role is viewer.' : (!live ? 'The call has ended.' : '');
}

function ask(text, request) {
  // the confirmation belongs to the call it was asked on
  state.pending = { workflowId: state.selected, request };
  $('#confirm-text').textContent = text;
  $('#confirm').hidden = false;
  $('#confirm-yes').focus();
}

async function confirmAction() {
  const pending = state.pending;
  $('#confirm').hidden = true;
  state.pending = null;
  if (!pending || !pending.workflowId || pending.workflowId !== state.selected) return;
  const request = pending.request;
  try {
    await api('/api/calls/' + pending.workflowId + '/actions', { method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(request) });
    $('#actions-note').textContent = 'Sent: ' + request.type + '.';
  } catch (e) {
    $('#actions-note').textContent = 'Refused: ' + e.message;
  }
}

// ---- the flow diagram ----------------------------------------------------------------------
async function loadGraph(s) {
  const key = s.flowId + '@' + s.flowVersion;
  if (!s.flowId || state.graphKey === key) return;
  state.graphKey = key;
  try {
    state.graph = await api('/api/flows/' + encodeURIComponent(s.flowId) + '/graph' +
      (s.flowVersion ? '?version=' + encodeURIComponent(s.flowVersion) : ''));
  } catch (e) {
    state.graph = null;
    $('#diagram').textContent = 'The flow ' + key + ' is not loaded in this api: ' + e.message;
    return;
  }
  const select = $('#announce-key');
  select.replaceChildren(...state.graph.prompts.map((p) => el('option', { value: p, text: p })));
}

function layout(diagram) {
  // longest-path-free layering: breadth first from the start node; unreached nodes go last
  const layer = new Map([[diagram.start, 0]]);
  const queue = [diagram.start];
  const next = new Map(diagram.nodes.map((n) => [n.id, []]));
  diagram.edges.forEach((e) => next.has(e.from) && next.get(e.from).push(e.to));
  while (queue.length) {
    const id = queue.shift();
    for (const to of next.get(id) || []) {
      if (!layer.has(to) && next.has(to)) { layer.set(to, layer.get(id) + 1); queue.push(to); }
    }
  }
  const deepest = Math.max(0, ...layer.values());
  diagram.nodes.forEach((n) => { if (!layer.has(n.id)) layer.set(n.id, deepest + 1); });
  const rows = [];
  diagram.nodes.forEach((n) => { const l = layer.get(n.id); (rows[l] = rows[l] || []).push(n.id); });
  // fewer crossings: order each layer by the mean position of its parents in the layers above
  const order = new Map();
  const parents = new Map(diagram.nodes.map((n) => [n.id, []]));
  diagram.edges.forEach((e) => parents.has(e.to) && parents.get(e.to).push(e.from));
  rows.forEach((row) => {
    if (!row) return;
    const rank = (id) => {
      const above = parents.get(id).filter((p) => order.has(p) && layer.get(p) < layer.get(id));
      return above.length ? above.reduce((sum, p) => sum + order.get(p), 0) / above.length : Infinity;
    };
    row.sort((a, b) => rank(a) - rank(b));
    row.forEach((id, i) => order.set(id, i / Math.max(1, row.length - 1)));
  });
  const W = 130, H = 38, GX = 40, GY = 70;
  const width = Math.max(...rows.map((r) => (r ? r.length : 0))) * (W + GX) + GX;
  const pos = new Map();
  rows.forEach((row, l) => row && row.forEach((id, i) => {
    const offset = (width - row.length * (W + GX) + GX) / 2;
    pos.set(id, { x: offset + i * (W + GX), y: 20 + l * (H + GY), w: W, h: H });
  }));
  return { pos, width, height: 20 + rows.length * (H + GY) };
}

function renderDiagram(s) {
  if (!state.graph) return;
  const d = state.graph.diagram;
  const visited = new Set((s.path || []).map((p) => p.nodeId));
  const svgNs = 'http://www.w3.org/2000/svg';
  const mk = (tag, attrs, text) => {
    const n = document.createElementNS(svgNs, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const { pos, width, height } = layout(d);
  // scales down to the pane's width, never up
  const svg = mk('svg', { width: '100%', viewBox: `0 0 ${width} ${height}`, style: `max-width:${width}px`,
    preserveAspectRatio: 'xMidYMin meet' });
  const defs = mk('defs', {});
  const marker = mk('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(mk('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#9aa3b2' }));
  defs.append(marker);
  svg.append(defs);
  for (const e of d.edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    const g = mk('g', { class: 'edge', 'data-from': e.from, 'data-to': e.to });
    const x1 = a.x + a.w / 2, y1 = a.y + a.h, x2 = b.x + b.w / 2;
    const down = b.y > a.y;
    const y2 = down ? b.y : b.y + b.h;
    const bend = down ? 0 : 60;
    g.append(mk('path', { d: `M ${x1} ${y1} C ${x1 + bend} ${y1 + 30}, ${x2 + bend} ${y2 + (down ? -30 : 30)}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }));
    if (e.label) g.append(mk('text', { x: (x1 + x2) / 2 + 4, y: (y1 + y2) / 2, 'text-anchor': 'middle' }, e.label));
    svg.append(g);
  }
  for (const n of d.nodes) {
    const p = pos.get(n.id);
    const cls = 'node' + (visited.has(n.id) ? ' visited' : '') + (n.id === s.currentNode && !s.outcome ? ' current' : '')
      + (n.id === s.currentNode ? ' last' : '');
    const g = mk('g', { class: cls, 'data-node': n.id });
    g.append(mk('title', {}, n.id + ' (' + n.type + ')' + (visited.has(n.id) ? ', visited' : '')));
    g.append(mk('rect', { x: p.x, y: p.y, width: p.w, height: p.h, rx: 5 }));
    g.append(mk('text', { x: p.x + p.w / 2, y: p.y + 16, 'text-anchor': 'middle' }, n.id));
    g.append(mk('text', { class: 'type', x: p.x + p.w / 2, y: p.y + 30, 'text-anchor': 'middle' }, n.type));
    svg.append(g);
  }
  $('#diagram').replaceChildren(svg);
}

// ---- wiring --------------------------------------------------------------------------------
function route() {
  const m = location.hash.match(/^#\/calls\/([A-Za-z0-9-]+)$/);
  if (m) openCall(m[1]);
}

async function start() {
  try {
    state.me = await api('/api/me');
    $('#who').textContent = state.me.user + ' (' + (state.me.roles.join(', ') || 'no role') + ')';
    if (state.me.canSignOut && state.me.csrf) {
      // a plain form POST: the api ends the session, then Entra's, and the browser comes back signed out
      $('#sign-out [name=_csrf]').name = state.me.csrf.parameter;
      $('#sign-out input[type=hidden]').value = state.me.csrf.token;
      $('#sign-out').hidden = false;
    }
  } catch (e) {
    banner('Who are you? ' + e.message);
  }
  $('#filter').addEventListener('input', renderList);
  $('#btn-hangup').addEventListener('click', () => ask('Hang up this call now?', { type: 'hangup', reason: 'operator console' }));
  $('#btn-transfer').addEventListener('click', () => ask('Transfer this call to the ' +
    ($('#transfer-kind').value === 'user' ? 'agent' : 'number') + ' entered?', {
    type: 'transfer', target: $('#transfer-target').value.trim(), targetKind: $('#transfer-kind').value, reason: 'operator console' }));
  $('#btn-announce').addEventListener('click', () => ask('Play "' + $('#announce-key').value + '" to the caller?',
    { type: 'announce', promptKey: $('#announce-key').value, reason: 'operator console' }));
  $('#confirm-yes').addEventListener('click', confirmAction);
  $('#confirm-no').addEventListener('click', () => { $('#confirm').hidden = true; state.pending = null; });
  window.addEventListener('hashchange', route);
  watchList();
  route();
  window.consoleReady = true;
}

start();
