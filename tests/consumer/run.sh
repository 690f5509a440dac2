#!/usr/bin/env bash
# The consumer test: pack Cognito.Mcp.Auth, create a brand-new MCP server project outside the solution that references
# the package from a local folder feed (not a project reference), build and start it, and prove that it accepts a
# LocalCognito token and refuses a request without one. Everything binds to 127.0.0.1 and is stopped on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # url, seconds
  for _ in $(seq 1 "$(( $2 * 5 ))"); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "consumer: $1 did not answer within $2 s" >&2; return 1
}

# A unique version, so the global NuGet cache never serves an older build of the same number.
version="0.1.0-consumer.$(date +%s)"
echo "consumer: packing Cognito.Mcp.Auth $version"
dotnet pack "$root/src/Cognito.Mcp.Auth" -c Release -o "$work/feed" -p:Version="$version" -nologo -v q >/dev/null

mkdir "$work/ConsumerServer"
cd "$work/ConsumerServer"
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat > ConsumerServer.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Cognito.Mcp.Auth" Version="$version" />
    <PackageReference Include="ModelContextProtocol.AspNetCore" Version="2.4.0" />
  </ItemGroup>
</Project>
XML
cat > Program.cs <<'CS'
using System.ComponentModel;
using ModelContextProtocol.Server;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCognitoMcpAuth();
builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithTools<EchoTools>().AddAuthorizationFilters();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/health", () => "ok");
app.MapMcp("/mcp").RequireCognitoMcpAuth();
app.Run();

[McpServerToolType]
public sealed class EchoTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the message.")]
    public static string Echo(string message) => message;
}
CS
echo "consumer: building a new MCP server against the packed library"
dotnet build -nologo -v q -o "$work/out" >/dev/null

cognito_port=$(free_port)
server_port=$(free_port)
DOTNET_ENVIRONMENT=Development dotnet run --no-launch-profile --project "$root/samples/LocalCognito" -- --urls "http://127.0.0.1:$cognito_port" >"$work/cognito.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$cognito_port/health" 120

pool=us-east-1_LocalDev1
ASPNETCORE_ENVIRONMENT=Development \
Cognito__UserPoolId=$pool \
Cognito__Issuer="http://127.0.0.1:$cognito_port/$pool" \
Cognito__AllowedClientIds__0=localdevm2mclient000000001 \
Cognito__RequiredScopes__0=my-api/read \
Cognito__Resource="http://127.0.0.1:$server_port/mcp" \
  dotnet "$work/out/ConsumerServer.dll" --urls "http://127.0.0.1:$server_port" >"$work/server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$server_port/health" 60

token=$(curl -fsS -u localdevm2mclient000000001:localdevonlym2msecretnotforproductionuse00000000001 \
  -d grant_type=client_credentials -d scope=my-api/read \
  "http://127.0.0.1:$cognito_port/domain/local-dev/oauth2/token" | jq -r .access_token)

mcp() { # extra curl arguments...
  curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X POST "http://127.0.0.1:$server_port/mcp" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello from a consumer"}}}' "$@"
}

status=$(mcp -H "Authorization: Bearer $token")
if [ "$status" != 200 ] || ! grep -q 'hello from a consumer' "$work/body"; then
  echo "consumer: FAILED: a valid LocalCognito token got HTTP $status"; cat "$work/body" "$work/server.log"; exit 1
fi
echo "consumer: a LocalCognito token is accepted (HTTP 200, tool called)"

status=$(mcp)
challenge=$(grep -i '^www-authenticate:' "$work/headers" | tr -d '\r' || true)
expected="WWW-Authenticate: Bearer resource_metadata=\"http://127.0.0.1:$server_port/.well-known/oauth-protected-resource/mcp\", scope=\"my-api/read\""
if [ "$status" != 401 ] || [ "$challenge" != "$expected" ]; then
  echo "consumer: FAILED: a request without a token got HTTP $status, challenge '$challenge'"; exit 1
fi
echo "consumer: a request without a token is refused (HTTP 401, $challenge)"
echo "consumer: passed"
