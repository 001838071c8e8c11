// Index-addressed random numbers: a uniform draw is a pure function of (seed, sample index, stream key), so a
// sweep gives the same draws however its samples are split among threads, shards or machines.

/** The murmur3 32-bit finaliser: a bijective avalanche mix of one 32-bit word. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/**
 * Uniform on the open interval (0, 1), with 53 random bits, for sample `index` (an integer, 0 <= index < 2^53)
 * of stream `key` (a 32-bit word, e.g. a parameter's name hash) under `seed`. Never 0 or 1, so inverse CDFs stay
 * finite.
 */
export function uniformAt(seed: number, index: number, key: number): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  h = mix32(h ^ (index >>> 0));
  h = mix32((h + 0x7f4a7c15) ^ Math.floor(index / TWO_32));
  h = mix32(h ^ (key >>> 0));
  const hi = mix32(h ^ 0x68e31da4);
  const lo = mix32(hi ^ 0x1b873593);
  return ((hi >>> 5) * 67108864 + (lo >>> 6) + 0.5) / TWO_53;
}

/** 32-bit FNV-1a hash of a string: the stream key of a named parameter, stable when other parameters come and go. */
export function streamKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
