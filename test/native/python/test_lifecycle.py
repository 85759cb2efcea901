# The native provider from Python: the generated Python SDK and the installed plugin, through the
# real CLI and engine, against the Cognito emulator. The steps share one stack and run in order,
# as a user's would; test/native/lifecycle.test.ts and test/native/go take the same steps.

import json
from pathlib import Path
from types import SimpleNamespace

import pulumi
import pytest
from pulumi.automation import errors
from pulumi_cognito_mfa import FactorSettingsArgs, UserMfaPreference

from conftest import Cognito, cli, fresh_stack, install_plugin

# Credentials the plugin receives; they must never reach state or output.
PLANTED = {"AWS_ACCESS_KEY_ID": "AKIAPLANTEDNATIVE0002", "AWS_SECRET_ACCESS_KEY": "planted-native-secret-python"}


def factor(enabled, preferred):
    return FactorSettingsArgs(enabled=enabled, preferred=preferred)


@pytest.fixture(scope="module")
def world(moto_endpoint):
    """One pool, three users and one stack, shared by the steps in order."""
    cognito = Cognito(moto_endpoint)
    cognito.create_pool()
    alice_token = cognito.create_user("alice")
    bob_token = cognito.create_user("bob")
    cognito.create_user("carol")
    # bob's TOTP is set out of band and never declared: no step may touch it.
    cognito.verify_totp(bob_token)
    cognito.set_out_of_band("bob", SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": False})
    cognito.set_out_of_band("carol", SMSMfaSettings={"Enabled": True, "PreferredMfa": True})

    w = SimpleNamespace(cognito=cognito, pool=cognito.pool, alice_token=alice_token, declared=[], printed=[])

    def program():
        for name, args, opts in w.declared:
            resource = UserMfaPreference(name, **args, opts=opts)
            pulumi.export(name, {"enabledMfas": resource.enabled_mfas, "preferredMfa": resource.preferred_mfa})

    env = {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": moto_endpoint, **PLANTED}
    w.stack = fresh_stack("native-python", program, env)
    install_plugin(w.stack)
    w.on_output = w.printed.append
    return w


def user(w, name, username, opts=None, **args):
    return (name, {"user_pool_id": w.pool, "username": username, **args}, opts)


def exported_state(w):
    status, output = cli(w.stack, "stack", "export", "--show-secrets=false")
    assert status == 0, output
    return output


def state_files(w):
    """Every file of the stack's backend: the checkpoint, its backups and its history."""
    files = sorted(p for p in (Path(w.stack.workspace.work_dir) / "state").rglob("*") if p.is_file())
    return "\n".join(p.read_text(errors="replace") for p in files)


def assert_nothing_leaked(w, *secrets):
    """No planted credential, nor any of SECRETS, in the live state (`pulumi stack export` and the
    backend's files) nor in anything the CLI printed so far. Run while the resources exist: after
    destroy the state holds none of them."""
    places = {"pulumi stack export": exported_state(w), "the state files": state_files(w), "the CLI's output": "\n".join(w.printed)}
    for where, text in places.items():
        for secret in [*PLANTED.values(), *secrets]:
            assert secret not in text, f"{secret[:12]}… leaked into {where}"


def stored(state, name):
    return next(r for r in json.loads(state)["deployment"]["resources"] if r["urn"].endswith(f"::{name}"))


def test_1_up_creates_and_cognito_shows_the_declared_factors(world):
    w = world
    w.declared = [user(w, "alice", "alice", sms_mfa=factor(True, True))]
    result = w.stack.up(on_output=w.on_output)
    assert result.summary.resource_changes == {"create": 2}, "the stack and alice"
    assert w.cognito.mfa_of("alice") == {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}
    assert result.outputs["alice"].value == {"enabledMfas": ["SMS_MFA"], "preferredMfa": "SMS_MFA"}
    alice = stored(exported_state(w), "alice")
    assert alice["type"] == "cognito-mfa:index:UserMfaPreference"
    assert alice["id"] == f"{w.pool}/alice"
    assert "__provider" not in alice["inputs"], "no code in state"
    assert_nothing_leaked(w)


def test_2_drift_fails_a_refresh_preview_naming_the_property_and_up_refresh_repairs_it(world):
    w = world
    w.cognito.set_out_of_band("alice", SMSMfaSettings={"Enabled": False, "PreferredMfa": False})
    lines = []
    with pytest.raises(errors.CommandError):
        w.stack.preview(refresh=True, expect_no_changes=True, on_output=lines.append)
    assert "smsMfa" in "\n".join(lines)
    repaired = w.stack.up(refresh=True, on_output=w.on_output)
    assert repaired.summary.resource_changes == {"same": 1, "update": 1}
    assert w.cognito.mfa_of("alice") == {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}


def test_3_a_factor_change_updates_in_place(world):
    w = world
    w.declared = [user(w, "alice", "alice", sms_mfa=factor(True, False))]
    assert w.stack.up(on_output=w.on_output).summary.resource_changes == {"same": 1, "update": 1}
    assert w.cognito.mfa_of("alice") == {"enabled": ["SMS_MFA"], "preferred": None}


def test_4_a_change_of_user_replaces_and_turns_the_old_users_managed_factor_off(world):
    w = world
    w.declared = [user(w, "alice", "bob", sms_mfa=factor(True, False))]
    assert w.stack.up(on_output=w.on_output).summary.resource_changes == {"same": 1, "replace": 1}
    assert w.cognito.mfa_of("alice") == {"enabled": [], "preferred": None}
    assert w.cognito.mfa_of("bob") == {"enabled": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "preferred": None}


def test_5_import_adopts_carol_unchanged_then_a_clean_refresh_preview_then_managed(world):
    w = world
    carol_as_is = {"sms_mfa": factor(True, True), "software_token_mfa": factor(False, False), "email_mfa": factor(False, False)}
    imported_opts = pulumi.ResourceOptions(import_=f"{w.pool}/carol")
    w.declared = [w.declared[0], user(w, "carol", "carol", imported_opts, **carol_as_is)]
    assert w.stack.up(on_output=w.on_output).summary.resource_changes == {"same": 2, "import": 1}
    assert w.cognito.mfa_of("carol") == {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}
    assert w.stack.preview(refresh=True, expect_no_changes=True, on_output=w.on_output).change_summary == {"same": 3}

    w.declared = [w.declared[0], user(w, "carol", "carol", **{**carol_as_is, "sms_mfa": factor(True, False)})]
    assert w.stack.up(on_output=w.on_output).summary.resource_changes == {"same": 2, "update": 1}
    assert w.cognito.mfa_of("carol") == {"enabled": ["SMS_MFA"], "preferred": None}


def test_6_the_self_service_form_keeps_the_access_token_secret_in_state(world):
    w = world
    w.declared = [*w.declared, ("alice-self", {"access_token": w.alice_token, "sms_mfa": factor(True, False)}, None)]
    assert w.stack.up(on_output=w.on_output).summary.resource_changes == {"same": 3, "create": 1}
    assert w.cognito.mfa_of("alice") == {"enabled": ["SMS_MFA"], "preferred": None}
    state = exported_state(w)
    assert w.alice_token not in state, "the token appears in state in plain text"
    alice_self = stored(state, "alice-self")
    assert alice_self["inputs"]["accessToken"].get("ciphertext"), "input is a secret"
    assert alice_self["outputs"]["accessToken"].get("ciphertext"), "output is a secret"
    assert alice_self["outputs"]["username"] == "alice"
    assert_nothing_leaked(w, w.alice_token)


def test_7_destroy_turns_the_managed_factors_off_and_leaves_unmanaged_ones_alone(world):
    w = world
    assert w.stack.destroy(on_output=w.on_output).summary.resource_changes == {"delete": 4}
    assert w.cognito.mfa_of("bob") == {"enabled": ["SOFTWARE_TOKEN_MFA"], "preferred": None}
    assert w.cognito.mfa_of("carol") == {"enabled": [], "preferred": None}
    assert w.cognito.mfa_of("alice") == {"enabled": [], "preferred": None}


def test_8_no_planted_credential_or_token_appears_in_state_or_cli_output(world):
    w = world
    everything = exported_state(w) + "\n" + "\n".join(w.printed)
    for secret in [*PLANTED.values(), w.alice_token]:
        assert secret not in everything, f"{secret[:12]}… leaked"
