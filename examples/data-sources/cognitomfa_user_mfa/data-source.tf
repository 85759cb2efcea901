# One user's MFA as Cognito reports it, whether or not a resource manages it
# (IAM credentials: cognito-idp:AdminGetUser).
data "cognitomfa_user_mfa" "bob" {
  user_pool_id = "eu-west-1_AbC123xyz"
  username     = "bob"
}

output "bob_enabled_mfas" {
  value = data.cognitomfa_user_mfa.bob.enabled_mfas # such as ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
}

check "bob_prefers_totp" {
  assert {
    condition     = data.cognitomfa_user_mfa.bob.preferred_mfa == "SOFTWARE_TOKEN_MFA"
    error_message = "bob does not prefer TOTP."
  }
}
