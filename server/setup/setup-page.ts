// The /setup page shown on plain HTTP to every host but localhost: install the CA, then open the HTTPS
// address (text and QR code), then pair. Server-rendered, no script and no inline style (strict CSP). A
// no-script trust probe shows a tick when this device already trusts the CA: an image loaded over HTTPS.
// Worded in the shop's language (server/shop-words.ts); every message is escaped, markup stays here.

import QRCode from 'qrcode';
import { isRtl } from '../../protocol/locales.ts';
import { ENGLISH, type ShopWords } from '../shop-words.ts';
import type { SetupInfo } from '../tls/https-endpoint.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** The QR code of a URL as an SVG data: URL (the CSP allows `img-src data:`). */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * A message as HTML: its text escaped, then each `{name}` in `markup` put in as the HTML given (escaped text
 * of a placeholder would show tags as text). Placeholders travel as private-use marks through the escaping.
 */
function html(words: ShopWords, id: string, markup: Record<string, string> = {}): string {
  const names = Object.keys(markup);
  const marks = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`]));
  // Text between tags: `&`, `<`, `>` escaped; quotes need no escaping there (`shop's` reads as typed).
  let text = words.t(id, marks).replace(/[&<>]/g, (char) => ESCAPES[char]!);
  names.forEach((name, i) => {
    text = text.replace(`\uE000${i}\uE001`, markup[name]!);
  });
  return text;
}

/** The steps for each kind of device: a name in bold, then what to tap. */
const PLATFORMS = [
  ['server.setup.android', 'server.setup.androidSteps'],
  ['server.setup.apple', 'server.setup.appleSteps'],
  ['server.setup.mac', 'server.setup.macSteps'],
  ['server.setup.windows', 'server.setup.windowsSteps'],
  ['server.setup.chromebook', 'server.setup.chromebookSteps'],
  ['server.setup.linuxChrome', 'server.setup.linuxChromeSteps'],
  ['server.setup.linuxFirefox', 'server.setup.linuxFirefoxSteps'],
] as const;

const LINUX_COMMAND =
  'sudo cp orderline-ca.crt /usr/local/share/ca-certificates/ &amp;&amp; sudo update-ca-certificates';

/** In a right-to-left page, commands, fingerprints and addresses still read left to right. */
function ltr(words: ShopWords): string {
  return isRtl(words.locale) ? ' dir="ltr"' : '';
}

function installSection(info: SetupInfo, words: ShopWords): string {
  const h = (id: string, markup?: Record<string, string>) => html(words, id, markup);
  if (info.caFingerprint === null) {
    return `<section aria-labelledby="install">
<h2 id="install">${h('server.setup.trustHeading')}</h2>
<p>${h('server.setup.trustText')}</p>
</section>`;
  }
  const steps = PLATFORMS.map(([name, steps]) => `<li><strong>${h(name)}</strong>: ${h(steps)}</li>`);
  steps.push(
    `<li><strong>${h('server.setup.linuxSystem')}</strong> ${h('server.setup.linuxSystemSteps', { command: `<code${ltr(words)}>${LINUX_COMMAND}</code>` })}</li>`,
  );
  return `<section aria-labelledby="install">
<h2 id="install">${h('server.setup.installHeading')}</h2>
<p>${h('server.setup.installText')}</p>
<p><a class="button" href="/setup/ca.crt" download="orderline-ca.crt">${h('server.setup.downloadCertificate')}</a></p>
<p><a class="button" href="/setup/orderline.mobileconfig">${h('server.setup.downloadProfile')}</a></p>
<ul>
${steps.join('\n')}
</ul>
<p>${h('server.setup.checkFingerprint')}</p>
<p><code class="fingerprint"${ltr(words)}>${escapeHtml(info.caFingerprint)}</code></p>
<p class="warning">${h('server.setup.compareWhy', { compare: `<strong>${h('server.setup.compare')}</strong>` })}</p>
</section>`;
}

/** The address of the trust probe: loads only where this device trusts the certificate of the HTTPS address. */
export function trustProbeUrl(httpsUrl: string): string {
  return `${httpsUrl.replace(/\/$/, '')}/setup/trusted.svg`;
}

function trustProbe(info: SetupInfo, words: ShopWords): string {
  // An image from the HTTPS address: the browser loads it only over a connection it trusts, so the tick shows
  // only on a device that already trusts the CA. No script: the page keeps its strict CSP.
  return `<div class="trust-probe">
<p>${html(words, 'server.setup.probe')}</p>
<div class="probe-box"><img src="${escapeHtml(trustProbeUrl(info.httpsUrl))}" alt="" width="320" height="48"></div>
</div>`;
}

export async function renderSetupPage(info: SetupInfo, words: ShopWords = ENGLISH): Promise<string> {
  const h = (id: string, markup?: Record<string, string>) => html(words, id, markup);
  const url = escapeHtml(info.httpsUrl);
  const qr = await qrCodeDataUrl(info.httpsUrl);
  const dir = isRtl(words.locale) ? ' dir="rtl"' : '';
  return `<!doctype html>
<html lang="${words.locale}"${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h('server.setup.title')}</title>
<link rel="stylesheet" href="/setup/setup.css">
</head>
<body>
<main>
<h1>${h('server.setup.heading')}</h1>
<p>${h('server.setup.intro')}</p>
${trustProbe(info, words)}
${installSection(info, words)}
<section aria-labelledby="open">
<h2 id="open">${h('server.setup.openHeading')}</h2>
<p>${h('server.setup.openText')}</p>
<p><a class="address" href="${url}"${ltr(words)}>${url}</a></p>
<img class="qr" src="${qr}" alt="${escapeHtml(words.t('server.setup.qrAlt', { url: info.httpsUrl }))}" width="224" height="224">
</section>
<section aria-labelledby="pair">
<h2 id="pair">${h('server.setup.pairHeading')}</h2>
<p>${h('server.setup.pairText')}</p>
</section>
</main>
</body>
</html>
`;
}
