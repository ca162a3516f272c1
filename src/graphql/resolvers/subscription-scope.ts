import { HelixError } from '../../errors.js';
import type { GraphQLContext } from '../context.js';

/**
 * How often an open subscription asks whether its credential is still good (a revoked or expired key, an expired
 * OIDC token): each check reads the revocation epoch from the shared cache (one GET; a Neo4j read only after a
 * revocation or once per HELIX_KEY_CACHE_MS), so a revocation on any server process ends the stream within about
 * this long.
 */
export const CREDENTIAL_CHECK_MS = 1000;

/** Delivered once, in place of an event, when the credential was revoked: the resolver turns it into the error. */
export const REVOKED = Symbol('credential revoked');
type Revoked = typeof REVOKED;

/**
 * The events of a subscription as its caller may receive them (docs/security.md): events the caller may not see are
 * never delivered (`visible`, checked per event), and once its credential is revoked the stream delivers REVOKED
 * and ends. Returning or throwing (the client went away) stops the checks and the source at once.
 */
export function scopedEvents<E>(
  ctx: Pick<GraphQLContext, 'stillAuthenticated'>,
  source: AsyncIterable<E>,
  visible: (e: E) => boolean | Promise<boolean>,
  everyMs = CREDENTIAL_CHECK_MS,
): AsyncIterableIterator<E | Revoked> {
  const it = source[Symbol.asyncIterator]();
  let done = false;
  let revoke: (r: Revoked) => void = () => undefined;
  const revoked = new Promise<Revoked>((resolve) => (revoke = resolve));
  const check = ctx.stillAuthenticated;
  const timer = check
    ? setInterval(() => {
        void check().then(
          (ok) => ok || revoke(REVOKED),
          () => undefined, // a failed check (Redis down) is no revocation: the next one decides
        );
      }, everyMs)
    : undefined;
  const stop = async () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    await it.return?.();
  };
  const self: AsyncIterableIterator<E | Revoked> = {
    [Symbol.asyncIterator]: () => self,
    async next() {
      while (!done) {
        const r = await Promise.race([it.next(), revoked]);
        if (r === REVOKED) {
          await stop();
          return { value: REVOKED, done: false };
        }
        if (r.done) break;
        if (await visible(r.value)) return { value: r.value, done: false };
      }
      await stop();
      return { value: undefined, done: true };
    },
    async return() {
      await stop();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await stop();
      throw error;
    },
  };
  return self;
}

/** A subscription's `resolve` that answers REVOKED with UNAUTHENTICATED (the last message of the stream). */
export function unlessRevoked<E, R>(resolve: (e: E, args: unknown, ctx: GraphQLContext) => R) {
  return (e: E | Revoked, args: unknown, ctx: GraphQLContext): R => {
    if (e === REVOKED) throw new HelixError('UNAUTHENTICATED', 'the credential of this subscription was revoked or has expired');
    return resolve(e, args, ctx);
  };
}
