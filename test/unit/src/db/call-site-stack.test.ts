import { describe, expect, it } from 'vitest';
import { withoutCallSiteStack } from '../../../../src/db/call-site-stack.js';

describe('withoutCallSiteStack', () => {
  it('captures no frames inside and restores the stack limit after', () => {
    const before = Error.stackTraceLimit;
    const stack = withoutCallSiteStack(() => new Error('x').stack);
    expect(stack).toBe('Error: x');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('y').stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('restores the limit when the call throws', () => {
    const before = Error.stackTraceLimit;
    expect(() => withoutCallSiteStack(() => { throw new Error('boom'); })).toThrow('boom');
    expect(Error.stackTraceLimit).toBe(before);
  });
});
