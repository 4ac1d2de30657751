// Renders the app icons (192, 512, maskable 512) from one SVG with the system Chromium and writes
// real PNGs to public/icons/. Run: node --import tsx scripts/make-icons.ts (needs /usr/bin/chromium).
import { writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

/** `maskable` shrinks the artwork into the maskable safe zone (the inner 80% circle). */
function iconSvg(size: number, maskable: boolean): string {
  const scale = maskable ? 0.72 : 1;
  const radius = maskable ? 0 : 96;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${radius}" fill="#1f4e5f"/>
  <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">
    <path d="M136 88h240v336l-30-22-30 22-30-22-30 22-30-22-30 22-30-22-30 22z" fill="#f7f5f2"/>
    <rect x="176" y="150" width="160" height="26" rx="13" fill="#1f4e5f"/>
    <rect x="176" y="208" width="120" height="22" rx="11" fill="#9bb7c1"/>
    <rect x="176" y="254" width="140" height="22" rx="11" fill="#9bb7c1"/>
    <circle cx="352" cy="348" r="74" fill="#f2a541"/>
    <path d="M318 348l24 24 46-50" fill="none" stroke="#1f4e5f" stroke-width="22" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const targets = [
    { file: 'icon-192.png', size: 192, maskable: false },
    { file: 'icon-512.png', size: 512, maskable: false },
    { file: 'icon-maskable-512.png', size: 512, maskable: true },
  ];
  for (const { file, size, maskable } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${iconSvg(size, maskable)}`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await writeFile(new URL(`../public/icons/${file}`, import.meta.url), png);
    await page.close();
  }
} finally {
  await browser.close();
}
