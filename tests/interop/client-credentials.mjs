// Usage: CLIENT_SECRET=... node client-credentials.mjs <mcp-url> <client-id> <scope> <expected-issuer>
// The TypeScript SDK's own machine-to-machine flow, given only the MCP server's URL: the 401 challenge names the
// protected resource metadata (RFC 9728), that names the authorization server, whose metadata gives the token endpoint;
// the SDK gets a token with client_credentials (ClientCredentialsProvider), lists the tools and calls add(10, 20).
// Prints one JSON line. The secret comes from the environment, never the command line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";

const [url, clientId, scope, expectedIssuer] = process.argv.slice(2);
const authProvider = new ClientCredentialsProvider({ clientId, clientSecret: process.env.CLIENT_SECRET, scope, expectedIssuer });
const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider });
const client = new Client({ name: "ts-client-credentials", version: "1.0.0" });
try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: "add", arguments: { a: 10, b: 20 } });
  // The scope the token carries (Cognito's token response has no "scope"): the SDK asked for what it was told to.
  const accessToken = authProvider.tokens()?.access_token;
  const granted = accessToken ? JSON.parse(Buffer.from(accessToken.split(".")[1], "base64url")).scope : null;
  console.log(JSON.stringify({ tools: tools.map((t) => t.name), add: result.content[0].text, isError: result.isError ?? false, scope: granted }));
  await client.close();
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), code: error?.code ?? null }));
  process.exitCode = 1;
}
