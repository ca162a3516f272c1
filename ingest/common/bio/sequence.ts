import { createHash } from 'node:crypto';

/** Sequence checksums as stored on Protein/Sequence nodes (UniProt conventions: upper-case hex). */
export interface SequenceChecksums {
  sha256: string;
  sequenceMd5: string;
  crc64: string;
}

// CRC-64-ISO (reflected polynomial 0xD800000000000000), the checksum UniProt publishes as `crc64`, computed on
// two 32-bit halves (BigInt arithmetic is an order of magnitude slower).
const CRC_HI = new Uint32Array(256);
const CRC_LO = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let bit = 0; bit < 8; bit++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) hi = (hi ^ 0xd8000000) >>> 0;
  }
  CRC_HI[i] = hi;
  CRC_LO[i] = lo;
}

export function crc64(sequence: string): string {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < sequence.length; i++) {
    const idx = (lo ^ sequence.charCodeAt(i)) & 0xff;
    const nextLo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    hi = (hi >>> 8) ^ CRC_HI[idx]!;
    lo = (nextLo ^ CRC_LO[idx]!) >>> 0;
  }
  return (hi >>> 0).toString(16).toUpperCase().padStart(8, '0') + lo.toString(16).toUpperCase().padStart(8, '0');
}

export function sha256Hex(sequence: string): string {
  return createHash('sha256').update(sequence).digest('hex');
}

export function md5Upper(sequence: string): string {
  return createHash('md5').update(sequence).digest('hex').toUpperCase();
}

export function checksums(sequence: string): SequenceChecksums {
  return { sha256: sha256Hex(sequence), sequenceMd5: md5Upper(sequence), crc64: crc64(sequence) };
}

export interface CleanedSequence {
  sequence: string;
  /** Characters that are not residue letters (digits, punctuation), removed from the sequence. */
  invalid: string[];
}

/** Upper-case residues without whitespace, digits or a trailing stop `*`; unexpected characters are reported. */
export function cleanSequence(raw: string): CleanedSequence {
  const invalid: string[] = [];
  let sequence = '';
  for (const ch of raw) {
    if (/\s|\d/.test(ch)) continue;
    const upper = ch.toUpperCase();
    if (/[A-Z*-]/.test(upper)) sequence += upper;
    else if (!invalid.includes(ch)) invalid.push(ch);
  }
  return { sequence: sequence.replace(/\*+$/, ''), invalid };
}
