import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayMetrics } from '@onething/gateway';
import { hallMetrics } from '@onething/subgraph-hall';
import { subgraphMetrics } from '@onething/subgraph-kit';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ROOT } from './services';

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly datasource?: { type: string; uid: string };
  readonly gridPos: { h: number; w: number; x: number; y: number };
  readonly targets?: { refId: string; expr: string; legendFormat?: string }[];
}

const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/one-thing.json'), 'utf8')) as {
  title: string;
  uid: string;
  templating: { list: { name: string; type: string; query: string }[] };
  panels: Panel[];
};
const graphs = dashboard.panels.filter((p) => p.type !== 'row');

/**
 * The series the services expose, with their labels: read off the registries their servers answer
 * /metrics from (the gateway's; a department subgraph's; the hall's, which is a subgraph's and its own).
 */
function exposed(): Map<string, Set<string>> {
  const registries: Registry[] = [gatewayMetrics().registry, subgraphMetrics('tax').registry];
  const hall = subgraphMetrics('hall');
  hallMetrics(hall.registry, {
    outbox: async () => [],
    deadLettered: async () => new Map(),
    flags: async () => [],
  });
  registries.push(hall.registry);
  const series = new Map<string, Set<string>>();
  for (const registry of registries)
    for (const metric of registry.getMetricsAsArray()) {
      const labels = new Set([
        ...((metric as unknown as { labelNames?: string[] }).labelNames ?? []),
        // Every service's own default label, and the labels Prometheus adds to every target it scrapes.
        'service',
        'job',
        'instance',
      ]);
      const names =
        String(metric.type) === 'histogram'
          ? ['_bucket', '_sum', '_count'].map((s) => `${metric.name}${s}`)
          : String(metric.type) === 'summary'
            ? [metric.name, `${metric.name}_sum`, `${metric.name}_count`]
            : [metric.name];
      for (const name of names) {
        const known = series.get(name) ?? new Set<string>();
        for (const l of labels) known.add(l);
        if (name.endsWith('_bucket')) known.add('le');
        series.set(name, known);
      }
    }
  return series;
}

const METRIC = /\b(?:onething|process|nodejs)_[a-z0-9_]+\b/g;
/** The labels a query groups or selects by: `by (a, b)`, `without (a)`, `{a="x", b=~"y"}`. */
function labelsIn(expr: string): string[] {
  const out: string[] = [];
  for (const m of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g))
    out.push(
      ...m[1]!
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  for (const m of expr.matchAll(/\{([^}]*)\}/g))
    for (const matcher of m[1]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) out.push(matcher[1]!);
  return out;
}

describe('the Grafana dashboard (deploy/grafana/one-thing.json)', () => {
  const series = exposed();

  it('shows what the brief asks for: requests, errors by code, latency per subgraph and per department, breakers, the outbox, dead letters, flags', () => {
    const exprs = graphs.flatMap((p) => p.targets?.map((t) => t.expr) ?? []).join('\n');
    for (const metric of [
      'onething_gateway_operation_seconds_count',
      'onething_gateway_errors_total',
      'onething_gateway_subgraph_fetch_seconds_bucket',
      'onething_legacy_call_seconds_bucket',
      'onething_legacy_breaker_open',
      'onething_hall_outbox_jobs',
      'onething_hall_dead_lettered_parts',
      'onething_hall_supervision_flags',
    ])
      expect(exprs, metric).toContain(metric);
    expect(exprs).toMatch(/by \(code\)/);
    expect(exprs).toMatch(/by \(le, subgraph\)/);
    expect(exprs).toMatch(/by \(le, department\)/);
  });

  it('asks only for series the services expose, grouped by labels they have', () => {
    for (const panel of graphs) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets!) {
        const metrics = [...new Set(expr.match(METRIC) ?? [])];
        expect(metrics.length, `${panel.title}: ${expr} names no metric of ours`).toBeGreaterThan(0);
        for (const m of metrics)
          expect(series.has(m), `${panel.title}: ${m} is exposed by no service`).toBe(true);
        const known = new Set(metrics.flatMap((m) => [...series.get(m)!]));
        for (const label of labelsIn(expr))
          expect(known.has(label), `${panel.title}: no metric of "${expr}" has the label ${label}`).toBe(
            true,
          );
      }
    }
  });

  it('is importable anywhere: its Prometheus chosen by a variable, panels with ids, places and descriptions', () => {
    expect(dashboard.uid).toBe('onething');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of graphs) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable, not a template
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.description, panel.title).toBeTruthy();
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    }
    // No two panels on the same place of the grid.
    const cells = new Set<string>();
    for (const { gridPos: g, title } of dashboard.panels)
      for (let x = g.x; x < g.x + g.w; x++)
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps another panel`).toBe(false);
          cells.add(`${x},${y}`);
        }
  });
});
