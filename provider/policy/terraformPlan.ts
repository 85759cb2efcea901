// A Terraform or OpenTofu plan, as `terraform show -json <planfile>` writes it, read for the MFA
// rules: the users that each of this provider's resources declares once the plan is applied, by
// resource address, in the core's words (camelCase factor blocks). Judging them is
// planVerdict.ts's; this file knows only the plan's format.
//
// What is read, and why:
//   - `resource_changes`, not `planned_values`: only it tells which values are unknown until apply
//     (`change.after_unknown`), and `planned_values` leaves them out without saying so.
//   - A resource the plan creates, updates, replaces or leaves as it is (no-op). The policy pack
//     judges every resource a Pulumi program declares, changed or not, so a plan is judged by all
//     that its configuration declares: an unchanged user still breaks a rule made stricter since.
//     A resource the plan deletes or forgets (`removed` blocks) is declared no more: not judged.
//   - Unknown values are left out of `change.after` and marked true in `change.after_unknown`
//     (nested like `after`). A user whose username or factor blocks are unknown is returned with
//     the paths of what is unknown, as the policy pack cannot judge such a user at preview either.

import { isObject } from "../core/check";
import { FACTORS, type FactorSettings, type UserFactors } from "../core/types";
import { SET_RESOURCE, USER_RESOURCE } from "../terraform/schema";
import { terraformName } from "../terraform/terms";

/** The input is not a plan's JSON, or not one this reader understands; the message says which and what to give instead. */
export class PlanError extends Error {}

/** One user a resource declares. */
export interface PlannedUser {
    /** Undefined when the plan gives none: then `unknown` lists `username` (the provider reads it from the token at plan when the token is known). */
    username: string | undefined;
    /** The factor blocks as the plan declares them, camelCase; a block left out (null) is absent. */
    factors: UserFactors;
    /** The values the rules read that are known only after apply, as Terraform paths (`users["carol"].email_mfa.enabled`); empty when the user can be judged. */
    unknown: string[];
}

export interface PlannedResource {
    /** The resource instance's address, module path and index included: `module.iam.cognitomfa_user_mfa_preference.admin["ann"]`. */
    address: string;
    /** A set's users in the plan's order (by username); a user resource's one user. */
    users: PlannedUser[];
    /** Set when a set's whole `users` map is known only after apply: no user can then be listed. */
    unknownUsers: boolean;
}

/** Actions after which the resource is still declared: the ones whose resources are judged. */
const DECLARING_ACTIONS = ["create", "update", "no-op"];

/** Each of this provider's resources the plan leaves declared, in the plan's order. */
export function plannedResources(plan: unknown): PlannedResource[] {
    if (!isObject(plan) || typeof plan.format_version !== "string" || !isObject(plan.planned_values)) {
        // `terraform show -json` without a plan file prints the state, which has `values` instead.
        const state = isObject(plan) && typeof plan.format_version === "string" && isObject(plan.values);
        throw new PlanError(
            state
                ? "this is the JSON of a state (terraform show -json with no plan file), not of a plan: give `terraform show -json <planfile>`'s output"
                : "this is not the JSON of a plan: give `terraform show -json <planfile>`'s output (or `tofu show -json <planfile>`'s)",
        );
    }
    const changes = plan.resource_changes ?? [];
    if (!Array.isArray(changes)) {
        throw new PlanError("resource_changes: not a list; is this `terraform show -json <planfile>`'s output?");
    }
    const resources: PlannedResource[] = [];
    changes.forEach((entry: unknown, index) => {
        const at = `resource_changes[${index}]`;
        if (!isObject(entry) || !isObject(entry.change)) {
            throw new PlanError(`${at}: not a resource change (an object with a \`change\`)`);
        }
        // The data source (cognitomfa_user_mfa) has a type of its own; a deposed object, left by a replacement, is only ever deleted.
        if (entry.type !== USER_RESOURCE && entry.type !== SET_RESOURCE) {
            return;
        }
        const { actions, after, after_unknown: afterUnknown } = entry.change;
        if (!Array.isArray(actions) || !actions.every((action) => typeof action === "string")) {
            throw new PlanError(`${at}.change.actions: not a list of actions`);
        }
        if (!actions.some((action) => DECLARING_ACTIONS.includes(action))) {
            return;
        }
        if (typeof entry.address !== "string" || !isObject(after)) {
            throw new PlanError(`${at}: a resource the plan keeps needs an \`address\` and an object \`change.after\``);
        }
        const unknown = isObject(afterUnknown) ? afterUnknown : {};
        const { address } = entry;
        if (entry.type === USER_RESOURCE) {
            const username = after.username ?? undefined;
            if (username !== undefined && typeof username !== "string") {
                throw new PlanError(`${at}.change.after.username: not a string`);
            }
            const user = userOf(username, after, unknown, "", `${at}.change.after`);
            if (unknown.username === true) {
                user.unknown.unshift("username");
            }
            resources.push({ address, users: [user], unknownUsers: false });
        } else if (unknown.users === true) {
            resources.push({ address, users: [], unknownUsers: true });
        } else {
            const users = after.users ?? {};
            if (!isObject(users)) {
                throw new PlanError(`${at}.change.after.users: not a map of users`);
            }
            const unknownUsers = isObject(unknown.users) ? unknown.users : {};
            const planned = Object.entries(users).map(([username, blocks]) => {
                const path = `users[${JSON.stringify(username)}]`;
                if (!isObject(blocks)) {
                    throw new PlanError(`${at}.change.after.${path}: not an object of factor blocks`);
                }
                return userOf(username, blocks, isObject(unknownUsers[username]) ? unknownUsers[username] : {}, `${path}.`, `${at}.change.after.${path}`);
            });
            // A user whose whole entry is unknown is left out of `after` and marked true in `after_unknown`.
            for (const [username, mark] of Object.entries(unknownUsers)) {
                if (mark === true) {
                    planned.push({ username, factors: {}, unknown: [`users[${JSON.stringify(username)}]`] });
                }
            }
            resources.push({ address, users: planned, unknownUsers: false });
        }
    });
    return resources;
}

/** A user's factor blocks from BLOCKS (snake_case), with the paths of the values the rules read that are unknown; PREFIX leads each path. */
function userOf(username: string | undefined, blocks: Record<string, unknown>, unknown: Record<string, unknown>, prefix: string, at: string): PlannedUser {
    const factors: UserFactors = {};
    const unknownPaths: string[] = [];
    for (const factor of FACTORS) {
        const name = terraformName(factor);
        const block = blocks[name];
        const marks = unknown[name];
        if (marks === true) {
            unknownPaths.push(`${prefix}${name}`);
            continue;
        }
        for (const setting of ["enabled", "preferred"]) {
            if (isObject(marks) && marks[setting] === true) {
                unknownPaths.push(`${prefix}${name}.${setting}`);
            }
        }
        if (block === null || block === undefined) {
            continue;
        }
        if (!isObject(block)) {
            throw new PlanError(`${at}.${name}: not a factor block (an object with \`enabled\`)`);
        }
        // Passkey MFA's block has no `preferred`; the others' is filled in by the provider (default false).
        const { enabled, preferred } = block;
        factors[factor] = (preferred === undefined || preferred === null ? { enabled } : { enabled, preferred }) as FactorSettings;
    }
    return { username, factors, unknown: unknownPaths };
}
