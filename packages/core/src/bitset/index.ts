export { BitMatrix } from './bit-matrix.js';
export { Bitset, MAX_BITSET_SIZE, popcount32, wordsFor } from './bitset.js';
export { andWords, clearWords, orWords, setRange } from './words.js';
