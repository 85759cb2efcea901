terraform {
  required_providers {
    cognitomfa = {
      source  = "pulumi-cognito-mfa/cognitomfa"
      version = "~> 0.1"
    }
  }
}

# Credentials come from the AWS SDK's default chain: the provider has no setting for them.
provider "cognitomfa" {
  # Both settings are optional. A user pool id names its region (eu-west-1_AbC123xyz), which wins.
  # region   = "eu-west-1"
  # endpoint = "http://localhost:5000" # a Cognito emulator
}
