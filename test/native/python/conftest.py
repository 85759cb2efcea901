# The Cognito emulator, pools and users in it, and the Pulumi CLI run as a user would: the Python
# counterparts of harness/moto.ts, fixtures.ts, pulumi.ts and nativePlugin.ts.

import ctypes
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
from pulumi import automation as auto

PROJECT_ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "Correct-Horse-9-Battery"
PASSPHRASE = "correct horse battery staple"
REGION = "us-east-1"


def _die_with_parent():
    # If pytest dies without running its teardown, the emulator goes with it.
    ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


@pytest.fixture(scope="module")
def moto_endpoint():
    """moto_server on a free loopback port for this module, behind the strict Cognito; its endpoint."""
    server = os.environ.get("MOTO_SERVER") or subprocess.run(
        ["bash", str(PROJECT_ROOT / "scripts/setup/moto.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    # Without MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, VerifySoftwareToken accepts any code.
    env = {k: v for k, v in os.environ.items() if k != "MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION=REGION)
    process = subprocess.Popen(
        [server, "-H", "127.0.0.1", "-p", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_parent,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"moto_server exited ({process.returncode}): {process.stderr.read().decode()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"moto_server did not answer on {endpoint}")
            time.sleep(0.1)
        yield from _strict_cognito(endpoint)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def _strict_cognito(upstream):
    """The strict Cognito (harness/strictCognito) in front of moto at UPSTREAM: its endpoint, until
    its standard input closes."""
    layer = subprocess.Popen(
        ["bash", str(PROJECT_ROOT / "harness/strictCognito/serve.sh"), "--upstream", upstream],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, preexec_fn=_die_with_parent,
    )
    try:
        line = layer.stdout.readline().decode()
        if not line.startswith("listening "):
            raise RuntimeError(f"the strict Cognito did not start: {line!r}")
        yield f"http://127.0.0.1:{line.split()[1]}"
    finally:
        layer.stdin.close()
        layer.wait()
        layer.stdout.close()


class Cognito:
    """The test's own view of the emulator, with dummy credentials of its own."""

    def __init__(self, endpoint):
        self.client = boto3.client(
            "cognito-idp", endpoint_url=endpoint, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )
        self.pool = self.client_id = None

    def create_pool(self):
        """A pool with MFA OPTIONAL, TOTP and SMS allowed, and an app client for admin password sign-in."""
        self.pool = self.client.create_user_pool(
            PoolName="mfa-test-pool", MfaConfiguration="OFF", AutoVerifiedAttributes=["email"]
        )["UserPool"]["Id"]
        self.client.set_user_pool_mfa_config(
            UserPoolId=self.pool,
            MfaConfiguration="OPTIONAL",
            SoftwareTokenMfaConfiguration={"Enabled": True},
            SmsMfaConfiguration={"SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "x"}},
        )
        self.client_id = self.client.create_user_pool_client(
            UserPoolId=self.pool, ClientName="tests",
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]

    def create_user(self, username):
        """A confirmed user with a permanent password, email and phone number; their access token,
        issued before any MFA factor is enabled (after that, sign-in would need a code)."""
        self.client.admin_create_user(
            UserPoolId=self.pool, Username=username, MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": f"{username}@example.com"},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "phone_number", "Value": "+15555550100"},
            ],
        )
        self.client.admin_set_user_password(UserPoolId=self.pool, Username=username, Password=PASSWORD, Permanent=True)
        auth = self.client.admin_initiate_auth(
            UserPoolId=self.pool, ClientId=self.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
        )
        return auth["AuthenticationResult"]["AccessToken"]

    def verify_totp(self, access_token):
        """Associates a software token and verifies it (the emulator takes any code)."""
        self.client.associate_software_token(AccessToken=access_token)
        verified = self.client.verify_software_token(AccessToken=access_token, UserCode="123456", FriendlyDeviceName="tests")
        assert verified["Status"] == "SUCCESS", verified

    def mfa_of(self, username):
        user = self.client.admin_get_user(UserPoolId=self.pool, Username=username)
        return {"enabled": sorted(user.get("UserMFASettingList", [])), "preferred": user.get("PreferredMfaSetting") or None}

    def set_out_of_band(self, username, **settings):
        self.client.admin_set_user_mfa_preference(UserPoolId=self.pool, Username=username, **settings)


def fresh_stack(name, program, env):
    """A stack in a new directory of its own under .cache/stacks, on a local file backend with
    passphrase secrets and its own PULUMI_HOME, fully offline. The program runs inline, in this
    process: no language host is needed."""
    work_dir = PROJECT_ROOT / ".cache" / "stacks" / name
    shutil.rmtree(work_dir, ignore_errors=True)
    (work_dir / "state").mkdir(parents=True)
    env_vars = {
        **env,
        "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_HOME": str(work_dir / ".pulumi-home"),
        # The plugin runs on Node.js 20; the AWS SDK's notice that its support ends is not news here.
        "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED": "true",
    }
    settings = auto.ProjectSettings(name=name, runtime="python", backend=auto.ProjectBackend(url=f"file://{work_dir / 'state'}"))
    return auto.create_or_select_stack(
        stack_name="test", project_name=name, program=program,
        opts=auto.LocalWorkspaceOptions(work_dir=str(work_dir), project_settings=settings, env_vars=env_vars),
    )


def cli(stack, *args):
    """Runs the CLI itself in the stack's project, as a user would; returns (status, what it printed)."""
    result = subprocess.run(
        ["pulumi", *args, "--stack", stack.name, "--non-interactive"],
        cwd=stack.workspace.work_dir, env={**os.environ, **stack.workspace.env_vars}, capture_output=True, text=True,
    )
    return result.returncode, result.stdout + result.stderr


def install_plugin(stack):
    """The plugin from its archive (NATIVE_PLUGIN_TARBALL, scripts/setup/paths.sh), into the stack's
    PULUMI_HOME, at the version the SDK asks for."""
    version = importlib.metadata.version("pulumi_cognito_mfa")
    tarball = os.environ["NATIVE_PLUGIN_TARBALL"]
    result = subprocess.run(
        ["pulumi", "plugin", "install", "resource", "cognito-mfa", version, "--file", tarball],
        env={**os.environ, **stack.workspace.env_vars}, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"pulumi plugin install failed: {result.stdout}{result.stderr}"
