#!/usr/bin/env sh
# Blocks a Write, Edit or MultiEdit tool call whose new content looks like a credential or a private key.
# Reads the tool call as JSON on stdin (it needs jq); exit code 2 blocks the call and stderr tells the assistant why.
input=$(cat)
path=$(printf '%s' "$input" | jq -r '.tool_input.file_path // empty')
case "$path" in
  */test/fixtures/*|*.example) exit 0 ;;
esac
content=$(printf '%s' "$input" | jq -r '[.tool_input.content, .tool_input.new_string, (.tool_input.edits[]?.new_string)] | map(select(. != null)) | join("\n")')
if printf '%s' "$content" | grep -Eq -- '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abpr]-[A-Za-z0-9-]{10,}|(password|passwd|secret|api_key|apikey|token)["'\'' ]*[:=] *["'\''][^"'\'' ]{12,}'; then
  echo "guard-secrets: $path looks like it contains a secret; use an environment variable or a secrets manager instead" >&2
  exit 2
fi
exit 0
