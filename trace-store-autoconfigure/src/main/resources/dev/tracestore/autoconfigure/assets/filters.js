// The start page's filters from the listing routes: services and their operations as drop-downs, attribute keys
// and their most frequent values as suggestions for the attribute filter. What the store lists is what it holds.
import { el } from './dom.js';
import { base, getJson } from './api.js';

const MAX_SERVICES_FOR_ALL_OPERATIONS = 20;
const SUGGESTED_VALUES = 20;
// The scopes of docs/queries.md: a span key is written bare, the others with their prefix.
const PREFIX = { span: '', resource: 'resource.', event: 'event.', link: 'link.', instrumentation: 'instrumentation.' };

/** Options of a <select>: "any" first, then the given values, keeping the current (or wanted) value selectable. */
export function fillSelect(select, values, wanted) {
  const current = wanted !== undefined && wanted !== null ? wanted : select.value;
  const any = el('option', null, 'any');
  any.value = '';
  const options = [any];
  const listed = [...new Set(values)];
  if (current && !listed.includes(current)) {
    listed.unshift(current);
  }
  listed.forEach((value) => {
    const option = el('option', null, value);
    option.value = value;
    options.push(option);
  });
  select.replaceChildren(...options);
  select.value = current || '';
}

/**
 * The services from /services (handed to addServices, which draws the service drop-down), and the operation
 * drop-down from /services/{service}/operations: of the chosen service, else of every service listed.
 */
export async function wireServiceAndOperation(form, query, addServices) {
  const services = form.elements.service;
  let names = [];
  try {
    names = (await getJson(base + '/services')).services.map((service) => service.name).filter(Boolean);
  } catch (error) {
    // The services seen in the listed traces stay the choice; the search itself reports what went wrong.
  }
  addServices(names);
  const fillOperations = async (wanted) => {
    form.elements.name.dataset.filled = 'false';
    const chosen = services.value ? [services.value] : names.slice(0, MAX_SERVICES_FOR_ALL_OPERATIONS);
    const lists = await Promise.all(chosen.map((service) => getJson(base + '/services/'
      + encodeURIComponent(service) + '/operations').then((answer) => answer.operations, () => [])));
    fillSelect(form.elements.name, lists.flat().map((operation) => operation.name).sort(), wanted);
    form.elements.name.dataset.filled = 'true';
  };
  services.addEventListener('change', () => fillOperations(''));
  await fillOperations(query.get('name'));
}

/**
 * Suggestions while typing an attribute condition: keys first (from /keys), then, after an operator, the key's most
 * frequent values starting with what is typed (from /keys/{key}/values). Enter or "Add" appends the condition to the
 * attribute lines.
 */
export function wireAttributeSuggestions(form) {
  const entry = document.getElementById('attr-entry');
  const list = document.getElementById('attr-suggestions');
  let keys = null;
  let timer = 0;
  let asked = '';
  const show = (values) => list.replaceChildren(...values.map((value) => {
    const option = el('option');
    option.value = value;
    return option;
  }));
  const suggest = async () => {
    const text = entry.value;
    const operator = /(!=|>=|<=|=~|!~|=|>|<)/.exec(text);
    if (!operator) {
      // Asked once; every suggestion while it is on its way waits for the same answer.
      keys = keys || getJson(base + '/keys').then((answer) => [...new Set(answer.keys.map((key) =>
        PREFIX[key.scope] + key.key))]);
      const known = await keys;
      // Only the answer for what is in the box now: an earlier, slower answer must not replace a later one.
      if (entry.value === text) {
        show(known.filter((key) => key.startsWith(text.trim())));
      }
      return;
    }
    const key = text.substring(0, operator.index).trim();
    const prefix = text.substring(operator.index + operator[0].length);
    if (!key || key + '\u0000' + prefix === asked) {
      return;
    }
    asked = key + '\u0000' + prefix;
    const parameters = new URLSearchParams({ prefix, limit: String(SUGGESTED_VALUES) });
    const answer = await getJson(base + '/keys/' + encodeURIComponent(key) + '/values?' + parameters);
    if (entry.value === text) {
      show(answer.values.map((value) => key + operator[0] + value.value));
    }
  };
  const failed = () => {
    keys = null;
    show([]);
  };
  entry.addEventListener('focus', () => suggest().catch(failed));
  entry.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest().catch(failed), 150);
  });
  const add = () => {
    const condition = entry.value.trim();
    if (condition) {
      const lines = form.elements.attr.value.split('\n').map((line) => line.trim()).filter(Boolean);
      form.elements.attr.value = lines.concat(condition).join('\n');
      entry.value = '';
      asked = '';
    }
  };
  entry.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  });
  document.getElementById('attr-add').addEventListener('click', add);
}
