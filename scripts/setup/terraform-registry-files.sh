#!/usr/bin/env bash
# Writes, in the release directory $1, the files a Terraform registry release carries beside the
# provider's zips (scripts/setup/build-plugin-archives.sh, PLUGIN_KIND=terraform):
#   terraform-provider-cognitomfa_<version>_manifest.json   the plugin protocol versions it speaks
#   terraform-provider-cognitomfa_<version>_SHA256SUMS      `sha256sum` lines of the zips and the manifest
# The release workflow signs the second with the project's GPG key (…_SHA256SUMS.sig); a registry
# and `terraform init` check the zips against it.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

out="$1"
name="terraform-provider-cognitomfa_$PACKAGE_VERSION"
printf '{\n  "version": 1,\n  "metadata": {\n    "protocol_versions": ["6.0"]\n  }\n}\n' >"$out/${name}_manifest.json"
(
    cd "$out"
    rm -f "${name}_SHA256SUMS"
    files=("${name}"_*.zip "${name}_manifest.json")
    if command -v sha256sum >/dev/null; then sha256sum -- "${files[@]}"; else shasum -a 256 -- "${files[@]}"; fi >"${name}_SHA256SUMS"
)
