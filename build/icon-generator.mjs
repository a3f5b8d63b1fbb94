// Draws build/icon.png (512×512 RGBA padlock) with zlib only: `node build/icon-generator.mjs build/icon.png`.
// No image tool needed on the build machine; electron-builder derives the .ico/.icns from the PNG.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const S = 512;
const px = Buffer.alloc(S * S * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
  const i = (y * S + x) * 4;
  let r = 0, g = 0, b = 0, a = 0;
  if (inRoundRect(x, y, 16, 16, 495, 495, 96)) {
    const t = (x + y) / (2 * S);
    r = Math.round(20 + 20 * t); g = Math.round(110 + 60 * t); b = Math.round(200 - 40 * t); a = 255;
    // padlock shackle: ring between radii 70 and 100 centred at (256, 220), upper half only
    const d = Math.hypot(x - 256, y - 215);
    const shackle = d >= 62 && d <= 96 && y <= 215;
    const legs = y > 215 && y < 260 && ((x >= 160 && x <= 194) || (x >= 318 && x <= 352));
    const body = inRoundRect(x, y, 130, 250, 382, 430, 28);
    const hole = Math.hypot(x - 256, y - 320) <= 24 || (x >= 246 && x <= 266 && y >= 320 && y <= 385);
    if ((shackle || legs || body) && !(body && hole)) { r = 250; g = 250; b = 250; }
  }
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
}
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) { raw[y * (S * 4 + 1)] = 0; px.copy(raw, y * (S * 4 + 1) + 1, y * S * 4, (y + 1) * S * 4); }
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(process.argv[2], png);
console.log(png.length);
