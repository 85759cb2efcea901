# The native UserMfaPreferenceSet from Python: the generated SDK's map of users, keyed by usernames
# with Unicode, +, @, :, / and a leading __, through the real CLI and engine. Create adopts the
# users as they are (nothing written), a change to one user writes that user, and the outputs
# hold every user under its own name.

from types import SimpleNamespace

import pulumi
import pytest
from pulumi_cognito_mfa import FactorSettingsArgs, UserFactorsArgs, UserMfaPreferenceSet

from conftest import Cognito, fresh_stack, install_plugin

USERNAMES = ["José", "李小龙", "a+b@example.com", "ops:carol", "a/b", "__admin"]


@pytest.fixture(scope="module")
def pool(moto_endpoint):
    cognito = Cognito(moto_endpoint)
    cognito.create_pool()
    for username in USERNAMES:
        cognito.create_user(username)
        cognito.set_out_of_band(username, SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
    w = SimpleNamespace(cognito=cognito, users={name: True for name in USERNAMES})

    def program():
        users = {name: UserFactorsArgs(sms_mfa=FactorSettingsArgs(enabled=True, preferred=preferred)) for name, preferred in w.users.items()}
        resource = UserMfaPreferenceSet("pool", user_pool_id=cognito.pool, users=users)
        pulumi.export("users", resource.users)
        pulumi.export("reported", resource.reported_mfas)

    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": moto_endpoint,
    }
    w.stack = fresh_stack("native-python-set", program, env)
    install_plugin(w.stack)
    return w


def test_1_create_adopts_every_user_as_it_is_and_the_outputs_keep_each_username(pool):
    result = pool.stack.up()
    assert result.summary.resource_changes == {"create": 2}
    assert sorted(result.outputs["users"].value) == sorted(USERNAMES)
    for name in USERNAMES:
        assert result.outputs["users"].value[name] == {"smsMfa": {"enabled": True, "preferred": True}}, name
        assert result.outputs["reported"].value[name] == {"enabledMfas": ["SMS_MFA"], "preferredMfa": "SMS_MFA"}, name
        assert pool.cognito.mfa_of(name) == {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}
    assert pool.stack.preview(refresh=True, expect_no_changes=True).change_summary == {"same": 2}


def test_2_a_change_to_one_user_writes_that_user(pool):
    pool.users["__admin"] = False
    assert pool.stack.up().summary.resource_changes == {"same": 1, "update": 1}
    assert pool.cognito.mfa_of("__admin") == {"enabled": ["SMS_MFA"], "preferred": None}
    for name in USERNAMES[:-1]:
        assert pool.cognito.mfa_of(name) == {"enabled": ["SMS_MFA"], "preferred": "SMS_MFA"}, name
