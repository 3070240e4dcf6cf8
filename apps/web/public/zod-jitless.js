// Tells zod, before any of its code runs, not to probe `new Function`: the Content-Security-Policy
// forbids eval (docs/decisions/0018-edge-headers-and-compression.md), so the probe was a CSP
// violation on every start (Lighthouse's best-practices check counts it). No module of the app can
// do this early enough: the bundle evaluates the chunk holding zod and the domain's schemas before
// the entry's own code. A deferred classic script placed before the module entry runs first.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
