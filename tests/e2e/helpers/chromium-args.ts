// Chromium flags that work on the CI machines (no GPU, no sandbox, no background traffic), shared by the
// config and by helpers that launch their own browser (persistent contexts for installability).

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;
