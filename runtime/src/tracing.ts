import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Setting, settings } from './config';
import { maskIdNumbersIn } from './id-mask';

/**
 * Traces (OpenTelemetry), off by default and free while off: no SDK is loaded, the API's no-op tracer
 * stands, and every helper here returns at a check of one flag — no span, no header read or written. A
 * service turns them on with the standard OTEL_* variables (`runService` calls {@link startTracing}), once
 * per process; spans then go to an OTLP/HTTP collector, and the W3C trace context (`traceparent`) travels
 * on every hop: browser → gateway → subgraph → department's system, and the hall's outbox to its dispatch.
 */

export { type Attributes, type Span, SpanKind } from '@opentelemetry/api';

/** Where spans go: nowhere (the default), an OTLP/HTTP collector, or standard output (a developer's look). */
export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
/** The standard samplers (OTEL_TRACES_SAMPLER). */
export const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** `key=value,key=value` (values percent-encoded, as the OTel specification has it) as an object. */
const keyValues = () =>
  z.string().transform((text, ctx) => {
    const out: Record<string, string> = {};
    for (const entry of text.split(',')) {
      if (!entry.trim()) continue;
      const at = entry.indexOf('=');
      const key = at > 0 ? entry.slice(0, at).trim() : '';
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'must be key=value pairs separated by commas' });
        return z.NEVER;
      }
      try {
        out[key] = decodeURIComponent(entry.slice(at + 1).trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: `the value of ${key} is not percent-encoded correctly` });
        return z.NEVER;
      }
    }
    return out;
  });

/** The standard OTEL_* settings every service takes, declared once (each service's settings spread them). */
export const tracingSettings = {
  otelSdkDisabled: {
    env: 'OTEL_SDK_DISABLED',
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    doc: '`true` keeps tracing off whatever the other OTEL_* settings say.',
  },
  otelTracesExporter: {
    env: 'OTEL_TRACES_EXPORTER',
    schema: z.enum(TRACES_EXPORTERS, { error: 'must be none, otlp or console' }).optional(),
    defaultDoc: 'none (otlp when an OTLP endpoint is set)',
    doc: 'Where spans go: `none` (tracing off, the default: no SDK loaded, no cost), `otlp` (an OTLP/HTTP collector, see OTEL_EXPORTER_OTLP_ENDPOINT) or `console` (standard output). Setting an OTLP endpoint alone turns `otlp` on. See docs/operations.md "Traces".',
  },
  otelEndpoint: {
    env: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    schema: settings.url().optional(),
    defaultDoc: '(none: http://localhost:4318 with OTEL_TRACES_EXPORTER=otlp)',
    doc: 'Base URL of the OTLP/HTTP collector (an OpenTelemetry Collector, Tempo, Jaeger); spans are posted to its /v1/traces.',
  },
  otelTracesEndpoint: {
    env: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    schema: settings.url().optional(),
    defaultDoc: '(none: OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces)',
    doc: 'The full URL spans are posted to, where it is not the endpoint’s /v1/traces.',
  },
  otelHeaders: {
    env: 'OTEL_EXPORTER_OTLP_HEADERS',
    schema: keyValues().optional(),
    secret: true,
    defaultDoc: '(none)',
    doc: 'Headers sent with every export, as key=value,… (an API key of a tracing service).',
  },
  otelServiceName: {
    env: 'OTEL_SERVICE_NAME',
    schema: z.string().min(1, 'must not be empty').optional(),
    defaultDoc: '(the service’s own: gateway, subgraph-tax, legacy-tax…)',
    doc: 'The service.name of this process’s spans.',
  },
  otelResourceAttributes: {
    env: 'OTEL_RESOURCE_ATTRIBUTES',
    schema: keyValues().optional(),
    defaultDoc: '(none)',
    doc: 'More attributes of this process’s spans, as key=value,… (e.g. deployment.environment.name=production,service.instance.id=gateway-1).',
  },
  otelSampler: {
    env: 'OTEL_TRACES_SAMPLER',
    schema: z
      .enum(SAMPLERS, { error: `must be one of ${SAMPLERS.join(', ')}` })
      .default('parentbased_always_on'),
    doc: 'Which traces are kept: `parentbased_*` follow the caller’s choice (a browser’s or another service’s `traceparent`), deciding alone only where a trace starts; `traceidratio` keeps the share OTEL_TRACES_SAMPLER_ARG whatever the caller says.',
  },
  otelSamplerArg: {
    env: 'OTEL_TRACES_SAMPLER_ARG',
    schema: z.coerce
      .number({ error: 'must be a number from 0 to 1' })
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .default(1),
    doc: 'The share of traces the ratio samplers keep (0 to 1).',
  },
} satisfies Record<string, Setting>;

/** The tracing settings as a service's config holds them (absent in a service that has none). */
export type TracingConfig = {
  readonly [K in keyof typeof tracingSettings]?: z.output<(typeof tracingSettings)[K]['schema']>;
};

/** Where a config sends spans: OTEL_SDK_DISABLED wins; an endpoint alone means OTLP. */
export function tracesExporterOf(config: TracingConfig): (typeof TRACES_EXPORTERS)[number] {
  if (config.otelSdkDisabled) return 'none';
  return config.otelTracesExporter ?? (config.otelEndpoint || config.otelTracesEndpoint ? 'otlp' : 'none');
}

let on = false;
let provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> } | undefined;

/** Whether this process records traces: the one check every helper makes first. */
export function isTracing(): boolean {
  return on;
}

