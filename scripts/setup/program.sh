#!/usr/bin/env bash
# Makes a Pulumi program directory the way a user's is made, and prints its path:
#   scripts/setup/program.sh NAME MANAGER PULUMI_VERSION
# It installs the packed tarball ($PACKED_TARBALL, from env.sh) with MANAGER (npm, pnpm or yarn,
# at the versions pinned in this repository's devDependencies) beside @pulumi/pulumi at
# PULUMI_VERSION and @pulumi/policy (for the package's policy pack, node_modules/pulumi-cognito-mfa/policy-pack),
# plus what the test and demo code needs, then copies that code in (index.ts,
# Pulumi.yaml, test/, harness/, scripts/) so it runs against the program's node_modules only.
# With NATIVE_SDK_TARBALL set (the packed Node.js SDK of the native provider, scripts/setup/build-native.sh),
# the program installs that SDK too, as `pulumi-cognito-mfa-native`.
# Programs live outside the repository, so nothing resolves from its node_modules by accident.
set -euo pipefail
source "$(dirname "$0")/paths.sh"

name="$1" manager="$2" pulumi_version="$3"
: "${PACKED_TARBALL:?run through scripts/setup/env.sh, which packs the package}"
dir="$PROGRAMS_ROOT/$name"
mkdir -p "$dir"

# The test code's own needs, at the versions this repository locks.
installed() { node -p "require('$PROJECT_ROOT/node_modules/$1/package.json').version"; }
package_json="$(node -e '
const [name, pulumi, ...pairs] = process.argv.slice(1);
const dependencies = { "pulumi-cognito-mfa": "file:./pulumi-cognito-mfa.tgz", "@pulumi/pulumi": pulumi };
for (let i = 0; i < pairs.length; i += 2) dependencies[pairs[i]] = pairs[i + 1];
console.log(JSON.stringify({ name: `cognito-mfa-${name}`, private: true, main: "index.ts", dependencies }, null, 2));
' "$name" "$pulumi_version" \
    @aws-sdk/client-cognito-identity-provider "$(installed @aws-sdk/client-cognito-identity-provider)" \
    @pulumi/policy "$(installed @pulumi/policy)" \
    ${NATIVE_SDK_TARBALL:+pulumi-cognito-mfa-native file:./pulumi-cognito-mfa-native.tgz} \
    otpauth "$(installed otpauth)" mocha "$(installed mocha)" ts-node "$(installed ts-node)" typescript "$(installed typescript)")"

# Reinstall only when the tarball, the manager or the declared versions changed.
stamp="$(printf '%s\n%s\n' "$manager" "$package_json" | cat - "$PACKED_TARBALL" ${NATIVE_SDK_TARBALL:+"$NATIVE_SDK_TARBALL"} | sha256sum | cut -c1-16)"
if [ "$(cat "$dir/.installed" 2>/dev/null)" != "$stamp" ]; then
    echo "program $name: installing the tarball with $manager beside @pulumi/pulumi $pulumi_version" >&2
    find "$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    cp "$PACKED_TARBALL" "$dir/pulumi-cognito-mfa.tgz"
    [ -z "${NATIVE_SDK_TARBALL:-}" ] || cp "$NATIVE_SDK_TARBALL" "$dir/pulumi-cognito-mfa-native.tgz"
    printf '%s\n' "$package_json" > "$dir/package.json"
    case "$manager" in
        npm) (cd "$dir" && npm install --no-audit --no-fund --loglevel=error) >&2 ;;
        pnpm) (cd "$dir" && node "$PROJECT_ROOT/node_modules/pnpm/bin/pnpm.cjs" install --reporter=append-only) >&2 ;;
        yarn)
            # Plug'n'Play, Yarn's default, cannot work (docs/installation-configuration.md, "Compatibility"): node-modules.
            printf 'nodeLinker: node-modules\nenableTelemetry: false\n' > "$dir/.yarnrc.yml"
            # Yarn reads npm's registry setting from no file of npm's; hand it over. CI=true would
            # otherwise make Yarn refuse to write the new program's lock file.
            (cd "$dir" && YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null)" YARN_ENABLE_IMMUTABLE_INSTALLS=false \
                node "$PROJECT_ROOT/node_modules/@yarnpkg/cli-dist/bin/yarn.js" install) >&2
            ;;
        *) echo "program.sh: unknown package manager $manager" >&2; exit 2 ;;
    esac
    printf '%s\n' "$stamp" > "$dir/.installed"
fi

# The code that runs in the program, fresh every time.
rm -rf "$dir/test" "$dir/harness" "$dir/scripts"
cp -r "$PROJECT_ROOT/test" "$PROJECT_ROOT/harness" "$PROJECT_ROOT/scripts" "$dir/"
cp "$PROJECT_ROOT/index.ts" "$PROJECT_ROOT/Pulumi.yaml" "$dir/"
# The compiler settings of Pulumi's TypeScript project template.
cat > "$dir/tsconfig.json" <<'TSCONFIG'
{
  "compilerOptions": {
    "strict": true,
    "outDir": "bin",
    "target": "es2020",
    "module": "commonjs",
    "moduleResolution": "node",
    "sourceMap": true,
    "experimentalDecorators": true,
    "pretty": true,
    "noFallthroughCasesInSwitch": true,
    "noImplicitReturns": true,
    "forceConsistentCasingInFileNames": true
  },
  "files": ["index.ts"]
}
TSCONFIG
echo "$dir"
