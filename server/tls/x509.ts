// The one door to @peculiar/x509: it needs the Reflect metadata polyfill loaded before it (its tsyringe
// container throws otherwise) and Node's WebCrypto as its provider. Import x509 from here, never directly.

import 'reflect-metadata';
import { cryptoProvider } from '@peculiar/x509';

// globalThis.crypto is Node's WebCrypto (Node >= 19); the global, unlike node:crypto's export, has the type
// each tsconfig expects (the tests' includes the DOM's).
cryptoProvider.set(globalThis.crypto);

export * from '@peculiar/x509';
