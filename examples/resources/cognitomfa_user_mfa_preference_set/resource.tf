# A whole pool's users in one resource: a `users` block for each user, labelled with the username
# (the username itself, not an alias). Admin form only: IAM credentials
# (cognito-idp:AdminSetUserMFAPreference and cognito-idp:AdminGetUser).
resource "cognitomfa_user_mfa_preference_set" "pool" {
  user_pool_id = "eu-west-1_AbC123xyz"

  users "alice" {
    software_token_mfa = { enabled = true, preferred = true }
    sms_mfa            = { enabled = true }
  }
  users "bob" {
    sms_mfa = { enabled = true, preferred = true }
  }
  # No factor: not managed at all, the way to let go of a user without touching them.
  users "carol" {}
}

output "pool_reported_mfas" {
  value = cognitomfa_user_mfa_preference_set.pool.reported_mfas # every user's MFA, managed or not
}

# The users from a file, {"dave": {"sms_mfa": {"enabled": true}}, ...}: a dynamic block makes one
# `users` block for each. Its content names every factor: one it left out would be ignored silently.
resource "cognitomfa_user_mfa_preference_set" "from_file" {
  user_pool_id = "eu-west-1_DeF456uvw"

  dynamic "users" {
    for_each = jsondecode(file("${path.module}/users.json"))
    labels   = [users.key]
    content {
      sms_mfa            = try(users.value.sms_mfa, null)
      software_token_mfa = try(users.value.software_token_mfa, null)
      email_mfa          = try(users.value.email_mfa, null)
      web_authn_mfa      = try(users.value.web_authn_mfa, null)
    }
  }
}
