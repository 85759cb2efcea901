#!/usr/bin/env bash
# Signs the Terraform registry's checksums in the release directory $1: writes
#   terraform-provider-cognitomfa_<version>_SHA256SUMS.sig
# a binary detached signature of terraform-provider-cognitomfa_<version>_SHA256SUMS
# (scripts/setup/terraform-registry-files.sh), made with the project's GPG key, the form the
# Terraform registry and `terraform init` verify against the public key in the registry.
# The release workflow runs it (.github/workflows/release.yml) with two secrets in the environment:
#   GPG_PRIVATE_KEY   the signing key, ASCII-armored (`gpg --armor --export-secret-keys <fingerprint>`)
#   GPG_PASSPHRASE    its passphrase
# The key is imported into a temporary GNUPGHOME, removed on exit with its agent; the signature is
# checked with it before the script ends. Neither secret is printed, nor passed as an argument:
# gpg reads both on its standard input.
set -euo pipefail

fail() {
    echo "sign-terraform-sums: $*" >&2
    exit 1
}

[ $# -eq 1 ] || fail "usage: sign-terraform-sums.sh RELEASE_DIR"
dir="$1"
[ -d "$dir" ] || fail "no directory $dir"
[ -n "${GPG_PRIVATE_KEY:-}" ] || fail "the secret GPG_PRIVATE_KEY is not set: the ASCII-armored private key that signs the Terraform provider's releases"
[ -n "${GPG_PASSPHRASE:-}" ] || fail "the secret GPG_PASSPHRASE is not set: the passphrase of GPG_PRIVATE_KEY"
command -v gpg >/dev/null || fail "gpg is not installed"

shopt -s nullglob
found=("$dir"/terraform-provider-cognitomfa_*_SHA256SUMS)
shopt -u nullglob
[ ${#found[@]} -eq 1 ] || fail "$dir holds ${#found[@]} files terraform-provider-cognitomfa_<version>_SHA256SUMS, not one"
sums="${found[0]}"

GNUPGHOME="$(mktemp -d)"
export GNUPGHOME
cleanup() {
    gpgconf --kill all >/dev/null 2>&1 || true
    rm -rf "$GNUPGHOME"
}
trap cleanup EXIT

printf '%s\n' "$GPG_PRIVATE_KEY" | gpg --batch --quiet --import 2>/dev/null ||
    fail "GPG_PRIVATE_KEY could not be imported: it must be an ASCII-armored private key"
# The primary key of the one secret key imported; gpg signs with its signing subkey if it has one.
mapfile -t fingerprints < <(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "sec" { primary = 1; next } $1 == "fpr" && primary { print $10; primary = 0 }')
[ ${#fingerprints[@]} -eq 1 ] || fail "GPG_PRIVATE_KEY holds ${#fingerprints[@]} secret keys, not one"
fingerprint="${fingerprints[0]}"

rm -f "$sums.sig"
printf '%s' "$GPG_PASSPHRASE" | gpg --batch --yes --quiet --pinentry-mode loopback --passphrase-fd 0 \
    --detach-sign --local-user "$fingerprint" --output "$sums.sig" "$sums" ||
    fail "gpg could not sign $sums with key $fingerprint: is GPG_PASSPHRASE its passphrase?"
gpg --batch --quiet --verify "$sums.sig" "$sums" 2>/dev/null || fail "the signature $sums.sig does not verify"
echo "sign-terraform-sums: $sums.sig, by key $fingerprint" >&2
