# The admin form: the user by pool and username, with IAM credentials
# (cognito-idp:AdminSetUserMFAPreference and cognito-idp:AdminGetUser).
resource "cognitomfa_user_mfa_preference" "alice" {
  user_pool_id = "eu-west-1_AbC123xyz"
  username     = "alice"

  software_token_mfa = { enabled = true, preferred = true } # TOTP: needs a verified software token first
  sms_mfa            = { enabled = true }                   # needs the user's phone_number
  email_mfa          = { enabled = false }
  web_authn_mfa      = { enabled = true } # passkey MFA: Cognito has no preference for it
}

output "alice_enabled_mfas" {
  value = cognitomfa_user_mfa_preference.alice.enabled_mfas # ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
}

# The self-service form: the user by an access token Cognito issued to them, with the
# aws.cognito.signin.user.admin scope. The provider reads user_pool_id and username from the token.
# The token is write-only (Terraform and OpenTofu 1.11+): it is in no plan and no state, so
# refresh and destroy use the admin calls on that pool and username, with IAM credentials.
variable "access_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cognitomfa_user_mfa_preference" "me" {
  access_token = var.access_token

  software_token_mfa = { enabled = true, preferred = true }
}
