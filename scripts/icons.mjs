// Draws the extension icons (issue 15, got in the way 11): a blue rounded square with a white "Z",
// anti-aliased by supersampling, written as PNGs to public/icon/<size>.png (WXT puts them in the
// manifest). Run `node scripts/icons.mjs` after changing the drawing; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const BLUE = [31, 95, 191];
const SAMPLES = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** In unit coordinates (0..1): inside the rounded square, and inside the "Z". */
function insideSquare(x, y) {
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}
function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}
const Z = [
  [
    [0.28, 0.28],
    [0.72, 0.28],
  ],
  [
    [0.72, 0.28],
    [0.28, 0.72],
  ],
  [
    [0.28, 0.72],
    [0.72, 0.72],
  ],
];
function insideZ(x, y, stroke) {
  return Z.some(([a, b]) => distanceToSegment(x, y, a, b) <= stroke / 2);
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) {
  // Small icons get a bolder stroke so the letter stays legible.
  const stroke = size <= 16 ? 0.17 : size <= 32 ? 0.14 : 0.12;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let letter = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!insideSquare(x, y)) continue;
          square++;
          if (insideZ(x, y, stroke)) letter++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const white = square === 0 ? 0 : letter / square;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[offset + c] = Math.round(BLUE[c] * (1 - white) + 255 * white);
      rgba[offset + 3] = Math.round((255 * square) / n);
    }
  }
  writeFileSync(`public/icon/${size}.png`, png(size, rgba));
}
console.log(`icons written: ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
