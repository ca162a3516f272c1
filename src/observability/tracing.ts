import { INVALID_SPAN_CONTEXT, ProxyTracerProvider, trace, SpanStatusCode, type Span, type Attributes } from '@opentelemetry/api';

/**
 * Spans go through the global OpenTelemetry API: without an SDK registered they cost nothing; a deployment that
 * registers the OTel Node SDK (e.g. via `--import @opentelemetry/auto-instrumentations-node/register` and
 * OTEL_EXPORTER_OTLP_ENDPOINT) exports them unchanged.
 */
const tracer = trace.getTracer('helix');

/** The span handed to `fn` while no SDK is registered (it records nothing, as the API's own no-op span). */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Whether an SDK is registered (checked per call: one may be registered after start-up). */
function tracing(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer('helix') !== undefined;
}

export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  // Without an SDK, the API would still build a span and an active context per call (~2% of a no-op request).
  if (!tracing()) return fn(NO_SPAN);
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
