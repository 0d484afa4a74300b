// Draws the add-in's ribbon and store icons (a white tick on a rounded blue square) as PNG files in assets/.
// Generated rather than downloaded so the repository carries its own source for every byte it ships.
// Run: npx tsx scripts/make-icons.ts
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** Office asks for 16, 32 and 80 px ribbon icons, and 32/64 px for the add-in's own icon. */
export const ICON_SIZES = [16, 32, 64, 80] as const;

const BRAND = [0x0f, 0x6c, 0xbd]; // Fluent UI v9 brand blue, so the icon sits well beside Office's own.

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG file. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of the shapes at a point in unit coordinates (0..1): 0 outside, 1 square, 2 tick. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  const radius = 0.18;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if (Math.hypot(x - cx, y - cy) > radius) return 0;
  const stroke = 0.075;
  const onTick =
    distanceToSegment(x, y, 0.24, 0.52, 0.42, 0.7) < stroke || distanceToSegment(x, y, 0.42, 0.7, 0.77, 0.3) < stroke;
  return onTick ? 2 : 1;
}

/** Renders the icon at one size, 4x4 supersampled so the small sizes are not jagged. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let square = 0;
      let tick = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const hit = shapeAt((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (hit === 1) square++;
          if (hit === 2) tick++;
        }
      }
      const total = samples * samples;
      const covered = square + tick;
      const at = (y * size + x) * 4;
      if (covered === 0) continue;
      const white = tick / covered;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(BRAND[c] * (1 - white) + 255 * white);
      pixels[at + 3] = Math.round((255 * covered) / total);
    }
  }
  return pixels;
}

if (require.main === module) {
  const folder = join(__dirname, '..', 'assets');
  mkdirSync(folder, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(folder, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, drawIcon(size)));
    console.log(`wrote ${file}`);
  }
}