export interface StartTracingOptions {
  /** Spans to this exporter instead, each as it ends (tests: the SDK's InMemorySpanExporter). */
  readonly exporter?: SpanExporter;
  readonly log?: Logger;
}

/**
 * Starts tracing for this process when its config asks for it (or a test gives an exporter): the SDK is
 * loaded only then. The W3C trace-context propagator and an AsyncLocalStorage context manager are
 * registered with the API, so every span started after (Apollo Gateway's own included) is recorded.
 * Once per process: a second call (services run together in one process, in tests) keeps the first.
 */
export async function startTracing(
  service: string,
  config: TracingConfig,
  options: StartTracingOptions = {},
): Promise<boolean> {
  if (on) return true;
  const exporterKind = options.exporter ? 'given' : tracesExporterOf(config);
  if (exporterKind === 'none') return false;
  const [node, base, core, resources, semconv] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const url =
    config.otelTracesEndpoint ??
    `${(config.otelEndpoint ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  let exporter: SpanExporter;
  if (options.exporter) exporter = options.exporter;
  else if (exporterKind === 'console') exporter = new base.ConsoleSpanExporter();
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    exporter = new OTLPTraceExporter({ url, headers: config.otelHeaders ?? {} });
  }
  const ratio = config.otelSamplerArg ?? 1;
  const samplers = {
    always_on: () => new base.AlwaysOnSampler(),
    always_off: () => new base.AlwaysOffSampler(),
    traceidratio: () => new base.TraceIdRatioBasedSampler(ratio),
    parentbased_always_on: () => new base.ParentBasedSampler({ root: new base.AlwaysOnSampler() }),
    parentbased_always_off: () => new base.ParentBasedSampler({ root: new base.AlwaysOffSampler() }),
    parentbased_traceidratio: () =>
      new base.ParentBasedSampler({ root: new base.TraceIdRatioBasedSampler(ratio) }),
  } as const;
  const serviceName = config.otelServiceName ?? config.otelResourceAttributes?.['service.name'] ?? service;
  const tracerProvider = new node.NodeTracerProvider({
    resource: new resources.Resource({
      ...config.otelResourceAttributes,
      [semconv.ATTR_SERVICE_NAME]: serviceName,
    }),
    sampler: samplers[config.otelSampler ?? 'parentbased_always_on'](),
    spanProcessors: [
      options.exporter ? new base.SimpleSpanProcessor(exporter) : new base.BatchSpanProcessor(exporter),
    ],
  });
  tracerProvider.register({ propagator: new core.W3CTraceContextPropagator() });
  provider = tracerProvider;
  on = true;
  options.log?.info(
    {
      exporter: exporterKind,
      ...(exporterKind === 'otlp' ? { url } : {}),
      serviceName,
      sampler: config.otelSampler,
    },
    'tracing on',
  );
  return true;
}

/**
 * Sends the spans still buffered and stops recording (at shutdown), waiting at most `waitMs` for a
 * collector that does not answer: a shutdown is not held up by its traces.
 */
export async function stopTracing(waitMs = 2_000): Promise<void> {
  const p = provider;
  provider = undefined;
  on = false;
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.shutdown().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

/** The tracer of one part of the system (`gateway`, `subgraph`, `adapter`, `legacy`, `hall`). */
export function tracer(scope: string): Tracer {
  return trace.getTracer(`onething.${scope}`);
}

/** Adds the trace context of the active span (`traceparent`) to a request's headers; nothing while off. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (on) propagation.inject(context.active(), headers);
}

/** The context a request's `traceparent` names (the root context without one). Call only while tracing. */
export function incomingTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** The `traceparent` of the active span, to keep with work done later (the hall's outbox); none while off. */
export function currentTraceParent(): string | undefined {
  if (!on) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A link to the span a kept `traceparent` names; none for none, or one that does not parse. */
export function linksTo(traceParent: string | null | undefined): Link[] {
  if (!traceParent) return [];
  const span = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }));
  return span && isSpanContextValid(span) ? [{ context: span }] : [];
}

/** Marks a span failed with an error, its message and stack masked as logs are (no ID number in a trace). */
export function failSpan(span: Span, error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  const message = maskIdNumbersIn(e.message);
  span.recordException({
    name: e.name,
    message,
    ...(e.stack ? { stack: maskIdNumbersIn(e.stack) } : {}),
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/**
 * Runs `fn` in a new active span, ended when `fn` settles and marked failed when it throws. Call it only
 * while tracing ({@link isTracing}): the callers keep their fast path for when it is off.
 */
export function inSpan<T>(
  t: Tracer,
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return t.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      failSpan(span, e);
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Sets attributes on the active span, if any (a span another library started: Apollo's gateway.fetch). */
export function annotateActiveSpan(attributes: Attributes): void {
  if (on) trace.getActiveSpan()?.setAttributes(attributes);
}

const NO_IDS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * pino's mixin: every log line written inside a span carries its `trace_id` and `span_id`, so a line
 * leads to its trace and a trace to its lines. While tracing is off it adds nothing and allocates nothing.
 */
export const traceIdsMixin = {
  mixin(): object {
    if (!on) return NO_IDS;
    const span = trace.getActiveSpan();
    if (!span) return NO_IDS;
    const { traceId, spanId } = span.spanContext();
    return { trace_id: traceId, span_id: spanId };
  },
  mixinMergeStrategy(mergeObject: object, mixinObject: object): object {
    return mixinObject === NO_IDS ? mergeObject : Object.assign(mixinObject, mergeObject);
  },
};
