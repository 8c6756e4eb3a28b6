import { formatConnectionSet } from '../../query/index.js';
import type { PortFilter } from '../port-filter.js';
import { allowsFilter, parsePortFilter } from '../port-filter.js';
import type { ReportData } from '../report-data.js';
import { h, section } from './dom.js';

/** Okabe-Ito's colour-blind-safe palette, cycled over namespaces. */
const PALETTE = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#999999',
];

/** Edges get arrowheads only when at most this many are shown. */
const MAX_ARROWED_EDGES = 1500;

/** Edge labels are drawn only when at most this many edges are shown. */
const MAX_LABELLED_EDGES = 150;

interface View {
  scale: number;
  x: number;
  y: number;
}

/**
 * The workload graph on a canvas: positions come with the data (ForceAtlas2 at build time),
 * so the page only draws. Edges are stroked in one path per style, which keeps 20,000 edges
 * to a few milliseconds per frame. Drag to pan, wheel or +/- to zoom, arrows to pan from the
 * keyboard, click a node to list its connections.
 */
export function renderGraph(data: ReportData): void {
  const root = section('graph-section', 'Workload graph');
  const nsSelect = h(
    'select',
    { id: 'graph-namespace' },
    h('option', { value: '' }, 'all namespaces'),
    ...data.namespaces.map((ns, i) => h('option', { value: String(i) }, ns)),
  );
  const portBox = h('input', {
    type: 'text',
    id: 'graph-port',
    placeholder: 'any port, or 443, 53/udp',
  });
  const protocol = h(
    'select',
    { id: 'graph-protocol' },
    ...['any', 'TCP', 'UDP', 'SCTP'].map((p) => h('option', { value: p }, p)),
  );
  const cross = h('input', { type: 'checkbox', id: 'graph-cross' });
  const canvas = h('canvas', {
    id: 'graph',
    tabindex: 0,
    role: 'img',
    'aria-label': 'workload graph; arrow keys pan, + and - zoom',
  });
  const info = h('div', { id: 'graph-info', 'aria-live': 'polite' });
  root.append(
    h(
      'div',
      { class: 'controls' },
      h('label', {}, 'Namespace', nsSelect),
      h('label', {}, 'Port', portBox),
      h('label', {}, 'Protocol', protocol),
      h('label', {}, h('span', {}, 'only cross-namespace'), cross),
    ),
    h('div', { id: 'graph-wrap' }, canvas),
    info,
  );
  const added = new Set((data.diff?.added ?? []).map((c) => `${c.from}\n${c.to}`));
  const byName = new Map(data.nodes.map((n, i) => [n.name, i]));
  const removed = (data.diff?.removed ?? []).flatMap((c) => {
    const from = byName.get(c.from) ?? byName.get('external');
    const to = byName.get(c.to) ?? byName.get('external');
    return from === undefined || to === undefined ? [] : [[from, to] as const];
  });
  // Each namespace's label sits above its workloads, centred: computed once, drawn every frame.
  const labels = data.namespaces.flatMap((name, i) => {
    const members = data.nodes.filter((n) => n.namespace === i);
    if (members.length === 0) return [];
    const x = members.reduce((sum, n) => sum + n.x, 0) / members.length;
    return [{ name, x, y: Math.min(...members.map((n) => n.y)) }];
  });
  let visible: number[] = [];
  const view: View = { scale: 1, x: 0, y: 0 };

  const filterEdges = (): void => {
    const ns = nsSelect.value === '' ? undefined : Number(nsSelect.value);
    const parsed = parsePortFilter(portBox.value) ?? {};
    const filter: PortFilter = {
      ...parsed,
      ...(protocol.value === 'any' ? {} : { protocol: protocol.value as 'TCP' | 'UDP' | 'SCTP' }),
    };
    const allows = data.portSets.map((set) => allowsFilter(set, filter));
    visible = [];
    data.edges.forEach(([from, to, set], i) => {
      const a = data.nodes[from]?.namespace;
      const b = data.nodes[to]?.namespace;
      if (ns !== undefined && a !== ns && b !== ns) return;
      if (cross.checked && a === b) return;
      if (allows[set] === true) visible.push(i);
    });
    info.textContent = `${visible.length} of ${data.edges.length} connections shown`;
    canvas.dataset.edges = String(visible.length);
    draw();
  };

  const fitView = (): void => {
    const xs = data.nodes.map((n) => n.x);
    const ys = data.nodes.map((n) => n.y);
    const [minX, maxX, minY, maxY] = [
      Math.min(...xs, 0),
      Math.max(...xs, 1),
      Math.min(...ys, 0),
      Math.max(...ys, 1),
    ];
    const w = canvas.clientWidth || 800;
    const hgt = canvas.clientHeight || 600;
    view.scale = 0.9 * Math.min(w / (maxX - minX || 1), hgt / (maxY - minY || 1));
    view.x = w / 2 - view.scale * ((minX + maxX) / 2);
    view.y = hgt / 2 - view.scale * ((minY + maxY) / 2);
  };

  const draw = (): void => {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 800;
    const hgt = canvas.clientHeight || 600;
    if (canvas.width !== w * ratio) canvas.width = w * ratio;
    if (canvas.height !== hgt * ratio) canvas.height = hgt * ratio;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    const px = (i: number): [number, number] => {
      const n = data.nodes[i];
      return n === undefined ? [0, 0] : [view.x + view.scale * n.x, view.y + view.scale * n.y];
    };
    const radius = Math.max(2, Math.min(8, view.scale * 2));
    // Arrowheads show the direction while few enough edges are drawn to tell them apart.
    const arrows = visible.length <= MAX_ARROWED_EDGES;
    const stroke = (
      edges: readonly (readonly [number, number])[],
      style: string,
      width: number,
      dash: number[],
    ): void => {
      ctx.beginPath();
      for (const [from, to] of edges) {
        const [x1, y1] = px(from);
        const [x2, y2] = px(to);
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        const length = Math.hypot(x2 - x1, y2 - y1);
        if (!arrows || length < 4 * radius) continue;
        const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
        const [tx, ty] = [x2 - ux * (radius + 1), y2 - uy * (radius + 1)];
        ctx.moveTo(tx - ux * 7 - uy * 3.5, ty - uy * 7 + ux * 3.5);
        ctx.lineTo(tx, ty);
        ctx.lineTo(tx - ux * 7 + uy * 3.5, ty - uy * 7 - ux * 3.5);
      }
      ctx.strokeStyle = style;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.stroke();
    };
    const plain: [number, number][] = [];
    const gained: [number, number][] = [];
    for (const i of visible) {
      const edge = data.edges[i];
      if (edge === undefined) continue;
      const key = `${data.nodes[edge[0]]?.name}\n${data.nodes[edge[1]]?.name}`;
      (added.has(key) ? gained : plain).push([edge[0], edge[1]]);
    }
    stroke(plain, visible.length > 2000 ? 'rgba(60,60,60,0.12)' : 'rgba(60,60,60,0.35)', 1, []);
    stroke(gained, '#0072b2', 2.5, []);
    stroke(removed, '#d55e00', 2.5, [6, 4]);
    ctx.setLineDash([]);
    data.nodes.forEach((n, i) => {
      const [x, y] = px(i);
      ctx.beginPath();
      ctx.arc(x, y, n.namespace < 0 ? radius * 1.8 : radius, 0, 2 * Math.PI);
      ctx.fillStyle = n.namespace < 0 ? '#000' : (PALETTE[n.namespace % PALETTE.length] ?? '#999');
      ctx.fill();
    });
    ctx.fillStyle = '#111';
    ctx.font = '600 13px system-ui, sans-serif';
    for (const { name, x, y } of labels) {
      ctx.fillText(name, view.x + view.scale * x, view.y + view.scale * y - 10);
    }
    ctx.font = '11px system-ui, sans-serif';
    if (data.nodes.length <= 80 || view.scale > 20) {
      data.nodes.forEach((n, i) => {
        const [x, y] = px(i);
        ctx.fillText(n.name.split('/').pop() ?? n.name, x + radius + 2, y + 4);
      });
    }
    if (visible.length <= MAX_LABELLED_EDGES) {
      ctx.fillStyle = '#0b3d6b';
      for (const i of visible) {
        const [from, to, set] = data.edges[i] ?? [0, 0, 0];
        if (from === to) continue;
        const [x1, y1] = px(from);
        const [x2, y2] = px(to);
        ctx.fillText(
          formatConnectionSet(data.portSets[set] ?? {}),
          (x1 + 2 * x2) / 3,
          (y1 + 2 * y2) / 3,
        );
      }
    }
  };

  let drag: { x: number; y: number; moved: boolean } | undefined;
  canvas.addEventListener('mousedown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false };
  });
  window.addEventListener('mouseup', (e) => {
    if (drag !== undefined && !drag.moved) pick(e);
    drag = undefined;
  });
  window.addEventListener('mousemove', (e) => {
    if (drag === undefined) return;
    view.x += e.clientX - drag.x;
    view.y += e.clientY - drag.y;
    drag = { x: e.clientX, y: e.clientY, moved: true };
    requestAnimationFrame(draw);
  });
  const zoom = (factor: number, cx: number, cy: number): void => {
    view.x = cx - (cx - view.x) * factor;
    view.y = cy - (cy - view.y) * factor;
    view.scale *= factor;
    requestAnimationFrame(draw);
  };
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false },
  );
  canvas.addEventListener('keydown', (e) => {
    const step = 40;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => (view.x += step),
      ArrowRight: () => (view.x -= step),
      ArrowUp: () => (view.y += step),
      ArrowDown: () => (view.y -= step),
      '+': () => zoom(1.2, canvas.clientWidth / 2, canvas.clientHeight / 2),
      '=': () => zoom(1.2, canvas.clientWidth / 2, canvas.clientHeight / 2),
      '-': () => zoom(1 / 1.2, canvas.clientWidth / 2, canvas.clientHeight / 2),
      '0': fitView,
    };
    const move = moves[e.key];
    if (move === undefined) return;
    e.preventDefault();
    move();
    requestAnimationFrame(draw);
  });
  const pick = (e: MouseEvent): void => {
    if (e.target !== canvas) return;
    const r = canvas.getBoundingClientRect();
    const mx = e.clientX - r.left;
    const my = e.clientY - r.top;
    let best = -1;
    let bestDistance = 100;
    data.nodes.forEach((n, i) => {
      const d = (view.x + view.scale * n.x - mx) ** 2 + (view.y + view.scale * n.y - my) ** 2;
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    });
    if (best >= 0) showNode(info, data, best);
  };
  for (const control of [nsSelect, portBox, protocol, cross])
    control.addEventListener('change', filterEdges);
  window.addEventListener('resize', () => requestAnimationFrame(draw));
  fitView();
  filterEdges();
}

function showNode(info: HTMLElement, data: ReportData, node: number): void {
  const name = data.nodes[node]?.name ?? '';
  const lines = data.edges
    .filter(([from, to]) => from === node || to === node)
    .map(([from, to, set]) =>
      h(
        'li',
        {},
        `${data.nodes[from]?.name} → ${data.nodes[to]?.name}: ${formatConnectionSet(data.portSets[set] ?? {})}`,
      ),
    );
  info.replaceChildren(
    h('h3', {}, `${name} (${data.nodes[node]?.pods ?? 0} pods)`),
    h('ul', { class: 'scroll' }, ...lines),
  );
}
