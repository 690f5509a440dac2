#!/usr/bin/env bash
# Provisions an Amazon Cognito user pool for the samples and writes the .env they read.
#
#   bash setup.sh <region> <app-url> [options]      e.g. bash setup.sh us-east-1 https://203.0.113.10:5001
#   bash setup.sh --teardown [--env-file PATH]      deletes what a previous run created
#
# Creates, with the AWS CLI: a user pool (password policy, verified email), its hosted domain, the resource server
# my-api (scopes read and write), a web client (authorization code) and a machine-to-machine client
# (client_credentials). The client secrets go to the env file (mode 600); they are never printed.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR API_IDENTIFIER="my-api"
readonly POOL_ID_PATTERN='^[a-z]{2}(-[a-z]+)+-[0-9]+_[A-Za-z0-9]+$'
readonly DOMAIN_PREFIX_PATTERN='^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'
export AWS_PAGER=""

usage() {
  cat <<'EOF'
Usage:
  bash setup.sh <region> <app-url> [options]
  bash setup.sh --teardown [--env-file PATH]

Creates a Cognito user pool for the samples and writes their .env file.

Arguments:
  <region>    AWS region of the user pool, e.g. us-east-1
  <app-url>   base URL of the web app (samples/WebLogin), e.g. https://203.0.113.10:5001 or
              http://localhost:5000; its /callback and /logout become the web client's redirect URLs

Options:
  --mcp-server-url URL    public base URL of samples/CalculatorServer (default: http://localhost:8080); its
                          /oauth/callback becomes the callback of the authorization bridge's client
  --pool-name NAME        user pool name (default: mcp-server-pool)
  --domain-prefix PREFIX  hosted domain prefix, https://PREFIX.auth.<region>.amazoncognito.com
                          (default: the pool name plus a random suffix; prefixes are global per region)
  --endpoint-url URL      send the AWS CLI to URL instead of AWS, e.g. LocalCognito at http://127.0.0.1:9229
  --no-implicit           do not enable the deprecated implicit grant on the web client
  --env-file PATH         where to write the configuration (default: .env in the repository root)
  --teardown              delete the domain and the user pool recorded in the env file, then the file
  -h, --help              show this help
EOF
}

die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }
usage_error() {
  printf 'setup.sh: %s\nUsage: bash setup.sh <region> <app-url> [options]   (bash setup.sh --help for more)\n' "$*" >&2
  exit 2
}
info() { printf '%s\n' "$*"; }
warn() { printf 'setup.sh: warning: %s\n' "$*" >&2; }

region=""
app_url=""
pool_name="mcp-server-pool"
domain_prefix=""
endpoint_url=""
mcp_server_url="http://localhost:8080"
implicit=true
teardown=false
env_file="$SCRIPT_DIR/.env"
positional=()

while [ "$#" -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --teardown) teardown=true ;;
    --no-implicit) implicit=false ;;
    --pool-name | --domain-prefix | --endpoint-url | --env-file | --mcp-server-url)
      [ "$#" -ge 2 ] || usage_error "$1 needs a value"
      case "$1" in
        --pool-name) pool_name="$2" ;;
        --domain-prefix) domain_prefix="$2" ;;
        --endpoint-url) endpoint_url="$2" ;;
        --env-file) env_file="$2" ;;
        --mcp-server-url) mcp_server_url="$2" ;;
      esac
      shift ;;
    --pool-name=* ) pool_name="${1#*=}" ;;
    --domain-prefix=*) domain_prefix="${1#*=}" ;;
    --endpoint-url=*) endpoint_url="${1#*=}" ;;
    --env-file=*) env_file="${1#*=}" ;;
    --mcp-server-url=*) mcp_server_url="${1#*=}" ;;
    -*) usage_error "unknown option: $1" ;;
    *) positional+=("$1") ;;
  esac
  shift
done

# --- prerequisites -----------------------------------------------------------------------------------------------

require_tools() {
  command -v aws >/dev/null 2>&1 ||
    die "the AWS CLI (aws) is not installed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html (Debian: apt-get install awscli)"
  command -v jq >/dev/null 2>&1 || die "jq is not installed: https://jqlang.org/download/ (Debian: apt-get install jq)"
}

# Every AWS CLI call goes through here: the region, JSON output and, for LocalCognito, the endpoint.
cognito() {
  local extra=()
  if [ -n "$endpoint_url" ]; then extra=(--endpoint-url "$endpoint_url"); fi
  aws cognito-idp "$@" --region "$region" --output json "${extra[@]}"
}

