// Offline validation of the resource's inputs. Every rule here is a rule Cognito enforces (or
// documents) too, so a program that fails here would fail at `pulumi up`; failing at preview
// is cheaper and names the property to fix. Values not known yet are never an error.

import { readAccessTokenClaims } from "./accessToken";
import { FACTORS, INPUT_PROPERTIES, PREFERABLE_FACTORS, type Factor, type MfaPreferenceInputs } from "./types";
import { isUnknown } from "./unknown";

const TOP_LEVEL_PROPERTIES: readonly string[] = INPUT_PROPERTIES;

// Cognito's documented constraints (API reference, AdminSetUserMFAPreference and SetUserMFAPreference).
const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d+_[0-9a-zA-Z]+$/;
const USER_POOL_ID_MAX_LENGTH = 55;
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const USERNAME_MAX_LENGTH = 128;
const ACCESS_TOKEN = /^[A-Za-z0-9\-_=.]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

type Properties = Record<string, unknown>;

/** A rule the inputs break: the property (dotted for nested ones, "" for the whole) and the fix. */
export interface CheckFailure {
    property: string;
    reason: string;
}

/** The inputs as the provider keeps them (defaults filled in), and every rule they break. */
export interface CheckOutcome {
    inputs: MfaPreferenceInputs;
    failures: CheckFailure[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Known and true; unknown values count as neither true nor false. */
function isTrue(value: unknown): boolean {
    return value === true;
}

function isFalse(value: unknown): boolean {
    return value === false;
}

export function checkInputs(news: unknown): CheckOutcome {
    const failures: CheckFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });

    if (!isObject(news)) {
        fail("", "the resource's inputs must be an object");
        return { inputs: {}, failures };
    }

    const inputs: Properties = {};
    for (const [key, value] of Object.entries(news)) {
        if (value === undefined || value === null) {
            continue;
        }
        if (!TOP_LEVEL_PROPERTIES.includes(key)) {
            fail(key, `unknown property "${key}"; expected one of ${TOP_LEVEL_PROPERTIES.join(", ")}`);
            continue;
        }
        inputs[key] = value;
    }

    checkIdentity(inputs, fail);
    checkString(inputs, "region", REGION, "an AWS region such as us-east-1", fail);
    checkEndpoint(inputs, fail);

    if (!checkFactorBlocks(inputs, fail)) {
        fail("smsMfa", `declare at least one factor to manage: ${FACTORS.join(", ")}`);
    }

    return { inputs: inputs as MfaPreferenceInputs, failures };
}

/**
 * Checks the factor blocks among INPUTS, in place (defaults filled in), and the rules between
 * them. True when at least one factor is declared.
 */
export function checkFactorBlocks(inputs: Properties, fail: Fail): boolean {
    let declaresFactor = false;
    for (const factor of FACTORS) {
        if (inputs[factor] !== undefined && inputs[factor] !== null) {
            declaresFactor = true;
            inputs[factor] = checkFactor(factor, inputs[factor], fail);
        }
    }
    checkPreferences(inputs, fail);
    return declaresFactor;
}

/** A failure about which user the inputs name: on `username`, or on the token without its value. */
export function identityFailure(inputs: { accessToken?: unknown }, reason: string): CheckFailure {
    return inputs.accessToken !== undefined ? accessTokenFailure(reason) : { property: "username", reason };
}

export type Fail = (property: string, reason: string) => void;

/** Where calls go, checked as the resource's inputs are: for front ends that take them alone. */
export function checkLocation(location: { userPoolId: string; region?: string; endpoint?: string }): CheckFailure[] {
    const failures: CheckFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    const values: Properties = { ...location };
    checkUserPoolId(values, fail);
    checkString(values, "region", REGION, "an AWS region such as us-east-1", fail);
    checkEndpoint(values, fail);
    return failures;
}

/**
 * The engine prints a failing property's value beside the reason, secret or not (pulumi 3.248,
 * issueCheckFailures), so a failure about the token names it in the reason instead.
 */
function accessTokenFailure(reason: string): CheckFailure {
    return { property: "", reason: `accessToken: ${reason}` };
}

function failOnAccessToken(fail: Fail, reason: string): void {
    const failure = accessTokenFailure(reason);
    fail(failure.property, failure.reason);
}

function checkIdentity(inputs: Properties, fail: Fail): void {
    const selfService = inputs.accessToken !== undefined;
    const admin = inputs.userPoolId !== undefined || inputs.username !== undefined;
    if (selfService && admin) {
        failOnAccessToken(fail, "the self-service form (accessToken) cannot be combined with userPoolId and username (admin form); give one form only");
        return;
    }
    if (selfService) {
        checkAccessToken(inputs.accessToken, fail);
        return;
    }
    for (const required of ["userPoolId", "username"]) {
        if (inputs[required] === undefined) {
            fail(required, `${required} is required (or give accessToken alone for the self-service form)`);
        }
    }
    checkUserPoolId(inputs, fail);
    checkString(inputs, "username", USERNAME, "a username or alias: letters, digits, symbols and punctuation, no spaces", fail);
    if (typeof inputs.username === "string" && [...inputs.username].length > USERNAME_MAX_LENGTH) {
        fail("username", `username must be at most ${USERNAME_MAX_LENGTH} characters`);
    }
}

