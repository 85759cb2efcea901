# A whole pool's users in one resource, by username (the username itself, not an alias). Admin form
# only: IAM credentials (cognito-idp:AdminSetUserMFAPreference and cognito-idp:AdminGetUser).
resource "cognitomfa_user_mfa_preference_set" "pool" {
  user_pool_id = "eu-west-1_AbC123xyz"

  users = {
    alice = {
      software_token_mfa = { enabled = true, preferred = true }
      sms_mfa            = { enabled = true }
    }
    bob = {
      sms_mfa = { enabled = true, preferred = true }
    }
    # No factor: not managed at all, the way to let go of a user without touching them.
    carol = {}
  }
}

output "pool_reported_mfas" {
  value = cognitomfa_user_mfa_preference_set.pool.reported_mfas # every user's MFA, managed or not
}
