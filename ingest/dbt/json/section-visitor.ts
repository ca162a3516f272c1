import Assembler from 'stream-json/assembler.js';
import type { Token } from 'stream-json/parser.js';

/**
 * How a top-level key of a JSON object document is consumed:
 * - `value`: the whole value is assembled and handed over once;
 * - `entries`: the value is an object (or array) whose members are assembled and handed over one at a time;
 * - `keys`: only the member keys of the object are reported, their values are skipped without being built.
 * Keys without a mode are skipped entirely.
 */
export type SectionMode = 'value' | 'entries' | 'keys';

export interface SectionHandlers {
  modes: Readonly<Record<string, SectionMode>>;
  onValue?(section: string, value: unknown): void;
  /** `key` is the member key, or the index (as a string) when the section is an array. */
  onEntry?(section: string, key: string, value: unknown): void;
  onKey?(section: string, key: string): void;
  /** Called once per top-level key that has a mode, before its value (so an empty collection is still seen). */
  onSection?(section: string): void;
}

/** Consumes one JSON value token by token; `consume` returns true once the value is complete. */
interface ValueSink {
  consume(token: Token): boolean;
  readonly value: unknown;
}

class SkipSink implements ValueSink {
  private depth = 0;
  readonly value = undefined;
  consume(token: Token): boolean {
    if (token.name === 'startObject' || token.name === 'startArray') this.depth++;
    else if (token.name === 'endObject' || token.name === 'endArray') this.depth--;
    return this.depth === 0 && token.name !== 'keyValue';
  }
}

class AssembleSink implements ValueSink {
  private readonly assembler = new Assembler();
  private depth = 0;
  consume(token: Token): boolean {
    this.assembler.consume(token);
    if (token.name === 'startObject' || token.name === 'startArray') this.depth++;
    else if (token.name === 'endObject' || token.name === 'endArray') this.depth--;
    return this.depth === 0 && token.name !== 'keyValue';
  }
  get value(): unknown {
    return this.assembler.current;
  }
}

type Pending = { kind: 'section'; section: string } | { kind: 'entry'; key: string } | { kind: 'skip' };

/**
 * Walks the token stream of a JSON document whose root is an object and hands its top-level sections to the
 * handlers according to their mode, so that only what a caller keeps is ever materialised.
 */
export class SectionVisitor {
  private depth = 0;
  private started = false;
  private section: string | null = null;
  private sectionIsArray = false;
  private arrayIndex = 0;
  private awaitingValue: Pending | null = null;
  private sink: ValueSink | null = null;
  private sinkTarget: Pending | null = null;

  constructor(private readonly handlers: SectionHandlers) {}

  consume(token: Token): void {
    if (this.sink) {
      if (this.sink.consume(token)) this.finishSink();
      return;
    }
    if (this.awaitingValue) {
      const target = this.awaitingValue;
      this.awaitingValue = null;
      this.startValue(target, token);
      return;
    }
    switch (this.depth) {
      case 0:
        if (token.name !== 'startObject' || this.started) throw new Error('the document root is not a JSON object');
        this.started = true;
        this.depth = 1;
        return;
      case 1:
        if (token.name === 'keyValue') this.awaitingValue = { kind: 'section', section: token.value };
        else if (token.name === 'endObject') this.depth = 0;
        return;
      default:
        this.consumeInSection(token);
    }
  }

  private consumeInSection(token: Token): void {
    if (token.name === 'endObject' || token.name === 'endArray') {
      this.depth = 1;
      this.section = null;
      return;
    }
    if (this.sectionIsArray) {
      this.beginSink({ kind: 'entry', key: String(this.arrayIndex++) }, token, this.modeOf() === 'entries');
      return;
    }
    if (token.name === 'keyValue') {
      const section = this.section as string;
      if (this.modeOf() === 'keys') {
        this.handlers.onKey?.(section, token.value);
        this.awaitingValue = { kind: 'skip' };
      } else {
        this.awaitingValue = { kind: 'entry', key: token.value };
      }
    }
  }

  private startValue(target: Pending, token: Token): void {
    if (target.kind === 'skip') {
      this.beginSink(target, token, false);
      return;
    }
    if (target.kind === 'entry') {
      this.beginSink(target, token, true);
      return;
    }
    const mode = this.handlers.modes[target.section];
    if (mode !== undefined) this.handlers.onSection?.(target.section);
    const opensContainer = token.name === 'startObject' || token.name === 'startArray';
    if ((mode === 'entries' || mode === 'keys') && opensContainer) {
      this.section = target.section;
      this.sectionIsArray = token.name === 'startArray';
      this.arrayIndex = 0;
      this.depth = 2;
      return;
    }
    this.beginSink(target, token, mode !== undefined);
  }

  private beginSink(target: Pending, token: Token, assemble: boolean): void {
    const sink: ValueSink = assemble ? new AssembleSink() : new SkipSink();
    this.sinkTarget = target;
    if (sink.consume(token)) {
      this.sink = sink;
      this.finishSink();
    } else {
      this.sink = sink;
    }
  }

  private finishSink(): void {
    const sink = this.sink as ValueSink;
    const target = this.sinkTarget as Pending;
    this.sink = null;
    this.sinkTarget = null;
    if (target.kind === 'section') {
      if (this.handlers.modes[target.section] !== undefined) this.handlers.onValue?.(target.section, sink.value);
    } else if (target.kind === 'entry' && this.section !== null && this.modeOf() === 'entries') {
      this.handlers.onEntry?.(this.section, target.key, sink.value);
    }
  }

  private modeOf(): SectionMode | undefined {
    return this.section === null ? undefined : this.handlers.modes[this.section];
  }

  get complete(): boolean {
    return this.started && this.depth === 0 && this.sink === null;
  }
}

/** The same walk over an already parsed object (artifacts handed over in memory). */
export function visitSections(document: unknown, handlers: SectionHandlers): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new Error('the document root is not a JSON object');
  }
  for (const [section, value] of Object.entries(document)) {
    const mode = handlers.modes[section];
    if (mode === undefined) continue;
    handlers.onSection?.(section);
    const container = value !== null && typeof value === 'object';
    if (mode === 'value' || !container) {
      handlers.onValue?.(section, value);
    } else if (Array.isArray(value)) {
      if (mode === 'entries') value.forEach((item, index) => handlers.onEntry?.(section, String(index), item));
    } else {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        if (mode === 'keys') handlers.onKey?.(section, key);
        else handlers.onEntry?.(section, key, entry);
      }
    }
  }
}
