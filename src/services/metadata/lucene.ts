import { badInput } from '../../errors.js';
import { LIMITS } from '../lineage/limits.js';

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes Lucene query syntax, so user text is only ever searched for, never interpreted. */
export function escapeLucene(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

export interface SearchQuery {
  /** Lucene query for helix_search. */
  lucene: string;
  /** Lower-cased text, compared with names for "exact match first". */
  exact: string;
}

/**
 * Every word must match, as itself or as a prefix (`cust` finds customers); an exact name or symbol phrase is
 * boosted so exact matches are among the hits that get ranked.
 */
export function buildSearchQuery(text: string): SearchQuery {
  const trimmed = text.trim();
  if (trimmed === '') throw badInput('text must not be empty', { argument: 'text' });
  if (trimmed.length > LIMITS.maxSearchText) throw badInput(`text is longer than ${LIMITS.maxSearchText} characters`, { argument: 'text' });
  // Words without a letter or digit analyse to nothing and would make the AND unsatisfiable.
  const words = trimmed.toLowerCase().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).slice(0, 12).map(escapeLucene);
  const phrase = trimmed.toLowerCase().replace(/["\\]/g, (c) => `\\${c}`);
  const exactBoost = `name:"${phrase}"^10 OR symbol:"${phrase}"^10`;
  const terms = words.map((w) => `(${w} OR ${w}*)`).join(' AND ');
  return { lucene: terms === '' ? exactBoost : `${exactBoost} OR (${terms})`, exact: trimmed.toLowerCase() };
}
