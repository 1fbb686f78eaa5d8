// Renders public/icon.svg into the PNG icons and favicon.ico with the Debian Chromium (run by hand
// from the project root after changing the SVG: `node scripts/make-icons.mjs`; the outputs are committed).
import { chromium } from "playwright";
import { readFileSync, writeFileSync } from "node:fs";
const svg = readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const out = {};
for (const size of [32, 192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  out[size] = await page.screenshot({ omitBackground: true });
}
await browser.close();
writeFileSync("public/icon-192.png", out[192]);
writeFileSync("public/icon-512.png", out[512]);
// ICO holding one 32×32 PNG image (Windows Vista+ and every browser read PNG-in-ICO)
const png = out[32];
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6); header.writeUInt8(32, 7); header.writeUInt8(0, 8); header.writeUInt8(0, 9);
header.writeUInt16LE(1, 10); header.writeUInt16LE(32, 12); header.writeUInt32LE(png.length, 14); header.writeUInt32LE(22, 18);
writeFileSync("public/favicon.ico", Buffer.concat([header, png]));
