// Draws Tagdesk's icons (a white tag on the accent blue) as PNGs into resources/.
// Run once after changing the design: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x16, 0x77, 0xff];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Coverage (0..1) of pixel (x, y) for shape fn, 4×4 supersampled for smooth edges. */
function coverage(fn, x, y) {
  let hit = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (fn(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hit++;
  return hit / 16;
}

function icon(size) {
  const s = size;
  const r = s * 0.22;
  const inRounded = (x, y) => {
    const cx = Math.min(Math.max(x, r), s - r);
    const cy = Math.min(Math.max(y, r), s - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  // A tag: a rectangle with a pointed left end and a round hole.
  const tag = (x, y) => {
    const u = x / s, v = y / s;
    const inBody = u >= 0.38 && u <= 0.8 && v >= 0.3 && v <= 0.7;
    const inPoint = u >= 0.18 && u < 0.38 && Math.abs(v - 0.5) <= (u - 0.18) * (0.2 / 0.2);
    const hole = (u - 0.36) ** 2 + (v - 0.5) ** 2 <= 0.055 ** 2;
    return (inBody || inPoint) && !hole;
  };
  const rows = [];
  for (let y = 0; y < s; y++) {
    const row = Buffer.alloc(1 + s * 4);
    for (let x = 0; x < s; x++) {
      const a = coverage(inRounded, x, y);
      const w = coverage(tag, x, y);
      const o = 1 + x * 4;
      row[o] = Math.round(ACCENT[0] * (1 - w) + 255 * w);
      row[o + 1] = Math.round(ACCENT[1] * (1 - w) + 255 * w);
      row[o + 2] = Math.round(ACCENT[2] * (1 - w) + 255 * w);
      row[o + 3] = Math.round(255 * a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s, 0);
  ihdr.writeUInt32BE(s, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../resources/icon.png', import.meta.url), icon(256));
writeFileSync(new URL('../resources/tray.png', import.meta.url), icon(32));
console.log('wrote resources/icon.png and resources/tray.png');
