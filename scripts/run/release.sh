#!/usr/bin/env bash
# `npm run release`: makes the release directory, build/release/, from this checkout; what a
# release publishes (docs/installation-configuration.md, "Release artifacts"; .github/workflows/release.yml):
#   pulumi-resource-cognito-mfa-v<version>-<os>-<arch>.tar.gz   the standalone plugin per platform
#                                   (scripts/setup/build-plugin-archives.sh; darwin-arm64 only on macOS arm64)
#   pulumi-cognito-mfa-<version>.tgz                   the dynamic resource and the scan (npm)
#   pulumi-cognito-mfa-native-<version>.tgz            the native provider's Node.js SDK (npm)
#   pulumi_cognito_mfa-<version>-py3-none-any.whl      the native provider's Python SDK (PyPI),
#   pulumi_cognito_mfa-<version>.tar.gz                and its sdist
#   terraform-provider-cognitomfa_<version>_<os>_<arch>.zip   the Terraform provider, standalone,
#                                   per platform, in the Terraform registry's form (darwin_arm64 only on macOS arm64)
#   terraform-provider-cognitomfa_<version>_manifest.json      its protocol version (6.0), for the registry
#   terraform-provider-cognitomfa_<version>_SHA256SUMS         the registry's checksums: the zips and the
#                                   manifest (the release workflow signs it: ..._SHA256SUMS.sig)
#   SHA256SUMS                                         the checksum of every file above
# The Go SDK is no file: a release tags it as a module in the repository (the workflow does).
# `release.sh [PLATFORM... | all]` chooses the plugin archives, default all that this machine can build.
set -euo pipefail
source "$(dirname "$0")/../setup/paths.sh"
cd "$PROJECT_ROOT"
out=build/release

# The plugin bundle, the schema and the SDKs (build-native.sh starts from an empty build/).
bash scripts/setup/build-native.sh >/dev/null
bash scripts/setup/build-plugin-archives.sh "${@:-all}"
bash scripts/setup/build-terraform.sh
PLUGIN_KIND=terraform bash scripts/setup/build-plugin-archives.sh "${@:-all}"
bash scripts/setup/terraform-registry-files.sh "$out"
cp "$NATIVE_SDK_PACKED" "$out/"
npm pack --silent --pack-destination "$out" >/dev/null
bash scripts/setup/build-python-sdk.sh "$out" >/dev/null

# The checksums, in the format `sha256sum --check` and `shasum -a 256 --check` read.
(
    cd "$out"
    rm -f SHA256SUMS
    files=(*)
    if command -v sha256sum >/dev/null; then sha256sum -- "${files[@]}"; else shasum -a 256 -- "${files[@]}"; fi >SHA256SUMS
)
echo "release: $out" >&2
(cd "$out" && ls -l | tail -n +2 | awk '{ printf "  %9d  %s\n", $5, $9 }') >&2
