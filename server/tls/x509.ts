// The one door to @peculiar/x509: it needs the Reflect metadata polyfill loaded before it (its tsyringe
// container throws otherwise) and Node's WebCrypto as its provider. Import x509 from here, never directly.

import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { cryptoProvider } from '@peculiar/x509';

cryptoProvider.set(webcrypto);

export * from '@peculiar/x509';
