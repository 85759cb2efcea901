# One phase of the large-stack benchmark (scripts/bench/benchLarge.ts) from a Python program: the
# native plugin's UserMfaPreferenceSet of every user (or several, each of some), through the
# generated Python SDK, run inline with the Automation API (the CLI built here cannot build the
# Python language host).
# Usage: python large_set.py <spec.json> <up|preview|preview-refresh|up-refresh|destroy>
# The spec holds the project, stack, directory, backend, pool and sets (each pool resource's name and
# users: one, or several when the benchmark splits the users); the CLI's output goes to
# stdout, for the benchmark to read the pool resource's progress lines.

import json
import sys

from pulumi import automation as auto
from pulumi_cognito_mfa import FactorSettingsArgs, UserFactorsArgs, UserMfaPreferenceSet


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    operation = sys.argv[2]

    def program() -> None:
        for pool_set in spec["sets"]:
            users = {name: UserFactorsArgs(sms_mfa=FactorSettingsArgs(**factors["smsMfa"])) for name, factors in pool_set["users"].items()}
            UserMfaPreferenceSet(pool_set["name"], user_pool_id=spec["userPoolId"], users=users)

    project = auto.ProjectSettings(name=spec["project"], runtime="python", backend=auto.ProjectBackend(url=spec["backendUrl"]))
    stack = auto.create_or_select_stack(
        stack_name=spec["stack"],
        project_name=spec["project"],
        program=program,
        opts=auto.LocalWorkspaceOptions(work_dir=spec["workDir"], project_settings=project),
    )
    show = lambda line: print(line, flush=True)  # noqa: E731
    if operation == "up":
        stack.up(on_output=show)
    elif operation == "up-refresh":
        stack.up(refresh=True, on_output=show)
    elif operation == "preview":
        stack.preview(on_output=show)
    elif operation == "preview-refresh":
        stack.preview(refresh=True, expect_no_changes=True, on_output=show)
    elif operation == "destroy":
        stack.destroy(on_output=show)
    else:
        sys.exit(f"large_set.py: unknown operation {operation!r}")


if __name__ == "__main__":
    main()
