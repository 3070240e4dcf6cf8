import sharp from 'sharp';

export type PhotoSize = { width: number; height: number };

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * A made-up site photo for the demo seed: sky, a building with windows, a van, a caption with
 * `label`. `hue` (0–360) varies the colours so a job's photos tell apart at a glance. Drawn as SVG
 * and encoded as a camera-like JPEG by sharp; the text uses whatever sans-serif font the machine
 * has (librsvg through fontconfig, offline).
 */
export async function makeDemoPhoto(
  label: string,
  hue: number,
  size: PhotoSize = { width: 1600, height: 1200 },
): Promise<Buffer> {
  const { width: w, height: h } = size;
  const h2 = (hue + 40) % 360;
  const horizon = Math.round(h * 0.62);
  const windows = Array.from({ length: 12 }, (_, i) => {
    const x = w * 0.14 + (i % 4) * w * 0.085;
    const y = h * 0.3 + Math.floor(i / 4) * h * 0.1;
    const lit = (i * 7 + hue) % 3 === 0;
    return `<rect x="${x}" y="${y}" width="${w * 0.05}" height="${h * 0.06}" fill="hsl(${h2},40%,${lit ? 80 : 30}%)"/>`;
  }).join('');
  const fontSize = Math.max(12, Math.round(h * 0.045));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue},55%,45%)"/><stop offset="1" stop-color="hsl(${hue},45%,85%)"/>
    </linearGradient>
    <linearGradient id="ground" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${h2},20%,42%)"/><stop offset="1" stop-color="hsl(${h2},25%,22%)"/>
    </linearGradient>
    <radialGradient id="light" cx="0.8" cy="0.15" r="0.6">
      <stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="1" stop-color="#fff" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${w}" height="${h}" fill="url(#sky)"/>
  <rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#ground)"/>
  <rect x="${w * 0.1}" y="${h * 0.22}" width="${w * 0.4}" height="${horizon - h * 0.22}" fill="hsl(${h2},15%,62%)"/>
  <polygon points="${w * 0.08},${h * 0.22} ${w * 0.3},${h * 0.1} ${w * 0.52},${h * 0.22}" fill="hsl(${hue},30%,30%)"/>
  ${windows}
  <rect x="${w * 0.58}" y="${horizon - h * 0.14}" width="${w * 0.26}" height="${h * 0.14}" rx="${h * 0.02}" fill="hsl(${(hue + 180) % 360},60%,92%)"/>
  <rect x="${w * 0.78}" y="${horizon - h * 0.12}" width="${w * 0.05}" height="${h * 0.05}" fill="hsl(${hue},30%,35%)"/>
  <circle cx="${w * 0.63}" cy="${horizon}" r="${h * 0.035}" fill="#222"/>
  <circle cx="${w * 0.79}" cy="${horizon}" r="${h * 0.035}" fill="#222"/>
  <rect width="${w}" height="${h}" fill="url(#light)"/>
  <rect y="${h - fontSize * 2.2}" width="${w}" height="${fontSize * 2.2}" fill="#000" fill-opacity="0.45"/>
  <text x="${fontSize}" y="${h - fontSize * 0.75}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${fontSize}" fill="#fff">${escapeXml(label)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#808080' }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
