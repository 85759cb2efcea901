// The benchmark's Terraform front end (`--fronts set-terraform`): the pool resource of the
// Terraform provider, one `cognitomfa_user_mfa_preference_set` of every user in a JSON
// configuration (main.tf.json, as a generated configuration of thousands of users is written),
// run by OpenTofu with the provider installed from its release zip. Each phase is the command a
// Terraform user runs for the same step as Pulumi's:
//   up                 tofu apply
//   preview --refresh  tofu plan -refresh-only -detailed-exitcode (exit 0: no drift)
//   change: preview    tofu plan -refresh=false -out change.tfplan
//   change: up         tofu apply change.tfplan
//   up --refresh       tofu apply (refreshes first, as by default)
//   adopt: up          tofu state rm of the resource (Cognito untouched), then tofu apply
//   destroy            tofu destroy

import * as fs from "node:fs";
import * as path from "node:path";
import { usersOf, type BenchSpec } from "./benchPrograms";
import { PROVIDER_SOURCE, PROVIDER_VERSION, tofuProject, type TofuProject } from "../../test/support/tofuProject";

type Operation = (onOutput: (text: string) => void) => Promise<unknown>;

const ADDRESS = "cognitomfa_user_mfa_preference_set.pool";

function configuration(spec: BenchSpec): object {
    const users = Object.fromEntries(Object.entries(usersOf(spec)).map(([username, { smsMfa }]) => [username, { sms_mfa: smsMfa }]));
    return {
        terraform: { required_providers: { cognitomfa: { source: PROVIDER_SOURCE, version: PROVIDER_VERSION } } },
        provider: { cognitomfa: {} },
        resource: { cognitomfa_user_mfa_preference_set: { pool: { user_pool_id: spec.userPoolId, users } } },
    };
}

export interface TerraformStack {
    project: TofuProject;
    /** Rewrites the configuration after SPEC changed. */
    write(): void;
    operationOf(phase: string): Operation;
    /** The state without the resource, as `tofu state rm` leaves it: Cognito is untouched. */
    forget(): Promise<void>;
    stateBytes(): number;
}

export async function terraformStack(dir: string, spec: BenchSpec, env: Record<string, string>): Promise<TerraformStack> {
    const project = tofuProject(dir, env);
    const write = () => project.write("main.tf.json", JSON.stringify(configuration(spec), null, 1));
    write();
    await project.ok("init");
    const command = (...args: string[]): Operation => async (onOutput) => {
        const result = await project.run(...args);
        onOutput(result.output);
        if (result.status !== 0) {
            throw new Error(`tofu ${args.join(" ")} exited ${result.status}: ${result.output.slice(-2000)}`);
        }
    };
    const phases: Record<string, Operation> = {
        up: command("apply", "-auto-approve"),
        "preview --refresh": command("plan", "-refresh-only", "-detailed-exitcode"),
        "change: preview": command("plan", "-refresh=false", "-out", "change.tfplan"),
        "change: up": command("apply", "change.tfplan"),
        "up --refresh": command("apply", "-auto-approve"),
        "adopt: up": command("apply", "-auto-approve"),
        destroy: command("destroy", "-auto-approve"),
    };
    return {
        project,
        write,
        operationOf: (phase) => phases[phase],
        forget: async () => void (await project.ok("state", "rm", ADDRESS)),
        stateBytes: () => fs.statSync(path.join(dir, "terraform.tfstate")).size,
    };
}
