# The id is <user_pool_id>/<username>. Every factor Cognito reports is taken up; passkey MFA cannot
# be read back.
terraform import cognitomfa_user_mfa_preference.alice eu-west-1_AbC123xyz/alice

# Or an import block in the configuration (Terraform 1.5+, OpenTofu), done by the next apply:
#
# import {
#   to = cognitomfa_user_mfa_preference.alice
#   id = "eu-west-1_AbC123xyz/alice"
# }