# One value as a JSON list, for list parameters whose value is a URL. AWS CLI v1 fetches any parameter value that
# starts with http:// or https:// and sends the page instead (cli_follow_urlparam, on by default); in a JSON list
# the value starts with [ and both CLI versions take it as it is.
json_list() {
  jq -cn --arg value "$1" '[$value]'
}

# Reads KEY's value from the env file without executing it (the file is data, not a script).
env_value() {
  sed -n "s/^$1=//p" "$env_file" | head -n 1
}

# --- teardown ------------------------------------------------------------------------------------------------------

if [ "$teardown" = true ]; then
  [ "${#positional[@]}" -eq 0 ] || usage_error "--teardown takes no region or app URL: it reads them from the env file"
  require_tools
  [ -f "$env_file" ] || die "$env_file does not exist: there is nothing recorded to tear down (pass --env-file PATH if you wrote it elsewhere)"
  region="$(env_value REGION)"
  pool_id="$(env_value USER_POOL_ID)"
  pool_name="$(env_value SETUP_POOL_NAME)"
  domain_prefix="$(env_value SETUP_DOMAIN_PREFIX)"
  endpoint_url="$(env_value SETUP_ENDPOINT_URL)"
  if [ -z "$region" ] || [ -z "$pool_id" ] || [ -z "$pool_name" ]; then
    die "$env_file lacks REGION, USER_POOL_ID or SETUP_POOL_NAME: it was not written by this script, so nothing is deleted"
  fi
  # Both go to the AWS CLI as parameter values, and CLI v1 would fetch a hand-edited http(s):// value.
  [[ "$pool_id" =~ $POOL_ID_PATTERN ]] ||
    die "$env_file records USER_POOL_ID '$pool_id', which is not a user pool id (e.g. us-east-1_AbC123xyZ); nothing was deleted"
  if [ -n "$domain_prefix" ] && ! [[ "$domain_prefix" =~ $DOMAIN_PREFIX_PATTERN ]]; then
    die "$env_file records SETUP_DOMAIN_PREFIX '$domain_prefix', which is not a domain prefix; nothing was deleted"
  fi

  # The pool must still carry the recorded name: a hand-edited id must not delete someone else's pool.
  if ! described="$(cognito describe-user-pool --user-pool-id "$pool_id" 2>&1)"; then
    if grep -q ResourceNotFoundException <<<"$described"; then
      warn "user pool $pool_id no longer exists; removing $env_file only"
      rm -f -- "$env_file"
      exit 0
    fi
    die "could not describe user pool $pool_id: $described"
  fi
  actual_name="$(jq -r '.UserPool.Name' <<<"$described")"
  [ "$actual_name" = "$pool_name" ] ||
    die "user pool $pool_id is named '$actual_name', not '$pool_name' as recorded in $env_file; nothing was deleted"

  if [ -n "$domain_prefix" ]; then
    info "Deleting domain $domain_prefix ..."
    cognito delete-user-pool-domain --user-pool-id "$pool_id" --domain "$domain_prefix" >/dev/null
  fi
  info "Deleting user pool $pool_id ($pool_name) ..."
  cognito delete-user-pool --user-pool-id "$pool_id" >/dev/null
  rm -f -- "$env_file"
  info "Done: the user pool, its domain and clients are deleted, and $env_file is removed."
  exit 0
fi

# --- arguments -----------------------------------------------------------------------------------------------------

[ "${#positional[@]}" -eq 2 ] || usage_error "expected <region> and <app-url>, got ${#positional[@]} argument(s)"
region="${positional[0]}"
app_url="${positional[1]%/}"

