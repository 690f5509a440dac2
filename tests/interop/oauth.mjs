// Usage: node oauth.mjs <mcp-url> <redirect-url> [client-metadata-url]
// Signs in with the official TypeScript MCP SDK's OAuth client (an OAuthClientProvider on StreamableHTTPClientTransport):
// discovery, then a Client ID Metadata Document when a URL is given (and the server supports them), else dynamic client
// registration; PKCE S256, state and resource. The browser is the caller's: this script prints
//   {"authorize":"<authorization URL>"}
// and reads the redirect URL the browser ended at (code, state, iss) from one line of stdin. It checks state and iss,
// finishes the token exchange, lists the tools, calls add(10, 20) and prints one JSON result line. Tokens are never printed.
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [mcpUrl, redirectUrl, clientMetadataUrl] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** Everything a desktop client keeps between runs, in memory: one sign-in. */
class InMemoryProvider {
  client = undefined;
  savedTokens = undefined;
  verifier = undefined;
  discovery = undefined;
  expectedState = crypto.randomUUID();
  authorizationUrl = undefined;
  registrations = 0;

  constructor(redirect, metadataUrl) {
    this.redirect = redirect;
    if (metadataUrl) this.clientMetadataUrl = metadataUrl;
  }

  get redirectUrl() { return this.redirect; }
  get clientMetadata() {
    return {
      client_name: "TypeScript SDK interop client",
      redirect_uris: [this.redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() { return this.expectedState; }
  clientInformation() { return this.client; }
  saveClientInformation(information) {
    if (information.client_id !== this.clientMetadataUrl) this.registrations++;
    this.client = information;
  }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  redirectToAuthorization(url) { this.authorizationUrl = url; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  saveDiscoveryState(state) { this.discovery = state; }
  discoveryState() { return this.discovery; }
}

const provider = new InMemoryProvider(redirectUrl, clientMetadataUrl);
const newTransport = () => new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
try {
  const first = new Client({ name: "ts-oauth-interop", version: "1.0.0" });
  let signedIn = false;
  try {
    await first.connect(newTransport());
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !provider.authorizationUrl) throw error;
    signedIn = true;
  }
  if (!signedIn) throw new Error("the server let the client in without signing in");

  console.log(JSON.stringify({ authorize: provider.authorizationUrl.href }));
  const next = await lines.next();
  if (next.done) throw new Error("stdin closed before the redirect URL arrived");
  const back = new URL(next.value.trim());
  if (`${back.origin}${back.pathname}` !== new URL(redirectUrl).href) throw new Error(`the browser came back to ${back.origin}${back.pathname}, not ${redirectUrl}`);
  const issuer = provider.discovery?.authorizationServerMetadata?.issuer;
  const stateOk = back.searchParams.get("state") === provider.expectedState;
  const issOk = issuer !== undefined && back.searchParams.get("iss") === issuer; // RFC 9207: SDK 1.32.2 leaves this check to the application
  if (!stateOk || !issOk) throw new Error(`state or iss does not match (state ${stateOk}, iss ${issOk})`);
  if (back.searchParams.get("error")) throw new Error(`authorization refused: ${back.searchParams.get("error")}`);

  const transport = newTransport();
  await transport.finishAuth(back.searchParams.get("code"));
  const client = new Client({ name: "ts-oauth-interop", version: "1.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: "add", arguments: { a: 10, b: 20 } });
  console.log(JSON.stringify({
    clientId: provider.client.client_id,
    registrations: provider.registrations,
    authorizationServer: provider.discovery.authorizationServerUrl,
    issuer,
    scope: provider.savedTokens.scope ?? null,
    hasRefreshToken: typeof provider.savedTokens.refresh_token === "string",
    tools: tools.map((t) => t.name),
    add: result.content[0].text,
    isError: result.isError ?? false,
  }));
  await client.close();
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), code: error?.code ?? null }));
  process.exitCode = 1;
} finally {
  process.stdin.destroy();
}
