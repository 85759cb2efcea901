// The core's findings as Terraform diagnostics: a check failure at its attribute's path (so the
// CLI points at the line of configuration to fix), an error of a call with the core's message, in
// Terraform's terms (terms.ts).

import type { CheckFailure } from "../core/check";
import { terraformName, terraformText } from "./terms";

export type AttributeStep = { attribute_name: string } | { element_key_string: string };

export interface Diagnostic {
    severity: "ERROR" | "WARNING";
    summary: string;
    detail: string;
    attribute?: { steps: AttributeStep[] };
}

/**
 * A core property path (`smsMfa.preferred`, `users["ops:dave"].smsMfa.preferred`, "" for the whole)
 * as Terraform's attribute steps.
 */
export function attributeSteps(path: string): AttributeStep[] {
    const steps: AttributeStep[] = [];
    const token = /\.?([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\]/g;
    let match: RegExpExecArray | null;
    while ((match = token.exec(path)) !== null) {
        steps.push(match[1] !== undefined ? { attribute_name: terraformName(match[1]) } : { element_key_string: JSON.parse(match[2]) as string });
    }
    return steps;
}

/** A path as Terraform writes it: `users["ops:dave"].sms_mfa.preferred`. */
function pathText(steps: AttributeStep[]): string {
    return steps.map((step, index) => ("attribute_name" in step ? `${index === 0 ? "" : "."}${step.attribute_name}` : `[${JSON.stringify(step.element_key_string)}]`)).join("");
}

export function checkDiagnostics(failures: readonly CheckFailure[]): Diagnostic[] {
    return failures.map((failure) => {
        const steps = attributeSteps(failure.property);
        return {
            severity: "ERROR",
            summary: steps.length === 0 ? "Invalid configuration" : `Invalid ${pathText(steps)}`,
            detail: terraformText(failure.reason),
            ...(steps.length === 0 ? {} : { attribute: { steps } }),
        };
    });
}

/** An error of an operation: SUMMARY says which, the detail is the core's message; at ATTRIBUTE when given. */
export function errorDiagnostic(summary: string, error: unknown, attribute?: string): Diagnostic {
    const message = error instanceof Error ? error.message : String(error);
    return {
        severity: "ERROR",
        summary,
        detail: terraformText(message),
        ...(attribute === undefined ? {} : { attribute: { steps: attributeSteps(attribute) } }),
    };
}
