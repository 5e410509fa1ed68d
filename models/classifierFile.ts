import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TopicClassifier, type ClassifierWeights } from '../knowledge/topicClassifier.js';

/**
 * A file of trained classifiers, written at build time and read at start-up:
 *
 *   "TCLF" · header length (uint32, little-endian) · header (JSON) · per classifier: its feature
 *   names joined by "\n" (UTF-8), then its weights and biases as little-endian float64, each
 *   array starting at a multiple of 8 bytes.
 *
 * The header holds the key of what the classifiers were trained from (see trainingKey.ts) and, per
 * classifier, its name, labels and where its arrays are. Float64, not float32: a loaded classifier
 * must give exactly the probabilities of the one that was trained.
 */

const MAGIC = 'TCLF';
const FORMAT = 1;

interface StoredClassifier {
  readonly name: string;
  readonly labels: readonly string[];
  readonly featureCount: number;
  /** Byte ranges in the file. */
  readonly features: readonly [number, number];
  readonly weights: readonly [number, number];
  readonly bias: readonly [number, number];
}

interface Header {
  readonly format: number;
  readonly key: string;
  readonly classifiers: readonly StoredClassifier[];
}

export interface ClassifierFile {
  readonly key: string;
  readonly classifiers: ReadonlyMap<string, TopicClassifier>;
}

export class ClassifierFileError extends Error {
  override name = 'ClassifierFileError';
}

export function writeClassifierFile(file: string, key: string, classifiers: ReadonlyMap<string, TopicClassifier>): void {
  if (os.endianness() !== 'LE') throw new ClassifierFileError('classifier files are written on little-endian machines only');
  const parts: Buffer[] = [];
  let offset = 0;
  const place = (bytes: Buffer): [number, number] => {
    const start = offset;
    parts.push(bytes);
    offset += bytes.length;
    const padding = (8 - (offset % 8)) % 8;
    parts.push(Buffer.alloc(padding));
    offset += padding;
    return [start, start + bytes.length];
  };
  const stored: StoredClassifier[] = [];
  for (const [name, classifier] of classifiers) {
    const { labels, features, weights, bias } = classifier.toWeights();
    if (features.some((feature) => feature.includes('\n'))) throw new ClassifierFileError(`classifier "${name}" has a feature with a line break`);
    stored.push({
      name,
      labels,
      featureCount: features.length,
      features: place(Buffer.from(features.join('\n'), 'utf8')),
      weights: place(Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength)),
      bias: place(Buffer.from(bias.buffer, bias.byteOffset, bias.byteLength)),
    });
  }
  const header: Header = { format: FORMAT, key, classifiers: stored };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  // The arrays' offsets count from the end of the header, padded so that they stay multiples of 8.
  const preamble = Buffer.alloc(roundUpTo8(8 + headerBytes.length), ' ');
  preamble.write(MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(preamble, 8);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([preamble, ...parts]));
  renameSync(partial, file);
}

/** Reads a classifier file; throws a ClassifierFileError when it is not one this code wrote. */
export function readClassifierFile(file: string): ClassifierFile {
  const bytes = readFileSync(file);
  const { header, headerLength } = headerOf(bytes);
  const body = roundUpTo8(8 + headerLength);
  const slice = ([start, end]: readonly [number, number]): Buffer => {
    if (start < 0 || end < start || body + end > bytes.length) throw new ClassifierFileError('it is shorter than its header says');
    return bytes.subarray(body + start, body + end);
  };
  const classifiers = new Map<string, TopicClassifier>();
  for (const stored of header.classifiers) {
    const features = stored.featureCount === 0 ? [] : slice(stored.features).toString('utf8').split('\n');
    const weights: ClassifierWeights = { labels: stored.labels, features, weights: float64s(slice(stored.weights)), bias: float64s(slice(stored.bias)) };
    try {
      classifiers.set(stored.name, TopicClassifier.fromWeights(weights));
    } catch (error) {
      throw new ClassifierFileError(`classifier "${stored.name}": ${(error as Error).message}`);
    }
  }
  return { key: header.key, classifiers };
}

/** Only the key of a classifier file (its header), without reading the classifiers. */
export function readClassifierFileKey(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const start = Buffer.alloc(8);
    readSync(fd, start, 0, 8, 0);
    const headerLength = start.length === 8 && start.toString('latin1', 0, 4) === MAGIC ? start.readUInt32LE(4) : 0;
    const bytes = Buffer.alloc(8 + headerLength);
    readSync(fd, bytes, 0, bytes.length, 0);
    return headerOf(bytes).header.key;
  } finally {
    closeSync(fd);
  }
}

function headerOf(bytes: Buffer): { header: Header; headerLength: number } {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) throw new ClassifierFileError('not a classifier file');
  if (os.endianness() !== 'LE') throw new ClassifierFileError('classifier files are read on little-endian machines only');
  const headerLength = bytes.readUInt32LE(4);
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Header;
  } catch {
    throw new ClassifierFileError('its header is not JSON');
  }
  if (header.format !== FORMAT) throw new ClassifierFileError(`format ${String(header.format)}, expected ${FORMAT}`);
  return { header, headerLength };
}

/** A copy, so that the array is aligned whatever the buffer's offset. */
function float64s(bytes: Buffer): Float64Array {
  if (bytes.length % 8 !== 0) throw new ClassifierFileError('an array of float64 has a length that is not a multiple of 8');
  const values = new Float64Array(bytes.length / 8);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

function roundUpTo8(length: number): number {
  return Math.ceil(length / 8) * 8;
}
