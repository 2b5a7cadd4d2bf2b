import './styles.css';
import type { MetaResponse, StatusResponse } from '../shared/api-types';
import { getJson } from './api';
import { fillSelect } from './controls';
import { byId } from './dom';
import { readState, type ViewState, writeState } from './url-state';
import type { ViewContext } from './view-context';
import { renderOverview } from './views/overview-view';
import { renderTablesView } from './views/tables-view';
import { renderTimeseries } from './views/timeseries-view';

const RANGE_LABELS: Readonly<Record<string, string>> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  mtd: 'Month to date',
  qtd: 'Quarter to date',
  ytd: 'Year to date',
  '365d': 'Last 365 days',
  custom: 'Custom…',
};

/** Query keys the API reads for each view (the rest of the state stays in the URL only). */
const API_KEYS: readonly (keyof ViewState)[] = [
  'range',
  'from',
  'to',
  'org',
  'project',
  'model',
  'by',
  'grain',
  'tz',
  'metric',
  'endpoint',
];

let state = readState(window.location.search);
let disposers: (() => void)[] = [];
let renderCount = 0;

async function waitUntilReady(): Promise<StatusResponse> {
  const loading = byId<HTMLElement>('loading');
  for (;;) {
    const status = await getJson<StatusResponse>('/api/status');
    if (status.state !== 'loading') {
      loading.hidden = true;
      return status;
    }
    loading.hidden = false;
    byId<HTMLElement>('loading-label').textContent =
      `Loading a year of usage: ${status.progress.label} (${status.progress.done} of ${status.progress.total || '…'} requests)`;
    const progress = byId<HTMLProgressElement>('loading-progress');
    progress.max = Math.max(1, status.progress.total);
    progress.value = status.progress.done;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function showError(message: string | null): void {
  const error = byId<HTMLElement>('error');
  error.hidden = message === null;
  error.textContent = message ?? '';
}

/** Says once, above every view, what the data lacks (names, a refused grouping, a failed part). */
function showNotices(notices: readonly string[]): void {
  const list = byId<HTMLUListElement>('notices');
  list.replaceChildren(
    ...notices.map((notice) => {
      const item = document.createElement('li');
      item.textContent = notice;
      return item;
    }),
  );
  list.hidden = notices.length === 0;
}

function setupFilters(meta: MetaResponse): void {
  const form = byId<HTMLFormElement>('filters');
  fillSelect(
    byId('filter-range'),
    Object.entries(RANGE_LABELS).map(([value, label]) => ({ value, label })),
    state.range,
  );
  fillSelect(
    byId('filter-org'),
    [
      { value: '', label: meta.organizations.length > 1 ? 'All organizations' : 'All' },
      ...meta.organizations.map((org) => ({ value: org.id, label: org.name, title: org.id })),
    ],
    state.org,
  );
  fillSelect(
    byId('filter-project'),
    [
      { value: '', label: 'All projects' },
      ...meta.projects.map((project) => ({
        value: project.id,
        label: project.name,
        title: project.id,
      })),
    ],
    state.project,
  );
  fillSelect(
    byId('filter-model'),
    [
      { value: '', label: 'All models' },
      ...meta.models.map((model) => ({ value: model, label: model })),
    ],
    state.model,
  );
  byId<HTMLInputElement>('filter-from').value = state.from;
  byId<HTMLInputElement>('filter-to').value = state.to;
  form.dataset.range = state.range;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const change: Partial<ViewState> = { [target.name]: target.value };
    if (target.name === 'range' && target.value === 'custom' && state.from === '') {
      const end = new Date(meta.now * 1000);
      change.to = end.toISOString().slice(0, 10);
      change.from = new Date(end.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
      byId<HTMLInputElement>('filter-from').value = change.from;
      byId<HTMLInputElement>('filter-to').value = change.to;
    }
    update(change);
  });
}

/** Shows the state in the filter bar (after back/forward navigation too). */
function syncFilters(): void {
  byId<HTMLFormElement>('filters').dataset.range = state.range;
  for (const name of ['range', 'org', 'project', 'model'] as const) {
    byId<HTMLSelectElement>(`filter-${name}`).value = state[name];
  }
  byId<HTMLInputElement>('filter-from').value = state.from;
  byId<HTMLInputElement>('filter-to').value = state.to;
}

function update(change: Partial<ViewState>, push = true): void {
  state = { ...state, ...change };
  const search = writeState(state);
  if (push)
    window.history.pushState(null, '', search === '' ? window.location.pathname : `?${search}`);
  void render();
}

let meta: MetaResponse | undefined;

async function render(): Promise<void> {
  if (meta === undefined) return;
  renderCount += 1;
  const current = renderCount;
  for (const dispose of disposers) dispose();
  disposers = [];
  syncFilters();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#views a')) {
    const params = new URLSearchParams(writeState(state));
    params.set('view', link.dataset.view ?? 'overview');
    link.href = `?${params.toString()}`;
    link.toggleAttribute('aria-current', link.dataset.view === state.view);
    if (link.dataset.view === state.view) link.setAttribute('aria-current', 'page');
  }
  const content = byId<HTMLElement>('content');
  content.setAttribute('aria-busy', 'true');
  const context: ViewContext = {
    state,
    meta,
    query: writeState(state, API_KEYS),
    update,
    onDispose: (dispose) => disposers.push(dispose),
  };
  const target = document.createElement('div');
  target.className = 'view';
  try {
    if (state.view === 'overview') await renderOverview(target, context);
    else if (state.view === 'time') await renderTimeseries(target, context);
    else await renderTablesView(target, context, state.view);
    if (current !== renderCount) return;
    content.replaceChildren(target);
    content.dataset.view = state.view;
    showError(null);
  } catch (error) {
    if (current !== renderCount) return;
    showError(error instanceof Error ? error.message : 'Something went wrong');
  } finally {
    if (current === renderCount) content.setAttribute('aria-busy', 'false');
  }
}

async function start(): Promise<void> {
  try {
    const status = await waitUntilReady();
    if (status.state === 'failed') {
      showError(`Loading failed: ${status.error ?? 'unknown error'}`);
      return;
    }
    showNotices(status.notices);
    meta = await getJson<MetaResponse>('/api/meta');
    byId<HTMLElement>('demo-badge').hidden = !meta.demo;
    byId<HTMLElement>('org-name').textContent = meta.organizations
      .map((org) => org.name)
      .join(' · ');
    setupFilters(meta);
    document.querySelector('#views')?.addEventListener('click', (event) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-view]');
      if (link === null) return;
      event.preventDefault();
      update({ view: readState(`?view=${link.dataset.view ?? ''}`).view });
    });
    window.addEventListener('popstate', () => {
      state = readState(window.location.search);
      void render();
    });
    await render();
  } catch (error) {
    showError(error instanceof Error ? error.message : 'Something went wrong');
  }
}

void start();
