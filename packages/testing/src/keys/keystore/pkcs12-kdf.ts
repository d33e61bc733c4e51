import { createHash } from 'node:crypto';

// RFC 7292 appendix B.2: the PKCS#12 key derivation for password-based encryption (ID 1 key, ID 2 IV) and
// integrity (ID 3 MAC key), over SHA-1 (64-byte blocks, 20-byte output).

const BLOCK = 64;

/** The password as PKCS#12 feeds it to the KDF: a BMPString (UTF-16 big-endian) with two zero bytes at the end. */
export function bmpPassword(password: string): Buffer {
  return Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
}

function fill(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length] ?? 0;
  return out;
}

/** Derives `length` bytes for purpose `id` (1 key, 2 IV, 3 MAC key) from a password, a salt and an iteration count. */
export function pkcs12Kdf(password: string, salt: Buffer, id: 1 | 2 | 3, iterations: number, length: number): Buffer {
  const pass = bmpPassword(password);
  const diversifier = Buffer.alloc(BLOCK, id);
  const input = Buffer.concat([
    fill(salt, BLOCK * Math.ceil(salt.length / BLOCK)),
    fill(pass, BLOCK * Math.ceil(pass.length / BLOCK)),
  ]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; ) {
    let a = createHash('sha1').update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round++) a = createHash('sha1').update(a).digest();
    out.push(a);
    produced += a.length;
    // I_j = (I_j + B + 1) mod 2^(8v) for each 64-byte block of the input, B being A repeated to a block.
    const b = fill(a, BLOCK);
    for (let offset = 0; offset < input.length; offset += BLOCK) {
      let carry = 1;
      for (let k = BLOCK - 1; k >= 0; k--) {
        const sum = (input[offset + k] ?? 0) + (b[k] ?? 0) + carry;
        input[offset + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
