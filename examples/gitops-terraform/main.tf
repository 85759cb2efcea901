# One user pool's MFA, declared as one cognitomfa_user_mfa_preference_set: users.json maps each
# username to the factors to manage (README.md: adopting an existing pool writes it).

terraform {
  # The S3 backend's lock file (use_lockfile) needs Terraform or OpenTofu 1.10, the access token's
  # write-only attribute 1.11.
  required_version = ">= 1.11"

  backend "s3" {
    bucket       = "example-tofu-state"
    key          = "cognito-mfa/terraform.tfstate"
    region       = "eu-west-1"
    use_lockfile = true
  }

  required_providers {
    cognitomfa = {
      source  = "pulumi-cognito-mfa/cognitomfa"
      version = "~> 0.1"
    }
  }
}

variable "user_pool_id" {
  type        = string
  description = "The user pool whose users' MFA this configuration declares (the workflow sets TF_VAR_user_pool_id)."
}

# Credentials: the AWS SDK's default chain (in the workflow, the role of the OIDC step).
provider "cognitomfa" {}

resource "cognitomfa_user_mfa_preference_set" "pool" {
  user_pool_id = var.user_pool_id

  # A users block for each user of users.json, labelled with the username. The content names every
  # factor of the block: one left out here would be ignored in users.json.
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
