import { createHash } from 'node:crypto';

/** Sequence checksums as stored on Protein/Sequence nodes (UniProt conventions: upper-case hex). */
export interface SequenceChecksums {
  sha256: string;
  sequenceMd5: string;
  crc64: string;
}

const CRC64_TABLE: bigint[] = (() => {
  // CRC-64-ISO (reflected polynomial 0xD800000000000000), the checksum UniProt publishes as `crc64`.
  const poly = 0xd800000000000000n;
  const table: bigint[] = [];
  for (let i = 0n; i < 256n; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
    table.push(crc);
  }
  return table;
})();

export function crc64(sequence: string): string {
  let crc = 0n;
  for (let i = 0; i < sequence.length; i++) {
    const byte = BigInt(sequence.charCodeAt(i) & 0xff);
    crc = CRC64_TABLE[Number((crc ^ byte) & 0xffn)]! ^ (crc >> 8n);
  }
  return crc.toString(16).toUpperCase().padStart(16, '0');
}

export function checksums(sequence: string): SequenceChecksums {
  return {
    sha256: createHash('sha256').update(sequence).digest('hex'),
    sequenceMd5: createHash('md5').update(sequence).digest('hex').toUpperCase(),
    crc64: crc64(sequence),
  };
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
