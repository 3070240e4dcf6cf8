export { findChromium } from './chromium.ts';
export { startServer, type StartServerOptions, type TestServer } from './server.ts';
export { launchBrowser, newPhoneContext, PHONE } from './browser.ts';
export { DEMO_PASSWORD, DEMO_USERS } from './demo.ts';
export { go, signIn, submitSignIn, mainHeading, waitForServiceWorkerControl } from './pages.ts';
export { putLocalRows, localRows, cachedSession } from './local-rows.ts';
export { useE2eSuite, type E2eSuite } from './suite.ts';
export { apiDevice, type ApiDevice } from './api-client.ts';
export { sqlWhileStopped } from './server-sql.ts';
