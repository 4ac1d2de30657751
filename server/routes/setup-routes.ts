// The /setup page and its downloads: the local CA as DER (`/setup/ca.crt`) and as an Apple profile
// (`/setup/orderline.mobileconfig`). Only the CA certificate is ever served here, never a key.

import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../protocol/roles.ts';
import { escapeHtml, renderSetupPage } from '../setup/setup-page.ts';
import { shopWords, type ShopWords } from '../shop-words.ts';
import { appleProfile } from '../tls/apple-profile.ts';
import { setupInfoProvider, type HttpsEndpoint } from '../tls/https-endpoint.ts';

export interface SetupRoutesOptions {
  endpoint: HttpsEndpoint;
  /** The shop's `locale` setting: the page and its probe image speak its language. */
  locale: () => Promise<string>;
}

const SETUP_CSS = readFileSync(new URL('../setup/setup.css', import.meta.url), 'utf8');
const config = { access: ACCESS.public };

function trustedSvg(words: ShopWords): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="48" viewBox="0 0 320 48">
<rect width="320" height="48" rx="6" fill="#e7f6ea"/>
<path d="M12 25l7 7 15-16" fill="none" stroke="#1b7a2f" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
<text x="44" y="30" font-family="system-ui, sans-serif" font-size="15" fill="#124d1f">${escapeHtml(words.t('server.setup.trusted'))}</text>
</svg>`;
}

/** With TLS_CERT_FILE/TLS_KEY_FILE there is no CA of ours: both downloads say so. */
function noLocalCa(reply: FastifyReply, words: ShopWords): FastifyReply {
  return reply
    .code(404)
    .type('text/plain; charset=utf-8')
    .send(`${words.t('server.setup.noLocalCa')}\n`);
}

export const setupRoutes: FastifyPluginAsync<SetupRoutesOptions> = async (app, { endpoint, locale }) => {
  const words = async () => shopWords(await locale());
  const setupInfo = setupInfoProvider(endpoint);
  const ca = endpoint.material.ca;

  app.get('/setup', { config }, async (request, reply) => {
    const info = setupInfo(request.hostname);
    const html = await renderSetupPage(info, await words());
    // The trust probe is an image from the HTTPS origin: this page's policy allows images from there too.
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy === 'string') {
      reply.header(
        'content-security-policy',
        policy.replace(/img-src ([^;]*)/, `img-src $1 ${new URL(info.httpsUrl).origin}`),
      );
    }
    // The HTTPS address depends on the Host the device used: never cache one device's page for another.
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  // The trust probe's image: a tick and a sentence, drawn only where the HTTPS connection was trusted.
  app.get('/setup/trusted.svg', { config }, async (_request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .header('cross-origin-resource-policy', 'cross-origin')
      .type('image/svg+xml')
      .send(trustedSvg(await words())),
  );

  app.get('/setup/setup.css', { config }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(SETUP_CSS),
  );

  app.get('/setup/ca.crt', { config }, async (_request, reply) => {
    if (ca === null) return noLocalCa(reply, await words());
    return reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="orderline-ca.crt"')
      .type('application/x-x509-ca-cert')
      .send(Buffer.from(ca.der));
  });

  app.get('/setup/orderline.mobileconfig', { config }, async (_request, reply) => {
    if (ca === null) return noLocalCa(reply, await words());
    return reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', 'attachment; filename="orderline.mobileconfig"')
      .type('application/x-apple-aspen-config')
      .send(appleProfile({ caDer: ca.der, caFingerprint: ca.fingerprint }));
  });
};
