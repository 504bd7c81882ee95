// Building DOM and SVG nodes from data. Every text goes in as a text node,
// never as markup: terms, titles and notes come from feeds and people.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// el('td', {class: 'n', dataset: {cohort: 'A'}}, 'text', otherNode)
export function el(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

// A number as the API gave it (JSON numbers print the same in JS); null as
// a dash. No rounding here: the API has rounded (docs/definitions.md).
export function show(value) {
  if (value === null || value === undefined) return '—';
  return String(value);
}

// The raw value for data-value attributes the browser test reads.
export function raw(value) {
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function ci(interval) {
  if (!Array.isArray(interval) || interval.length !== 2) return '—';
  return `${show(interval[0])}–${show(interval[1])}`;
}
