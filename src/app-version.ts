// The version this build reports in telemetry: package.json's, put in by vite.config.ts ('dev' elsewhere).
const defined: unknown = import.meta.env.VITE_APP_VERSION;
export const APP_VERSION: string = typeof defined === 'string' && defined !== '' ? defined : 'dev';
