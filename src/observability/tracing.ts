import { trace, SpanStatusCode, type Span, type Attributes } from '@opentelemetry/api';

/**
 * Spans go through the global OpenTelemetry API: without an SDK registered they cost nothing; a deployment that
 * registers the OTel Node SDK (e.g. via `--import @opentelemetry/auto-instrumentations-node/register` and
 * OTEL_EXPORTER_OTLP_ENDPOINT) exports them unchanged.
 */
const tracer = trace.getTracer('helix');

export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await fn(span);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Trace id of the active span, for log correlation. */
export function currentTraceId(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && ctx.traceId !== '00000000000000000000000000000000' ? ctx.traceId : undefined;
}
