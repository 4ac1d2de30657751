// The /setup page shown on plain HTTP to every host but localhost: install the CA, then open the HTTPS
// address (text and QR code), then pair. Server-rendered, no script and no inline style (strict CSP). A
// no-script trust probe shows a tick when this device already trusts the CA: an image loaded over HTTPS.

import QRCode from 'qrcode';
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

function installSection(info: SetupInfo): string {
  if (info.caFingerprint === null) {
    return `<section aria-labelledby="install">
<h2 id="install">1. Trust this server's certificate</h2>
<p>This server uses a certificate from your own certificate authority. If this device does not trust that
authority yet, install it the way your IT setup does, then continue.</p>
</section>`;
  }
  return `<section aria-labelledby="install">
<h2 id="install">1. Install the Orderline certificate (once per device)</h2>
<p>Orderline makes its own certificate authority (CA) for your shop. Installing it lets this device open
Orderline securely, which it needs to work offline.</p>
<p><a class="button" href="/setup/ca.crt" download="orderline-ca.crt">Download the certificate (Android, Windows, Chromebook, Linux)</a></p>
<p><a class="button" href="/setup/orderline.mobileconfig">Download the profile (iPad, iPhone, Mac)</a></p>
<ul>
<li><strong>Android</strong>: Settings → Security → Encryption &amp; credentials → Install a certificate → CA certificate, then pick the downloaded file.</li>
<li><strong>iPad and iPhone</strong>: open the profile, then Settings → Profile Downloaded → Install; then Settings → General → About → Certificate Trust Settings → turn on “Orderline local CA”.</li>
<li><strong>Mac</strong>: open the profile, then System Settings → Privacy &amp; Security → Profiles → Install.</li>
<li><strong>Windows</strong>: open the certificate → Install Certificate → Local Machine → “Trusted Root Certification Authorities”.</li>
<li><strong>Chromebook</strong>: Settings → Privacy and security → Security → Manage certificates → Authorities → Import, pick the downloaded file, then tick “Trust this certificate for identifying websites”.</li>
<li><strong>Linux, Chrome or Chromium</strong>: Settings → Privacy and security → Security → Manage certificates → Authorities (or “Installed by you” → Trusted certificates) → Import, pick the file, tick “Trust this certificate for identifying websites”.</li>
<li><strong>Linux, Firefox</strong>: Settings → Privacy &amp; Security → Certificates → View Certificates → Authorities → Import, pick the file, tick “Trust this CA to identify websites”.</li>
<li><strong>Linux, whole system</strong> (Debian, Ubuntu): <code>sudo cp orderline-ca.crt /usr/local/share/ca-certificates/ &amp;&amp; sudo update-ca-certificates</code>, then restart the browser.</li>
</ul>
<p>Before you trust it, check that the SHA-256 fingerprint your device shows is:</p>
<p><code class="fingerprint">${escapeHtml(info.caFingerprint)}</code></p>
<p class="warning"><strong>Compare it with the server’s own screen too</strong>: this page comes over plain HTTP,
which anyone on this Wi-Fi could alter, fingerprint included. The same fingerprint must appear in the server’s
start-up log (on the server’s screen) and on the owner’s Devices screen; if it differs, do not install.</p>
</section>`;
}

/** The address of the trust probe: loads only where this device trusts the certificate of the HTTPS address. */
export function trustProbeUrl(httpsUrl: string): string {
  return `${httpsUrl.replace(/\/$/, '')}/setup/trusted.svg`;
}

function trustProbe(info: SetupInfo): string {
  // An image from the HTTPS address: the browser loads it only over a connection it trusts, so the tick shows
  // only on a device that already trusts the CA. No script: the page keeps its strict CSP.
  return `<div class="trust-probe">
<p>Already set up? If a green tick shows in the box below, this device trusts the Orderline certificate: go
to step 2. An empty box means it does not trust it yet (or cannot reach the HTTPS address).</p>
<div class="probe-box"><img src="${escapeHtml(trustProbeUrl(info.httpsUrl))}" alt="" width="320" height="48"></div>
</div>`;
}

export async function renderSetupPage(info: SetupInfo): Promise<string> {
  const url = escapeHtml(info.httpsUrl);
  const qr = await qrCodeDataUrl(info.httpsUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set up this device · Orderline</title>
<link rel="stylesheet" href="/setup/setup.css">
</head>
<body>
<main>
<h1>Set up this device for Orderline</h1>
<p>You opened Orderline over plain HTTP. On your shop's network Orderline runs over HTTPS, so that each
device can keep taking orders when the network drops.</p>
${trustProbe(info)}
${installSection(info)}
<section aria-labelledby="open">
<h2 id="open">2. Open Orderline over HTTPS</h2>
<p>Open this address on this device, or scan the code with its camera:</p>
<p><a class="address" href="${url}">${url}</a></p>
<img class="qr" src="${qr}" alt="QR code for ${url}" width="224" height="224">
</section>
<section aria-labelledby="pair">
<h2 id="pair">3. Pair this device</h2>
<p>Orderline then asks for a pairing code: the owner creates one under Devices → Pair a new device.</p>
</section>
</main>
</body>
</html>
`;
}
