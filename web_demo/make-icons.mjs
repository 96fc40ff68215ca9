// Draws the PNG app icons (the shapes of icon.svg) with Node builtins only, for build-site.mjs.
// SPDX-License-Identifier: MIT
//
// Each shape is a signed distance function in icon.svg's 512-unit space; coverage is the
// distance measured in pixels, which anti-aliases the edges. The PNG is palette-based (a blend
// of the two colours in 16 steps times 16 opacity steps), so a 512px icon stays a few KB.

import { deflateSync } from "node:zlib";

const BG = [0x0e, 0x5a, 0x53];
const FG = [0xf7, 0xf1, 0xe3];
const LEVELS = 16;

const capsule = (px, py, ax, ay, bx, by, r) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy) - r;
};

// The foreground of icon.svg: ring, handle, two lines of text (keep in step with icon.svg).
const foreground = (x, y) => Math.min(
  Math.abs(Math.hypot(x - 288, y - 224) - 112) - 18,
  capsule(x, y, 196, 316, 120, 392, 26),
  capsule(x, y, 236, 196, 344, 196, 12),
  capsule(x, y, 260, 252, 344, 252, 12),
);

const roundedSquare = (x, y, r) => {
  const qx = Math.abs(x - 256) - (256 - r), qy = Math.abs(y - 256) - (256 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * The icon as PNG bytes, `size` pixels square. `maskable`: a full-bleed background with the
 * drawing shrunk into the safe zone (the middle 80%), for launchers that crop to a shape.
 */
export function iconPng(size, { maskable = false } = {}) {
  const unit = 512 / size; // icon units per pixel
  const shrink = maskable ? 0.8 : 1;
  const coverage = (distance, perPixel) => Math.max(0, Math.min(1, 0.5 - distance / perPixel));
  const rows = Buffer.alloc(size * (size + 1));
  for (let py = 0; py < size; py++) {
    rows[py * (size + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * unit, y = (py + 0.5) * unit;
      const bg = maskable ? 1 : coverage(roundedSquare(x, y, 112), unit);
      const fx = 256 + (x - 256) / shrink, fy = 256 + (y - 256) / shrink;
      const fg = coverage(foreground(fx, fy), unit / shrink);
      const a = Math.round(bg * (LEVELS - 1)), f = Math.round(fg * (LEVELS - 1));
      rows[py * (size + 1) + 1 + px] = f * LEVELS + a;
    }
  }
  const palette = Buffer.alloc(LEVELS * LEVELS * 3);
  const alpha = Buffer.alloc(LEVELS * LEVELS);
  for (let f = 0; f < LEVELS; f++) {
    for (let a = 0; a < LEVELS; a++) {
      const i = f * LEVELS + a;
      for (let c = 0; c < 3; c++) palette[i * 3 + c] = Math.round(BG[c] + (FG[c] - BG[c]) * (f / (LEVELS - 1)));
      alpha[i] = Math.round((255 * a) / (LEVELS - 1));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("PLTE", palette),
    chunk("tRNS", alpha),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