/** Why USERNAME cannot be a Cognito username, or undefined when it can. */
export function usernameProblem(username: string): string | undefined {
    if (!USERNAME.test(username)) {
        return "a username has letters, digits, symbols and punctuation, no spaces";
    }
    return [...username].length > USERNAME_MAX_LENGTH ? `a username has at most ${USERNAME_MAX_LENGTH} characters` : undefined;
}

function checkUserPoolId(inputs: Properties, fail: Fail): void {
    checkString(inputs, "userPoolId", USER_POOL_ID, "a user pool id of the form <region>_<id>, such as us-east-1_AbC123xyz", fail);
    if (typeof inputs.userPoolId === "string" && inputs.userPoolId.length > USER_POOL_ID_MAX_LENGTH) {
        fail("userPoolId", `userPoolId must be at most ${USER_POOL_ID_MAX_LENGTH} characters`);
    }
}

/** The token's value never appears in a failure: failures are printed by the CLI. */
function checkAccessToken(token: unknown, fail: Fail): void {
    if (isUnknown(token)) {
        return;
    }
    if (typeof token !== "string" || !ACCESS_TOKEN.test(token) || readAccessTokenClaims(token) === undefined) {
        failOnAccessToken(fail, "must be a Cognito access token (a JWT issued by the user pool to the user)");
    }
}

function checkString(inputs: Properties, property: string, pattern: RegExp, expected: string, fail: Fail): void {
    const value = inputs[property];
    if (value === undefined || isUnknown(value)) {
        return;
    }
    if (typeof value !== "string") {
        fail(property, `${property} must be a string: ${expected}`);
    } else if (!pattern.test(value)) {
        fail(property, `${property} ${JSON.stringify(truncate(value))} is not valid: expected ${expected}`);
    }
}

function checkEndpoint(inputs: Properties, fail: Fail): void {
    const value = inputs.endpoint;
    if (value === undefined || isUnknown(value)) {
        return;
    }
    const reason = "endpoint must be an http:// or https:// URL, such as http://127.0.0.1:5000";
    if (typeof value !== "string") {
        fail("endpoint", reason);
        return;
    }
    try {
        const url = new URL(value);
        if (url.protocol !== "http:" && url.protocol !== "https:") {
            fail("endpoint", reason);
        }
    } catch {
        fail("endpoint", reason);
    }
}

/** Returns the block with `preferred` defaulted to false where the API has it. */
function checkFactor(factor: Factor, block: unknown, fail: Fail): unknown {
    if (isUnknown(block)) {
        return block;
    }
    const hasPreference = factor !== "webAuthnMfa";
    const shape = hasPreference ? "{ enabled: boolean, preferred?: boolean }" : "{ enabled: boolean }";
    if (!isObject(block)) {
        fail(factor, `${factor} must be an object ${shape}`);
        return block;
    }
    for (const key of Object.keys(block)) {
        if (key === "preferred" && !hasPreference) {
            fail(`${factor}.preferred`, "passkey MFA has no preferred setting in Cognito; remove webAuthnMfa.preferred");
        } else if (key !== "enabled" && key !== "preferred") {
            fail(`${factor}.${key}`, `unknown property "${key}"; ${factor} is ${shape}`);
        }
    }
    const { enabled, preferred } = block;
    if (enabled === undefined || enabled === null) {
        fail(`${factor}.enabled`, `${factor}.enabled is required: true to turn the factor on, false to turn it off`);
    } else if (typeof enabled !== "boolean" && !isUnknown(enabled)) {
        fail(`${factor}.enabled`, `${factor}.enabled must be a boolean`);
    }
    if (!hasPreference) {
        return { enabled };
    }
    if (preferred !== undefined && preferred !== null && typeof preferred !== "boolean" && !isUnknown(preferred)) {
        fail(`${factor}.preferred`, `${factor}.preferred must be a boolean`);
    }
    return { enabled, preferred: preferred ?? false };
}

function checkPreferences(inputs: Properties, fail: Fail): void {
    const block = (factor: Factor): Properties | undefined => (isObject(inputs[factor]) ? (inputs[factor] as Properties) : undefined);

    const preferred = PREFERABLE_FACTORS.filter((factor) => isTrue(block(factor)?.preferred));
    if (preferred.length > 1) {
        for (const factor of preferred) {
            fail(`${factor}.preferred`, `only one factor can be preferred, but ${preferred.join(" and ")} are; set preferred: false on all but one`);
        }
    }
    for (const factor of preferred) {
        if (isFalse(block(factor)?.enabled)) {
            fail(`${factor}.preferred`, `${factor} is preferred but not enabled; set ${factor}.enabled to true or ${factor}.preferred to false`);
        }
    }

    // Cognito requires another factor beside passkey MFA. Only when every other factor is
    // declared, and declared off, do we know that passkey would be the only one.
    const others = PREFERABLE_FACTORS.map(block);
    if (isTrue(block("webAuthnMfa")?.enabled) && others.every((other) => other !== undefined && isFalse(other.enabled))) {
        fail("webAuthnMfa.enabled", "passkey MFA cannot be the only factor: Cognito requires another enabled factor (SMS, TOTP or email); enable one of them or disable webAuthnMfa");
    }
}

/** A value short enough to quote in a failure. */
export function truncate(value: string): string {
    return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}
