// Writes NAME.br (brotli, quality 11) and NAME.gz (gzip, level 9) beside every compressible file
// of the web build, so the api (apps/api/src/app/web-app.ts) and nginx (gzip_static) send them
// without compressing on each request. Files under 1 KiB, and files a codec would not shrink,
// are left alone. Idempotent: a compressed file newer than its source is kept.
// Usage: node tools/web/precompress.mjs [dist/apps/web/browser]
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ico|webmanifest)$/i;
const MIN_BYTES = 1024;

const root = resolve(
  import.meta.dirname,
  '../..',
  process.argv[2] ?? 'dist/apps/web/browser',
);
if (!existsSync(join(root, 'index.html'))) {
  console.error(`${root}/index.html is missing: build the web app first.`);
  process.exit(1);
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const codecs = [
  {
    ext: '.br',
    compress: (data) =>
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
  },
  { ext: '.gz', compress: (data) => gzipSync(data, { level: 9 }) },
];

let raw = 0;
const written = { '.br': 0, '.gz': 0 };
const started = performance.now();
for (const file of files(root)) {
  const { size, mtimeMs } = statSync(file);
  if (size < MIN_BYTES) continue;
  raw += size;
  const data = readFileSync(file);
  for (const { ext, compress } of codecs) {
    const target = file + ext;
    if (existsSync(target) && statSync(target).mtimeMs >= mtimeMs) {
      written[ext] += statSync(target).size;
      continue;
    }
    const packed = compress(data);
    if (packed.length >= size) {
      if (existsSync(target)) unlinkSync(target);
      continue;
    }
    writeFileSync(target, packed);
    written[ext] += packed.length;
  }
}
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(
  `precompressed ${root}: ${kib(raw)} → br ${kib(written['.br'])}, gzip ${kib(written['.gz'])} (${(performance.now() - started).toFixed(0)} ms)`,
);
