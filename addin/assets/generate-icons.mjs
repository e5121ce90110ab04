// Draws the add-in's icons (the manifest and ribbon need 16, 32, 64, 80 and 128 px PNGs): a white envelope on
// a Fluent-blue rounded square. Plain Node, no image library: shapes as distance functions, 4x4 supersampling,
// PNG written by hand. Run `node addin/assets/generate-icons.mjs` after changing the drawing.
import { Buffer } from 'node:buffer';
import console from 'node:console';
import { writeFileSync } from 'node:fs';
import { URL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 64, 80, 128];
const BRAND = [15, 108, 189]; // Fluent brand blue #0F6CBD
const WHITE = [255, 255, 255];
const SAMPLES = 4;

/** Signed distance to a rectangle centred at the origin with half sizes hx, hy and rounded corners. */
function roundedBox(x, y, hx, hy, radius) {
  const qx = Math.abs(x) - hx + radius;
  const qy = Math.abs(y) - hy + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Coordinates in [-1, 1]. Returns [inside the background, on the envelope] for one sample. */
function shapes(x, y, size) {
  const inBackground = roundedBox(x, y, 1, 1, 0.35) <= 0;
  // Strokes never thinner than about 1.3 px, so the 16 px icon stays legible.
  const half = Math.max(0.045, 1.3 / size);
  const [hx, hy, cy] = [0.58, 0.41, 0.02]; // envelope half width/height, centre
  const outline = Math.abs(roundedBox(x, y - cy, hx, hy, 0.08)) <= half;
  const [top, tip] = [cy - hy, cy + 0.08];
  const flap = segment(x, y, -hx, top, 0, tip) <= half || segment(x, y, hx, top, 0, tip) <= half;
  return [inBackground, inBackground && (outline || flap)];
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          const [b, f] = shapes(x, y, size);
          bg += b ? 1 : 0;
          fg += f ? 1 : 0;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = bg / n;
      const mix = bg === 0 ? 0 : fg / bg;
      const o = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BRAND[c] * (1 - mix) + WHITE[c] * mix);
      rgba[o + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = new URL(`./icon-${size}.png`, import.meta.url);
  writeFileSync(file, png(size, draw(size)));
  console.log(`wrote ${file.pathname}`);
}