[[ "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || usage_error "'$region' is not an AWS region (e.g. us-east-1)"
[[ "$app_url" =~ ^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$ ]] ||
  usage_error "'$app_url' is not a URL such as https://203.0.113.10:5001"
# Cognito accepts plain http only for localhost; LocalCognito also for 127.0.0.1.
if [[ "$app_url" == http://* ]] && ! [[ "$app_url" =~ ^http://localhost(:[0-9]+)?(/|$) ]]; then
  if [ -z "$endpoint_url" ] || ! [[ "$app_url" =~ ^http://(127\.0\.0\.1|\[::1\])(:[0-9]+)?(/|$) ]]; then
    usage_error "'$app_url' uses http: Cognito requires https for callback URLs (http only for localhost)"
  fi
fi
mcp_server_url="${mcp_server_url%/}"
[[ "$mcp_server_url" =~ ^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$ ]] ||
  usage_error "--mcp-server-url '$mcp_server_url' is not a URL such as https://mcp.example.com"
if [[ "$mcp_server_url" == http://* ]] && ! [[ "$mcp_server_url" =~ ^http://localhost(:[0-9]+)?(/|$) ]]; then
  if [ -z "$endpoint_url" ] || ! [[ "$mcp_server_url" =~ ^http://(127\.0\.0\.1|\[::1\])(:[0-9]+)?(/|$) ]]; then
    usage_error "--mcp-server-url '$mcp_server_url' uses http: Cognito requires https for callback URLs (http only for localhost)"
  fi
fi
[[ "$pool_name" =~ ^[A-Za-z0-9_.+=,@-]{1,128}$ ]] ||
  usage_error "--pool-name '$pool_name' may hold only letters, digits and _ . + = , @ - (1 to 128)"
if [ -n "$endpoint_url" ]; then
  endpoint_url="${endpoint_url%/}"
  [[ "$endpoint_url" =~ ^https?://[^[:space:]]+$ ]] || usage_error "--endpoint-url '$endpoint_url' is not a URL"
fi

if [ -z "$domain_prefix" ]; then
  base="$(tr '[:upper:]_.+=,@' '[:lower:]------' <<<"$pool_name" | tr -s '-')"
  base="${base#-}"
  domain_prefix="${base:0:50}-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
fi
[[ "$domain_prefix" =~ $DOMAIN_PREFIX_PATTERN ]] ||
  usage_error "--domain-prefix '$domain_prefix' must be 1 to 63 lowercase letters, digits and inner hyphens"
if [[ "$domain_prefix" =~ (aws|amazon|cognito) ]]; then
  usage_error "--domain-prefix '$domain_prefix' must not contain aws, amazon or cognito (Cognito reserves them)"
fi

# Refuse before touching AWS if the env file already records a setup: it holds secrets nobody else has.
if [ -e "$env_file" ]; then
  die "$env_file already exists. Tear the recorded setup down first (bash setup.sh --teardown --env-file $env_file),
or write elsewhere with --env-file PATH."
fi
env_dir="$(dirname -- "$env_file")"
if ! [ -d "$env_dir" ] || ! [ -w "$env_dir" ]; then die "cannot write to the directory of $env_file"; fi

require_tools
# Before anything is created: what to do in our words, then the CLI's own (it tells a missing key from an expired one).
if [ -z "$endpoint_url" ] && ! cli_said="$(aws sts get-caller-identity --region "$region" --output json 2>&1 >/dev/null)"; then
  die "the AWS CLI could not confirm working credentials ('aws sts get-caller-identity' failed), so nothing was created.
Give the AWS CLI credentials in one of these ways, then run setup.sh again:
  - access keys of an IAM user: run 'aws configure' and enter the access key ID, the secret access key and a region
  - a profile in ~/.aws/config (IAM Identity Center, a role): export AWS_PROFILE=<name>; for IAM Identity Center
    run 'aws sso login --profile <name>' first, and again when its session expires
  - temporary credentials: export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN
'aws sts get-caller-identity' prints your account and ARN once they work.
To rehearse without an AWS account, send the calls to LocalCognito with --endpoint-url (see docs/real-cognito.md).
The AWS CLI said:
$(sed -e '/^[[:space:]]*$/d' -e 's/^/  /' <<<"$cli_said")"
fi

# --- provisioning --------------------------------------------------------------------------------------------------

existing="$(cognito list-user-pools --max-results 60 | jq -r --arg name "$pool_name" '.UserPools[] | select(.Name == $name) | .Id')"
if [ -n "$existing" ]; then
  ids="$(tr '\n' ' ' <<<"$existing" | sed 's/ $//')"
  first="${existing%%$'\n'*}"
  die "a user pool named '$pool_name' already exists ($ids); setup.sh does not create duplicates.
  - If setup.sh created it, remove it with: bash setup.sh --teardown --env-file <the file that run wrote (default: .env)>
  - Otherwise delete it yourself, its domain first:
      aws cognito-idp describe-user-pool --user-pool-id $first --region $region --query UserPool.Domain
      aws cognito-idp delete-user-pool-domain --user-pool-id $first --domain <that domain> --region $region
      aws cognito-idp delete-user-pool --user-pool-id $first --region $region
  - Or keep it and create another pool: bash setup.sh $region $app_url --pool-name <another-name>"
fi

pool_id=""
domain_created=false
tmp_file=""
# If a step fails after the pool exists, remove what this run created, so a re-run starts clean.
rollback() {
  local status=$?
  [ -n "$tmp_file" ] && rm -f -- "$tmp_file"
  if [ "$status" -ne 0 ] && [ -n "$pool_id" ]; then
    warn "setup failed; deleting the partly created user pool $pool_id"
    if [ "$domain_created" = true ]; then
      cognito delete-user-pool-domain --user-pool-id "$pool_id" --domain "$domain_prefix" >/dev/null || true
    fi
    cognito delete-user-pool --user-pool-id "$pool_id" >/dev/null ||
      warn "could not delete $pool_id: delete it in the Cognito console"
  fi
  exit "$status"
}
trap rollback EXIT

info "Creating user pool '$pool_name' in $region ..."
pool_id="$(cognito create-user-pool \
  --pool-name "$pool_name" \
  --policies '{"PasswordPolicy":{"MinimumLength":12,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true}}' \
  --auto-verified-attributes email \
  --schema Name=email,AttributeDataType=String,Required=true,Mutable=true \
  --mfa-configuration OFF | jq -r '.UserPool.Id')"
info "  user pool $pool_id"

info "Creating domain $domain_prefix ..."
cognito create-user-pool-domain --user-pool-id "$pool_id" --domain "$domain_prefix" >/dev/null
domain_created=true
if [ -n "$endpoint_url" ]; then
  domain_url="$endpoint_url/domain/$domain_prefix" # LocalCognito serves each domain under its own base URL.
else
  domain_url="https://$domain_prefix.auth.$region.amazoncognito.com"
fi
info "  $domain_url"

info "Creating resource server $API_IDENTIFIER (scopes read, write) ..."
cognito create-resource-server --user-pool-id "$pool_id" --identifier "$API_IDENTIFIER" --name "My API" \
  --scopes ScopeName=read,ScopeDescription="Read access" ScopeName=write,ScopeDescription="Write access" >/dev/null

flows=(code)
if [ "$implicit" = true ]; then
  flows+=(implicit)
  warn "the web client also allows the implicit grant because the original document lists it; the implicit grant is deprecated (OAuth 2.0 Security BCP, RFC 9700) and samples/WebLogin does not use it. Pass --no-implicit to leave it out."
fi
info "Creating web client (authorization code: ${flows[*]}) ..."
web="$(cognito create-user-pool-client --user-pool-id "$pool_id" --client-name web \
  --generate-secret \
  --explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH \
  --allowed-o-auth-flows "${flows[@]}" \
  --allowed-o-auth-scopes openid email profile "$API_IDENTIFIER/read" \
  --callback-urls "$(json_list "$app_url/callback")" \
  --logout-urls "$(json_list "$app_url/logout")" \
  --supported-identity-providers COGNITO \
  --prevent-user-existence-errors ENABLED \
  --allowed-o-auth-flows-user-pool-client)"
web_id="$(jq -r '.UserPoolClient.ClientId' <<<"$web")"
web_secret="$(jq -r '.UserPoolClient.ClientSecret' <<<"$web")"
info "  client $web_id"

info "Creating machine-to-machine client (client_credentials: $API_IDENTIFIER/read $API_IDENTIFIER/write) ..."
m2m="$(cognito create-user-pool-client --user-pool-id "$pool_id" --client-name m2m \
  --generate-secret \
  --allowed-o-auth-flows client_credentials \
  --allowed-o-auth-scopes "$API_IDENTIFIER/read" "$API_IDENTIFIER/write" \
  --allowed-o-auth-flows-user-pool-client)"
m2m_id="$(jq -r '.UserPoolClient.ClientId' <<<"$m2m")"
m2m_secret="$(jq -r '.UserPoolClient.ClientSecret' <<<"$m2m")"
info "  client $m2m_id"

info "Creating authorization bridge client (authorization code, callback $mcp_server_url/oauth/callback) ..."
bridge="$(cognito create-user-pool-client --user-pool-id "$pool_id" --client-name mcp-bridge \
  --generate-secret \
  --explicit-auth-flows ALLOW_REFRESH_TOKEN_AUTH \
  --allowed-o-auth-flows code \
  --allowed-o-auth-scopes "$API_IDENTIFIER/read" "$API_IDENTIFIER/write" \
  --callback-urls "$(json_list "$mcp_server_url/oauth/callback")" \
  --supported-identity-providers COGNITO \
  --prevent-user-existence-errors ENABLED \
  --allowed-o-auth-flows-user-pool-client)"
bridge_id="$(jq -r '.UserPoolClient.ClientId' <<<"$bridge")"
bridge_secret="$(jq -r '.UserPoolClient.ClientSecret' <<<"$bridge")"
info "  client $bridge_id"

for value in "$pool_id" "$web_id" "$web_secret" "$m2m_id" "$m2m_secret" "$bridge_id" "$bridge_secret"; do
  if ! [[ "$value" =~ ^[A-Za-z0-9_+/=-]+$ ]] || [ "$value" = null ]; then die "Cognito returned an unexpected id or secret"; fi
done

# --- the env file: written to a temporary file (mode 600) in the same directory, then renamed into place ------------

umask 077
tmp_file="$(mktemp "$env_dir/.setup-env.XXXXXX")"
{
  echo "# Written by setup.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Holds client secrets: keep it out of source control."
  echo "REGION=$region"
  echo "DOMAIN=$domain_url"
  echo "USER_POOL_ID=$pool_id"
  echo "PUBLIC_CLIENT_ID=$web_id"
  echo "PUBLIC_CLIENT_SECRET=$web_secret"
  echo "CONFIDENTIAL_CLIENT_ID=$m2m_id"
  echo "CONFIDENTIAL_CLIENT_SECRET=$m2m_secret"
  echo "# The authorization bridge of samples/CalculatorServer (interactive MCP clients sign in through it)."
  echo "MCP_SERVER_URL=$mcp_server_url"
  echo "BRIDGE_CLIENT_ID=$bridge_id"
  echo "BRIDGE_CLIENT_SECRET=$bridge_secret"
  echo "REDIRECT_URI=$app_url/callback"
  echo "LOGOUT_URI=$app_url/logout"
  echo "# The issuer in the pool's tokens (LocalCognito, --endpoint-url, has its own)."
  if [ -n "$endpoint_url" ]; then echo "ISSUER=$endpoint_url/$pool_id"; else echo "ISSUER=https://cognito-idp.$region.amazonaws.com/$pool_id"; fi
  echo "# Used by bash setup.sh --teardown."
  echo "SETUP_POOL_NAME=$pool_name"
  echo "SETUP_DOMAIN_PREFIX=$domain_prefix"
  if [ -n "$endpoint_url" ]; then echo "SETUP_ENDPOINT_URL=$endpoint_url"; fi
} >"$tmp_file"
chmod 600 "$tmp_file"
mv -f -- "$tmp_file" "$env_file"
tmp_file=""
pool_id_created="$pool_id"
pool_id="" # Success: nothing to roll back.

info ""
info "Done. User pool $pool_id_created, domain $domain_url."
info "The configuration, including both client secrets, is in $env_file (mode 600); the secrets were not printed."
if [ -z "$endpoint_url" ]; then info "A new Cognito domain can take about a minute before it answers."; fi
# The samples read the file SETUP_ENV_FILE names, else .env in their own folder, else the repository root's (setup.sh's
# default). Plain "dotnet run" finds this file only at that default, with neither of the other two in the way.
env_file_abs="$(cd -- "$env_dir" && pwd -P)/$(basename -- "$env_file")"
if [ "$env_file_abs" = "$(cd -- "$SCRIPT_DIR" && pwd -P)/.env" ] && [ -z "${SETUP_ENV_FILE:-}" ] &&
  ! [ -e "$SCRIPT_DIR/samples/CalculatorServer/.env" ] && ! [ -e "$SCRIPT_DIR/samples/WebLogin/.env" ]; then
  info "Next: dotnet run --project samples/CalculatorServer, then dotnet run --project samples/WebLogin (open $app_url);"
  info "  both read this .env from the repository root."
else
  printf -v run_prefix 'SETUP_ENV_FILE=%q' "$env_file_abs"
  info "Next: start the samples with SETUP_ENV_FILE naming this file; without it they read .env from their own folder,"
  info "  else from the repository root ($SCRIPT_DIR):"
  info "  $run_prefix dotnet run --project samples/CalculatorServer"
  info "  $run_prefix dotnet run --project samples/WebLogin   (then open $app_url)"
fi
info "Remove everything later with: bash setup.sh --teardown --env-file $env_file"
