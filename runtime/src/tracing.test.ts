import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { ConfigError, defineSettings } from './config';
import { createLogger } from './logger';
import {
  currentTraceParent,
  failSpan,
  injectTraceContext,
  inSpan,
  isTracing,
  linksTo,
  startTracing,
  tracer,
  tracesExporterOf,
  tracingSettings,
} from './tracing';

const service = defineSettings('tracing-test', tracingSettings);

/** A logger writing its lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('tracing-test', 'info', {
    write: (line: string) => void lines.push(JSON.parse(line)),
  });
  return { log, lines };
}

describe('the OTEL_* settings', () => {
  it('leave tracing off by default, turn it on with an exporter or an endpoint, and off again with OTEL_SDK_DISABLED', () => {
    expect(tracesExporterOf(service.load({}))).toBe('none');
    expect(tracesExporterOf(service.load({ OTEL_TRACES_EXPORTER: 'otlp' }))).toBe('otlp');
    expect(tracesExporterOf(service.load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(
      'otlp',
    );
    expect(
      tracesExporterOf(
        service.load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }),
      ),
    ).toBe('none');
    expect(tracesExporterOf(service.load({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }))).toBe(
      'none',
    );
  });

  it('read headers and resource attributes as percent-encoded key=value lists', () => {
    const config = service.load({
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def, x-tenant=city',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production,service.instance.id=gw-1',
    });
    expect(config.otelHeaders).toEqual({ 'api-key': 'abc def', 'x-tenant': 'city' });
    expect(config.otelResourceAttributes).toEqual({
      'deployment.environment.name': 'production',
      'service.instance.id': 'gw-1',
    });
  });

  it('refuse what is not one, naming the variable and hiding the headers’ secrets', () => {
    let error: unknown;
    try {
      service.load({
        OTEL_EXPORTER_OTLP_HEADERS: 'secret-key-without-a-name',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: '2',
        OTEL_TRACES_EXPORTER: 'zipkin',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const env of [
      'OTEL_EXPORTER_OTLP_HEADERS=(hidden)',
      'OTEL_TRACES_SAMPLER="sometimes"',
      'OTEL_TRACES_SAMPLER_ARG="2"',
      'OTEL_TRACES_EXPORTER="zipkin"',
    ])
      expect(message).toContain(env);
    expect(message).not.toContain('secret-key-without-a-name');
  });
});

describe('traces', () => {
  // Tracing starts once per process: the tests below run in order, off first, then on.
  const exporter = new InMemorySpanExporter();

  it('cost nothing while off: no span, no header, no ids in the logs', async () => {
    expect(isTracing()).toBe(false);
    const headers: Record<string, string> = {};
    injectTraceContext(headers);
    expect(headers).toEqual({});
    expect(currentTraceParent()).toBeUndefined();
    expect(await startTracing('tracing-test', service.load({}))).toBe(false);
    expect(isTracing()).toBe(false);
    const { log, lines } = capture();
    log.info({ a: 1 }, 'hello');
    expect(lines[0]).toMatchObject({ a: 1, msg: 'hello' });
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('once on, carry the active span in traceparent, in the logs and in links to kept contexts', async () => {
    expect(await startTracing('tracing-test', service.load({}), { exporter })).toBe(true);
    expect(isTracing()).toBe(true);
    // A second start (services sharing one process) keeps the first.
    const other = new InMemorySpanExporter();
    expect(await startTracing('another', service.load({}), { exporter: other })).toBe(true);
    const { log, lines } = capture();
    let kept: string | undefined;
    const headers: Record<string, string> = {};
    await inSpan(tracer('test'), 'outer', {}, async (span) => {
      injectTraceContext(headers);
      kept = currentTraceParent();
      log.info('inside');
      const { traceId, spanId } = span.spanContext();
      expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      expect(kept).toBe(headers.traceparent);
      expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: traceId, span_id: spanId });
    });
    log.info('outside');
    expect(lines[1]).not.toHaveProperty('trace_id');
    expect(other.getFinishedSpans()).toEqual([]);
    const [outer] = exporter.getFinishedSpans();
    expect(outer?.name).toBe('outer');
    expect(outer?.instrumentationLibrary.name).toBe('onething.test');
    // Later (another process, after a restart), work is linked to what made it.
    const links = linksTo(kept);
    expect(links).toHaveLength(1);
    expect(links[0]?.context.traceId).toBe(outer?.spanContext().traceId);
    expect(links[0]?.context.spanId).toBe(outer?.spanContext().spanId);
    expect(linksTo('not a traceparent')).toEqual([]);
    expect(linksTo(null)).toEqual([]);
  });

  it('end a span whose work throws, marked failed, its ID numbers masked as the logs are', async () => {
    exporter.reset();
    await expect(
      inSpan(tracer('test'), 'throws', {}, async () => {
        throw new Error('no person 11010519491231002X');
      }),
    ).rejects.toThrow('no person');
    const span = tracer('test').startSpan('failed by hand');
    failSpan(span, new Error('owner 11010519491231002X'));
    span.end();
    const [thrown, byHand] = exporter.getFinishedSpans();
    expect(thrown?.name).toBe('throws');
    expect(thrown?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no person 110105********00*X' });
    expect(JSON.stringify(thrown?.events)).not.toContain('11010519491231002X');
    expect(byHand?.status.message).toBe('owner 110105********00*X');
  });
});
