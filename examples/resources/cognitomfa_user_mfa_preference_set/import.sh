# The id is the user pool's id. Every user of the pool with a factor enabled is taken up
# (IAM credentials: cognito-idp:ListUsers too).
terraform import cognitomfa_user_mfa_preference_set.pool eu-west-1_AbC123xyz

# Or an import block in the configuration (Terraform 1.5+, OpenTofu), done by the next apply:
#
# import {
#   to = cognitomfa_user_mfa_preference_set.pool
#   id = "eu-west-1_AbC123xyz"
# }
