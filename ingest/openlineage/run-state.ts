import type { Props } from '../core/graph.js';
import { statusFromOpenLineage } from '../common/run-status.js';
import { durationMs, maxIso, minIso, parseTime } from '../common/time.js';
import { asString, isObject, jsonProp } from '../common/values.js';

/** Order of event types at the same instant: a terminal event beats RUNNING, which beats START. */
export const EVENT_RANK: Record<string, number> = { START: 1, RUNNING: 2, COMPLETE: 3, FAIL: 3, ABORT: 3 };

const STATE_PROPS = ['status', 'lastEventTime', 'lastEventType', 'lastEventRank'] as const;

/**
 * The Run properties one OpenLineage RunEvent contributes. Only state-changing events (START, RUNNING, COMPLETE,
 * FAIL, ABORT) carry `status`/`lastEventTime`/`lastEventType`/`lastEventRank`; OTHER or missing eventType leaves
 * the state alone. `startedAt` comes only from START, `endedAt` only from terminal events.
 */
export function runPropsFromEvent(event: unknown): Props {
  if (!isObject(event) || !isObject(event.run)) return {};
  const eventType = typeof event.eventType === 'string' ? event.eventType.toUpperCase() : undefined;
  const time = parseTime(event.eventTime)?.iso;
  const facets = isObject(event.run.facets) ? event.run.facets : {};
  const rank = eventType ? EVENT_RANK[eventType] : undefined;
  const props: Props = {
    runId: asString(event.run.runId),
    kind: 'openlineage',
    facetsJson: jsonProp(facets),
    error: isObject(facets.errorMessage) ? asString(facets.errorMessage.message) : undefined,
    nominalTime: isObject(facets.nominalTime) ? parseTime(facets.nominalTime.nominalStartTime)?.iso : undefined,
    nominalEndTime: isObject(facets.nominalTime) ? parseTime(facets.nominalTime.nominalEndTime)?.iso : undefined,
  };
  if (rank !== undefined && time !== undefined) {
    props.status = statusFromOpenLineage(eventType);
    props.lastEventTime = time;
    props.lastEventType = eventType;
    props.lastEventRank = rank;
    if (eventType === 'START') props.startedAt = time;
    if (rank === 3) props.endedAt = time;
  }
  return props;
}

/** Whether state `a` is at least as recent as state `b`: (lastEventTime, lastEventRank) compared in order. */
function notOlder(a: Props, b: Props): boolean {
  const ta = String(a.lastEventTime);
  const tb = String(b.lastEventTime);
  if (ta !== tb) return ta > tb;
  return Number(a.lastEventRank ?? 0) >= Number(b.lastEventRank ?? 0);
}

/**
 * What the writer must do when an event's Run props arrive for a stored Run, as a pure function: state props are
 * replaced only when the incoming (lastEventTime, lastEventRank) is not older than the stored one, `startedAt`
 * keeps the earliest value, `endedAt` the latest, and `durationMs` follows from them. Folding events in any order
 * gives the same state props.
 */
export function mergeRunState(current: Props, incoming: Props): Props {
  const result: Props = { ...current };
  const incomingHasState = incoming.lastEventTime !== undefined;
  const newer = incomingHasState && (current.lastEventTime === undefined || notOlder(incoming, current));
  for (const [key, value] of Object.entries(incoming)) {
    if (value === undefined || (STATE_PROPS as readonly string[]).includes(key)) continue;
    if (key === 'startedAt' || key === 'endedAt' || key === 'durationMs') continue;
    if (newer || result[key] === undefined) result[key] = value;
  }
  if (newer) for (const key of STATE_PROPS) result[key] = incoming[key];
  result.startedAt = minIso([current.startedAt as string | undefined, incoming.startedAt as string | undefined]);
  result.endedAt = maxIso([current.endedAt as string | undefined, incoming.endedAt as string | undefined]);
  result.durationMs = durationMs(result.startedAt, result.endedAt);
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result;
}

/** Final Run props of a set of events of one run, independent of the order they are given in. */
export function runStateFromEvents(events: unknown[]): Props {
  const props = events.map(runPropsFromEvent);
  const order = props
    .map((p, i) => ({ p, time: parseTime(isObject(events[i]) ? events[i].eventTime : undefined)?.iso ?? '', i }))
    .sort((a, b) =>
      a.time !== b.time ? (a.time < b.time ? -1 : 1) : Number(a.p.lastEventRank ?? 0) - Number(b.p.lastEventRank ?? 0),
    );
  return order.reduce<Props>((state, { p }) => mergeRunState(state, p), {});
}
