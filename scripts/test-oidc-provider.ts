// The end-to-end tests' OpenID provider (lib/test/oidc-provider.ts) on 127.0.0.1, for the register
// on E2E_PORT; playwright.config.ts starts it next to the app. Runs by hand too:
//   E2E_PORT=3100 npx tsx scripts/test-oidc-provider.ts     (the issuer is http://127.0.0.1:3115)
import { startTestOidcProvider } from "../lib/test/oidc-provider";
import { TEST_OIDC_CLIENT, testOidcPort } from "../lib/test/oidc-fixture";

const appPort = Number(process.env.E2E_PORT ?? 3100);
// The register is reached as localhost by the tests, 127.0.0.1 by hand: either may be the callback.
const redirectUris = ["localhost", "127.0.0.1"].map((host) => `http://${host}:${appPort}/api/auth/callback/oidc`);

const provider = await startTestOidcProvider({ port: testOidcPort(process.env), client: { id: TEST_OIDC_CLIENT.id, secret: TEST_OIDC_CLIENT.secret, redirectUris } });
console.log(`Test OpenID provider on ${provider.issuer} (client ${TEST_OIDC_CLIENT.id}, redirect ${redirectUris.join(" or ")})`);

const stop = () => void provider.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
