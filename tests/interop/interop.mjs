// Usage: node interop.mjs <mcp-url> [access-token]
// Connects with the official TypeScript MCP SDK, lists the tools and calls add(10, 20); prints one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token] = process.argv.slice(2);
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "ts-interop", version: "1.0.0" });
try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: "add", arguments: { a: 10, b: 20 } });
  console.log(JSON.stringify({ tools: tools.map((t) => t.name), add: result.content[0].text, isError: result.isError ?? false }));
  await client.close();
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), code: error?.code ?? null }));
  process.exitCode = 1;
}
